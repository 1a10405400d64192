/**
 * The throughput chart (uPlot): download and verify rates over time (RepairExport), or the upload rate
 * (RepairImport). It reads the job store's rate
 * history through a transient subscription and redraws at most every {@link CHART_INTERVAL_MS}, off the
 * React render path. Where there is no canvas (tests), nothing is drawn; the rates are in the progress
 * line as text anyway.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { isImportJob, useJobStore, type RateHistory } from '../../stores/job.ts';

export const CHART_INTERVAL_MS = 300;
const HEIGHT = 160;
const MiB = 1024 * 1024;

const useStyles = makeStyles({
  root: { margin: 0, minHeight: `${HEIGHT + 40}px`, maxWidth: '100%' },
  caption: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
});

function canvasAvailable(): boolean {
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
}

function toData(h: RateHistory, upload: boolean): uPlot.AlignedData {
  return upload ? [h.t, h.upload.map((v) => v / MiB)] : [h.t, h.download.map((v) => v / MiB), h.verify.map((v) => v / MiB)];
}

export function ThroughputChart() {
  const { t } = useTranslation();
  const styles = useStyles();
  const box = useRef<HTMLDivElement>(null);
  const upload = useJobStore((s) => isImportJob(s.kind, s.progress));

  useEffect(() => {
    const el = box.current;
    if (!el || !canvasAvailable()) return;
    const width = Math.max(280, el.clientWidth || 640);
    let plot: uPlot;
    try {
      plot = new uPlot(
        {
          width,
          height: HEIGHT,
          legend: { show: true },
          cursor: { drag: { x: false, y: false } },
          scales: { x: { time: false } },
          axes: [
            { label: t('repair.chart.seconds') },
            { label: 'MB/s', size: 60 },
          ],
          series: [
            { label: t('repair.chart.seconds'), value: (_u, v) => (v == null ? '–' : `${Math.round(v)} s`) },
            ...(upload
              ? [{ label: t('repair.chart.upload'), stroke: '#0f6cbd', width: 2, fill: 'rgba(15,108,189,0.08)', value: (_u: uPlot, v: number | null) => (v == null ? '–' : `${v.toFixed(1)} MB/s`) }]
              : [
                  { label: t('repair.chart.download'), stroke: '#0f6cbd', width: 2, fill: 'rgba(15,108,189,0.08)', value: (_u: uPlot, v: number | null) => (v == null ? '–' : `${v.toFixed(1)} MB/s`) },
                  { label: t('repair.chart.verify'), stroke: '#107c10', width: 2, value: (_u: uPlot, v: number | null) => (v == null ? '–' : `${v.toFixed(1)} MB/s`) },
                ]),
          ],
        },
        toData(useJobStore.getState().history, upload),
        el,
      );
    } catch {
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = (): void => {
      timer = undefined;
      plot.setData(toData(useJobStore.getState().history, upload));
    };
    const unsubscribe = useJobStore.subscribe((s, prev) => {
      if (s.history !== prev.history && timer === undefined) timer = setTimeout(flush, CHART_INTERVAL_MS);
    });
    const resize = new ResizeObserver(() => {
      const w = Math.max(280, el.clientWidth);
      if (w !== plot.width) plot.setSize({ width: w, height: HEIGHT });
    });
    resize.observe(el);
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
      resize.disconnect();
      plot.destroy();
    };
  }, [t, upload]);

  return (
    <figure className={styles.root}>
      <div ref={box} role="img" aria-label={upload ? t('repair.chart.labelUpload') : t('repair.chart.label')} />
      <figcaption className={styles.caption}>{t('repair.chart.caption')}</figcaption>
    </figure>
  );
}
