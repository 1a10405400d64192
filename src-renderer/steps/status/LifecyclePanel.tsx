/**
 * "Where the job is": the user picks the job state and the drive state the Azure portal (or Get Job)
 * shows, and sees both life cycles of seed 002 as diagrams with the current state highlighted (the SVGs
 * of src-shared/lifecycle, inlined: trusted, escaped markup, allowed by the page's CSP), what the state
 * means, what happens next, where it can go, its time limits and the problems that can happen in it,
 * in the UI language.
 */
import { useId } from 'react';
import { Field, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { cardStyle } from '../../components/fact-styles.ts';
import {
  DRIVE_STATES,
  JOB_STATES,
  describeDriveState,
  describeJobState,
  driveLifecycleSvg,
  jobLifecycleSvg,
  type DriveLifecycleState,
  type JobLifecycleState,
  type LifecycleStateDescription,
} from '../../../src-shared/lifecycle/index.ts';
import { RichText } from '../../components/RichText.tsx';
import { useUiLanguage } from '../../i18n/hooks.ts';
import { useReviewStore } from '../../stores/review.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  pickers: { display: 'flex', gap: tokens.spacingHorizontalXL, flexWrap: 'wrap' },
  picker: { minWidth: '240px' },
  card: cardStyle,
  diagram: { maxWidth: '900px', '& svg': { display: 'block', width: '100%', height: 'auto' } },
  h3: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  h4: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  p: { margin: 0 },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

function Explanation<S extends string>({ d, headingId }: { d: LifecycleStateDescription<S>; headingId: string }) {
  const { t } = useTranslation();
  const styles = useStyles();
  return (
    <div className={styles.card} aria-labelledby={headingId} role="group" data-testid={`lifecycle-${d.kind}-text`}>
      <h4 id={headingId} className={styles.h4}>
        {t(d.kind === 'job' ? 'lifecycle.jobIs' : 'lifecycle.driveIs', { state: d.state })}
      </h4>
      <Text as="p" className={styles.p}>
        <strong>{t('lifecycle.means')}</strong> <RichText text={d.meaning} />
      </Text>
      <Text as="p" className={styles.p}>
        <strong>{t('lifecycle.next')}</strong> <RichText text={d.next} />
      </Text>
      {d.onlyFor && <Text className={styles.p}>{t(d.onlyFor === 'import' ? 'lifecycle.onlyImport' : 'lifecycle.onlyExport')}</Text>}
      {d.maxDays !== undefined && <Text className={styles.p}>{t('lifecycle.maxDays', { days: d.maxDays })}</Text>}
      {d.deletedAfterDays !== undefined && <Text className={styles.p}>{t('lifecycle.deletedAfter', { days: d.deletedAfterDays })}</Text>}
      {d.transitions.length > 0 && (
        <>
          <Text weight="semibold">{t('lifecycle.canGo')}</Text>
          <ul className={styles.list}>
            {d.transitions.map((tr) => (
              <li key={`${tr.to}|${tr.kind}`}>
                {t(tr.kind === 'exception' ? 'lifecycle.transitionException' : 'lifecycle.transition', { to: tr.to, by: t(`lifecycle.by.${tr.by}`) })} <RichText text={tr.when} />
              </li>
            ))}
          </ul>
        </>
      )}
      {d.errorCases.length > 0 && (
        <>
          <Text weight="semibold">{t('lifecycle.problems')}</Text>
          <ul className={styles.list}>
            {d.errorCases.map((e, i) => (
              <li key={i}>
                <RichText text={e.event} /> — <RichText text={e.resolution} />
                {e.exportOnly ? ` (${t('lifecycle.exportOnly')})` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** Props of {@link LifecyclePanel}. */
export interface LifecyclePanelProps {
  /** Heading level of the panel's own heading (3 on the Review step, none on the Status step). */
  heading?: boolean;
}

/** The panel (see the module comment); the chosen states live in the review store. */
export function LifecyclePanel({ heading = false }: LifecyclePanelProps) {
  const { t } = useTranslation();
  const lang = useUiLanguage();
  const styles = useStyles();
  const jobState = useReviewStore((s) => s.jobState);
  const driveState = useReviewStore((s) => s.driveState);
  const headingId = useId();
  const jobTextId = useId();
  const driveTextId = useId();
  const prefix = useId().replace(/[^A-Za-z0-9_-]/g, '');
  const job = jobState ? describeJobState(jobState, lang) : undefined;
  const drive = driveState ? describeDriveState(driveState, lang) : undefined;
  const notes = (job ?? drive)?.notes ?? [];

  return (
    <section className={styles.root} aria-labelledby={heading ? headingId : undefined} aria-label={heading ? undefined : t('lifecycle.title')}>
      {heading && (
        <h3 id={headingId} className={styles.h3}>
          {t('lifecycle.title')}
        </h3>
      )}
      <Text as="p" className={styles.p}>
        {t('lifecycle.intro')}
      </Text>
      <div className={styles.pickers}>
        <Field label={t('lifecycle.jobState')} className={styles.picker}>
          <Select value={jobState ?? ''} onChange={(_, d) => useReviewStore.setState({ jobState: (d.value || undefined) as JobLifecycleState | undefined })}>
            <option value="">{t('lifecycle.notKnown')}</option>
            {JOB_STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t('lifecycle.driveState')} className={styles.picker}>
          <Select value={driveState ?? ''} onChange={(_, d) => useReviewStore.setState({ driveState: (d.value || undefined) as DriveLifecycleState | undefined })}>
            <option value="">{t('lifecycle.notKnown')}</option>
            {DRIVE_STATES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <div className={styles.card}>
        <Text weight="semibold">{t('lifecycle.jobCycle')}</Text>
        <div className={styles.diagram} data-testid="job-lifecycle" dangerouslySetInnerHTML={{ __html: jobLifecycleSvg(jobState, { lang, idPrefix: `${prefix}-job` }) }} />
        {job && <Explanation d={job} headingId={jobTextId} />}
      </div>
      <div className={styles.card}>
        <Text weight="semibold">{t('lifecycle.driveCycle')}</Text>
        <div className={styles.diagram} data-testid="drive-lifecycle" dangerouslySetInnerHTML={{ __html: driveLifecycleSvg(driveState, { lang, idPrefix: `${prefix}-drive` }) }} />
        {drive && <Explanation d={drive} headingId={driveTextId} />}
      </div>
      {notes.length > 0 && (
        <ul className={styles.list}>
          {notes.map((n, i) => (
            <li key={i}>
              <RichText text={n} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
