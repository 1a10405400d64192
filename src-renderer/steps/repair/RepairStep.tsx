/**
 * Repair: live progress of the running repair (events from api.onEvent; repair.state when the step
 * loads, so a reloaded window catches up), Pause/Resume (repair.pause) and Cancel (repair.cancel,
 * after a confirmation).
 */
import { useEffect, useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo } from '../../../src-shared/errors.ts';
import { useApi } from '../../app/api-context.ts';
import { cancelRepair, pauseRepair, refreshJobState } from '../../app/actions.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useJobStore } from '../../stores/job.ts';
import { FileList } from './FileList.tsx';
import { ProgressPanel } from './ProgressPanel.tsx';
import { ThroughputChart } from './ThroughputChart.tsx';

/** How often a running repair's state is asked for besides the events, ms. */
export const STATE_POLL_MS = 5000;

const useStyles = makeStyles({
  controls: { display: 'flex', gap: tokens.spacingHorizontalM },
  log: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL, maxHeight: '160px', overflowY: 'auto', fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  p: { margin: 0 },
});

function RecentMessages() {
  const { t } = useTranslation();
  const styles = useStyles();
  const log = useJobStore((s) => s.log);
  const [open, setOpen] = useState(false);
  if (log.length === 0) return null;
  return (
    <div>
      <Button appearance="subtle" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        {t(open ? 'repair.messages.hide' : 'repair.messages.show', { count: log.length })}
      </Button>
      {open && (
        <ul className={styles.log}>
          {log.slice(-50).map((l, i) => (
            <li key={i}>
              [{l.level}] {l.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function RepairStep() {
  const { t } = useTranslation();
  const api = useApi();
  const styles = useStyles();
  const status = useJobStore((s) => s.status);
  const paused = useJobStore((s) => s.paused);
  const error = useJobStore((s) => s.error);
  const result = useJobStore((s) => s.result);
  const [confirming, setConfirming] = useState(false);
  const [actionError, setActionError] = useState<ErrorInfo | undefined>();
  const running = status === 'running' || status === 'starting';

  // Ask the host at once (a reloaded window), and now and then while running: if the event stream
  // dropped a terminal event, the state still arrives.
  useEffect(() => {
    void refreshJobState(api);
  }, [api]);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void refreshJobState(api), STATE_POLL_MS);
    return () => clearInterval(timer);
  }, [api, running]);

  const togglePause = async (): Promise<void> => {
    setActionError(undefined);
    const r = await pauseRepair(api, !paused);
    if (!r.ok) setActionError(r.error);
  };
  const cancel = async (): Promise<void> => {
    setConfirming(false);
    setActionError(undefined);
    const r = await cancelRepair(api);
    if (!r.ok) setActionError(r.error);
  };

  return (
    <>
      <ProgressPanel />
      {running && (
        <div className={styles.controls}>
          <Button onClick={() => void togglePause()}>{paused ? t('repair.resume') : t('repair.pause')}</Button>
          <Button onClick={() => setConfirming(true)}>{t('repair.cancel')}</Button>
        </div>
      )}
      {actionError && <ErrorMessage error={actionError} />}
      {status === 'done' && result && (
        <MessageBar intent={result.exitCode === 0 ? 'success' : 'warning'} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{result.exitCode === 0 ? t('repair.done.ok') : t('repair.done.some', { count: result.failures.length })}</MessageBarTitle>
            {t('repair.done.next')}
          </MessageBarBody>
        </MessageBar>
      )}
      {status === 'failed' && error && (
        <>
          <ErrorMessage error={error} />
          <Text as="p" className={styles.p}>
            {t('repair.failed.next')}
          </Text>
        </>
      )}
      {status === 'cancelled' && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{t('repair.cancelled.title')}</MessageBarTitle>
            {t('repair.cancelled.body')}
          </MessageBarBody>
        </MessageBar>
      )}
      <ThroughputChart />
      <FileList />
      <RecentMessages />
      <Dialog open={confirming} modalType="alert" onOpenChange={(_, d) => setConfirming(d.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t('repair.confirm.title')}</DialogTitle>
            <DialogContent>{t('repair.confirm.body')}</DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => setConfirming(false)}>
                {t('repair.confirm.keep')}
              </Button>
              <Button onClick={() => void cancel()}>{t('repair.confirm.cancel')}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
