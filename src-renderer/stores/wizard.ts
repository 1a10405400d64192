/** Wizard navigation: which task the user chose and which step is on screen. */
import { create } from 'zustand';

/** What the user wants to do (Start step). */
export type Task = 'repair' | 'validate' | 'review';

export type StepId = 'start' | 'drive' | 'copyLog' | 'storage' | 'plan' | 'repair' | 'report';

/** The steps of a task, in order. Before a task is chosen, those of a repair (the usual path). */
export function stepsFor(task: Task | null): StepId[] {
  return task === 'review' ? ['start', 'copyLog'] : ['start', 'drive', 'copyLog', 'storage', 'plan', 'repair', 'report'];
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
