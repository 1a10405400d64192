/**
 * The overall progress bar, the progress line (bytes, rate, ETA, phase) and the current file. They follow
 * the job store through a transient subscription and write to the DOM directly, so progress events never
 * re-render React. Screen readers hear the line through a polite live region, at most every
 * {@link ANNOUNCE_INTERVAL_MS} (and at once when the phase changes or the run pauses).
 */
import { useEffect, useRef } from 'react';
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useUiLanguage } from '../../i18n/hooks.ts';
import { isImportJob, overallFraction, useJobStore, type JobState } from '../../stores/job.ts';
import { progressLine } from './progress-text.ts';

export const ANNOUNCE_INTERVAL_MS = 10_000;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  track: {
    height: '8px',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground6,
    overflow: 'hidden',
  },
  fill: {
    height: '100%',
    width: '0%',
    backgroundColor: tokens.colorCompoundBrandBackground,
    transitionProperty: 'width',
    transitionDuration: tokens.durationNormal,
    '&[data-paused="true"]': { backgroundColor: tokens.colorPaletteMarigoldBorderActive },
  },
  current: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground2, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
  srOnly: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap' },
});

export function ProgressPanel() {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const styles = useStyles();
  const bar = useRef<HTMLDivElement>(null);
  const fill = useRef<HTMLDivElement>(null);
  const line = useRef<HTMLSpanElement>(null);
  const current = useRef<HTMLSpanElement>(null);
  const live = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let lastAnnounced = 0;
    let lastKey = '';
    const render = (s: JobState): void => {
      const text = progressLine(s, t, lang);
      const ended = s.status === 'done' || s.status === 'failed' || s.status === 'cancelled';
      const fraction = s.status === 'done' ? 1 : overallFraction(s.progress, isImportJob(s.kind, s.progress));
      if (bar.current) {
        if (fraction === undefined) bar.current.removeAttribute('aria-valuenow');
        else bar.current.setAttribute('aria-valuenow', String(Math.round(fraction * 100)));
        bar.current.setAttribute('aria-valuetext', text);
      }
      if (fill.current) {
        fill.current.style.width = `${((fraction ?? 0) * 100).toFixed(2)}%`;
        fill.current.dataset.paused = String(s.paused && !ended);
      }
      if (line.current) line.current.textContent = text;
      if (current.current) current.current.textContent = !ended && s.progress?.currentFile ? t('repair.currentFile', { file: s.progress.currentFile }) : '';
      // Announce: on the first progress, when the phase, pause or outcome changes, else at most every interval.
      const key = `${s.status}|${s.progress?.phase ?? ''}|${s.paused}`;
      const now = Date.now();
      if ((s.progress || ended) && (key !== lastKey || now - lastAnnounced >= ANNOUNCE_INTERVAL_MS)) {
        lastKey = key;
        lastAnnounced = now;
        if (live.current) live.current.textContent = text;
      }
    };
    render(useJobStore.getState());
    return useJobStore.subscribe((s, prev) => {
      if (s.progress !== prev.progress || s.paused !== prev.paused || s.status !== prev.status || s.downloadRate !== prev.downloadRate || s.uploadRate !== prev.uploadRate || s.kind !== prev.kind) render(s);
    });
  }, [t, lang]);

  return (
    <div className={styles.root}>
      <div ref={bar} className={styles.track} role="progressbar" aria-label={t('repair.progressLabel')} aria-valuemin={0} aria-valuemax={100}>
        <div ref={fill} className={styles.fill} />
      </div>
      <Text>
        <span ref={line} data-testid="progress-line" />
      </Text>
      <Text size={200}>
        <span ref={current} className={styles.current} data-testid="current-file" />
      </Text>
      <div ref={live} className={styles.srOnly} aria-live="polite" aria-atomic="true" data-testid="progress-announcer" />
    </div>
  );
}
