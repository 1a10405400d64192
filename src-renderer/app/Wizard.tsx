/** The wizard: step list on the left, the step with its heading, Back/Next at the bottom. */
import { useEffect, useRef, type ComponentType } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { StepList } from './StepList.tsx';
import { Footer } from './Footer.tsx';
import { useWizardStore, type StepId } from '../stores/wizard.ts';
import { StartStep } from '../steps/start/StartStep.tsx';
import { DriveStep } from '../steps/drive/DriveStep.tsx';
import { CopyLogStep } from '../steps/copy-log/CopyLogStep.tsx';
import { StorageStep } from '../steps/storage/StorageStep.tsx';
import { PlanStep } from '../steps/plan/PlanStep.tsx';
import { RepairStep } from '../steps/repair/RepairStep.tsx';
import { ReportStep } from '../steps/report/ReportStep.tsx';
import { SourcesStep } from '../steps/sources/SourcesStep.tsx';
import { ReviewStep } from '../steps/review/ReviewStep.tsx';
import { StatusStep } from '../steps/status/StatusStep.tsx';

const STEPS: Record<StepId, ComponentType> = {
  start: StartStep,
  drive: DriveStep,
  sources: SourcesStep,
  copyLog: CopyLogStep,
  storage: StorageStep,
  plan: PlanStep,
  repair: RepairStep,
  report: ReportStep,
  review: ReviewStep,
  status: StatusStep,
};

const useStyles = makeStyles({
  root: { display: 'flex', flexGrow: 1, minHeight: 0 },
  main: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0 },
  content: {
    flexGrow: 1,
    overflowY: 'auto',
    paddingBlock: tokens.spacingVerticalXL,
    paddingInline: tokens.spacingHorizontalXXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, outlineOffset: '4px' },
});

export function Wizard() {
  const { t } = useTranslation();
  const styles = useStyles();
  const step = useWizardStore((s) => s.step);
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = useRef(step);

  // Focus moves to the step's heading when the step changes (not on first load).
  useEffect(() => {
    if (shown.current === step) return;
    shown.current = step;
    heading.current?.focus();
  }, [step]);

  const Step = STEPS[step];
  return (
    <div className={styles.root}>
      <StepList />
      <main className={styles.main} aria-labelledby="step-heading">
        <div className={styles.content}>
          <h2 id="step-heading" ref={heading} tabIndex={-1} className={styles.heading}>
            {t(`steps.${step}.title`)}
          </h2>
          <Step key={step} />
        </div>
        <Footer />
      </main>
    </div>
  );
}
