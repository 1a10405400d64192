/** Wizard navigation: which task the user chose and which step is on screen. */
import { create } from 'zustand';

/**
 * What the user wants to do (Start step): repair an export drive, repair an import job (upload the
 * failed parts again from the original files), validate an export drive against its manifest, review a
 * copy log, or see where a job is in its life cycle.
 */
export type Task = 'repair' | 'repairImport' | 'validate' | 'review' | 'status';

/** The steps of the wizard; each task uses some of them ({@link stepsFor}). */
export type StepId = 'start' | 'drive' | 'sources' | 'copyLog' | 'storage' | 'plan' | 'repair' | 'report' | 'review' | 'status';

/** The steps of a task, in order. Before a task is chosen, those of a repair (the usual path). */
export function stepsFor(task: Task | null): StepId[] {
  switch (task) {
    case 'review':
      return ['start', 'copyLog', 'review'];
    case 'status':
      return ['start', 'status'];
    case 'repairImport':
      return ['start', 'sources', 'copyLog', 'storage', 'plan', 'repair', 'report'];
    default:
      return ['start', 'drive', 'copyLog', 'storage', 'plan', 'repair', 'report'];
  }
}

/** True for the tasks that run a repair job (they have Plan, Repair and Report steps). */
export function isRepairTask(task: Task | null): boolean {
  return task === null || task === 'repair' || task === 'validate' || task === 'repairImport';
}

export interface WizardState {
  task: Task | null;
  step: StepId;
}

const initial: WizardState = { task: null, step: 'start' };

export const useWizardStore = create<WizardState>()(() => ({ ...initial }));

export const wizard = {
  chooseTask(task: Task): void {
    useWizardStore.setState({ task });
  },
  goTo(step: StepId): void {
    useWizardStore.setState({ step });
  },
  reset(): void {
    useWizardStore.setState({ ...initial }, true);
  },
};
