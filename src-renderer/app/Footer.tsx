/** Back / Next at the bottom, like an installer. Next stays focusable when disabled and says why. */
import { useId, useState } from 'react';
import { Button, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useApi } from './api-context.ts';
import { applyRemember, startRepair } from './actions.ts';
import { blockerFor } from './validation.ts';
import { useSnapshot } from './use-snapshot.ts';
import { stepsFor, useWizardStore, wizard } from '../stores/wizard.ts';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    paddingBlock: tokens.spacingVerticalM,
    paddingInline: tokens.spacingHorizontalXXL,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  reason: { flexGrow: 1, color: tokens.colorNeutralForeground2 },
});

export function Footer() {
  const { t } = useTranslation();
  const api = useApi();
  const styles = useStyles();
  const reasonId = useId();
  const step = useWizardStore((s) => s.step);
  const snap = useSnapshot();
  const [busy, setBusy] = useState(false);
  const steps = stepsFor(snap.task);
  const index = steps.indexOf(step);
  const last = index === steps.length - 1;
  const running = snap.jobStatus === 'running' || snap.jobStatus === 'starting';
  const blocker = blockerFor(step, snap);
  const canGoBack = index > 0 && !running && !busy;
  const nextLabel = step === 'plan' ? t('nav.startRepair') : step === 'repair' ? t('nav.seeReport') : t('nav.next');

  const next = async (): Promise<void> => {
    if (blocker || busy) return;
    setBusy(true);
    try {
      if (step === 'storage') await applyRemember(api);
      if (step === 'plan') {
        await startRepair(api);
        return;
      }
      const target = steps[index + 1];
      if (target) wizard.goTo(target);
    } finally {
      setBusy(false);
    }
  };

  return (
    <footer className={styles.root}>
      <Button disabled={!canGoBack} onClick={() => canGoBack && wizard.goTo(steps[index - 1]!)}>
        {t('nav.back')}
      </Button>
      <Text id={reasonId} className={styles.reason} aria-live="polite">
        {!last && blocker ? t(blocker.key, blocker.values) : ''}
      </Text>
      {busy && <Spinner size="tiny" aria-label={t('common.working')} />}
      {!last && (
        <Button
          appearance="primary"
          disabledFocusable={blocker !== null || busy}
          aria-describedby={blocker ? reasonId : undefined}
          onClick={() => void next()}
        >
          {nextLabel}
        </Button>
      )}
    </footer>
  );
}
