/** The installer-style step list on the left: where you are, what is done, where you may jump. */
import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { blockerFor, canVisit } from './validation.ts';
import { useSnapshot } from './use-snapshot.ts';
import { stepsFor, useWizardStore, wizard } from '../stores/wizard.ts';

const useStyles = makeStyles({
  root: {
    width: '230px',
    flexShrink: 0,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingBlock: tokens.spacingVerticalL,
    paddingInline: tokens.spacingHorizontalS,
    overflowY: 'auto',
  },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { justifyContent: 'flex-start', width: '100%', textAlign: 'start', fontWeight: tokens.fontWeightRegular },
  current: { fontWeight: tokens.fontWeightSemibold, backgroundColor: tokens.colorNeutralBackground1Selected },
  mark: { display: 'inline-block', width: '1.6em', textAlign: 'center' },
});

export function StepList() {
  const { t } = useTranslation();
  const styles = useStyles();
  const step = useWizardStore((s) => s.step);
  const snap = useSnapshot();
  const steps = stepsFor(snap.task);
  const currentIndex = steps.indexOf(step);
  return (
    <nav className={styles.root} aria-label={t('nav.steps')}>
      <ol className={styles.list}>
        {steps.map((id, i) => {
          const current = id === step;
          const done = i < currentIndex && blockerFor(id, snap) === null;
          const reachable = !current && canVisit(id, snap);
          return (
            <li key={id}>
              <Button
                appearance="subtle"
                className={mergeClasses(styles.item, current && styles.current)}
                aria-current={current ? 'step' : undefined}
                disabledFocusable={!current && !reachable}
                onClick={() => reachable && wizard.goTo(id)}
                aria-label={t(done ? 'nav.stepDone' : 'nav.stepNumbered', { n: i + 1, title: t(`steps.${id}.title`) })}
              >
                <span className={styles.mark} aria-hidden="true">
                  {done ? '✓' : i + 1}
                </span>
                {t(`steps.${id}.title`)}
              </Button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
