/**
 * Start: what do you want to do — repair an export drive, repair an import job, validate an export drive
 * against its manifest, or review a copy log — or try the whole thing with a sample job, or see where a
 * job is in its life cycle ("Where is my job?").
 */
import { useId, useState } from 'react';
import { Button, Divider, Radio, RadioGroup, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../src-shared/errors.ts';
import { useApi } from '../../app/api-context.ts';
import { trySample } from '../../app/actions.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useSettingsStore } from '../../stores/settings.ts';
import { useWizardStore, wizard, type Task } from '../../stores/wizard.ts';

const useStyles = makeStyles({
  options: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  option: { display: 'flex', flexDirection: 'column' },
  description: { marginInlineStart: '32px', color: tokens.colorNeutralForeground2 },
  sample: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start' },
  p: { margin: 0 },
  divider: { flexGrow: 0 },
});

const TASKS: Task[] = ['repair', 'repairImport', 'validate', 'review'];

export function StartStep() {
  const { t } = useTranslation();
  const api = useApi();
  const styles = useStyles();
  const task = useWizardStore((s) => s.task);
  const appInfo = useSettingsStore((s) => s.appInfo);
  const loadError = useSettingsStore((s) => s.loadError);
  const [preparing, setPreparing] = useState(false);
  const [sampleError, setSampleError] = useState<ErrorInfo | undefined>();
  const labelId = useId();
  const sampleReasonId = useId();
  const sampleAvailable = appInfo?.sampleAvailable ?? false;

  const sample = async (): Promise<void> => {
    setPreparing(true);
    setSampleError(undefined);
    const r = await trySample(api);
    setPreparing(false);
    if (!r.ok) setSampleError(r.error);
  };

  return (
    <>
      {loadError && <ErrorMessage error={loadError} />}
      <Text as="p" id={labelId} className={styles.p}>
        {t('start.question')}
      </Text>
      <RadioGroup aria-labelledby={labelId} value={task && TASKS.includes(task) ? task : ''} onChange={(_, d) => wizard.chooseTask(d.value as Task)} className={styles.options}>
        {TASKS.map((id) => (
          <div key={id} className={styles.option}>
            <Radio value={id} label={t(`start.${id}.title`)} aria-describedby={`start-${id}-description`} />
            <Text id={`start-${id}-description`} className={styles.description}>
              {t(`start.${id}.description`)}
            </Text>
          </div>
        ))}
      </RadioGroup>
      <Divider className={styles.divider} />
      <div className={styles.sample}>
        <Text as="p" className={styles.p}>
          {t('start.status.intro')}
        </Text>
        <Button
          onClick={() => {
            wizard.chooseTask('status');
            wizard.goTo('status');
          }}
        >
          {t('start.status.button')}
        </Button>
      </div>
      <Divider className={styles.divider} />
      <div className={styles.sample}>
        <Text as="p" className={styles.p}>
          {t('start.sample.intro')}
        </Text>
        <Button
          onClick={() => void sample()}
          disabledFocusable={!sampleAvailable || preparing}
          aria-describedby={!sampleAvailable ? sampleReasonId : undefined}
          icon={preparing ? <Spinner size="tiny" /> : undefined}
        >
          {preparing ? t('start.sample.preparing') : t('start.sample.button')}
        </Button>
        {!sampleAvailable && (
          <Text id={sampleReasonId} size={200}>
            {appInfo ? t('start.sample.unavailable') : t('start.sample.checking')}
          </Text>
        )}
        {sampleError && <ErrorMessage error={sampleError} />}
      </div>
    </>
  );
}
