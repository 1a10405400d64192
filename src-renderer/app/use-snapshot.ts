/** The stores' states the step rules need, as one snapshot (re-renders on input changes, not on progress). */
import { useMemo } from 'react';
import { useWizardStore } from '../stores/wizard.ts';
import { useInputsStore } from '../stores/inputs.ts';
import { useCopyLogStore } from '../stores/copy-log.ts';
import { usePreflightStore } from '../stores/preflight.ts';
import { useJobStore } from '../stores/job.ts';
import { useSettingsStore } from '../stores/settings.ts';
import type { Snapshot } from './validation.ts';

export function useSnapshot(): Snapshot {
  const task = useWizardStore((s) => s.task);
  const inputs = useInputsStore();
  const copyLog = useCopyLogStore();
  const preflight = usePreflightStore();
  const jobStatus = useJobStore((s) => s.status);
  const appInfo = useSettingsStore((s) => s.appInfo);
  return useMemo(() => ({ task, inputs, copyLog, preflight, jobStatus, appInfo }), [task, inputs, copyLog, preflight, jobStatus, appInfo]);
}
