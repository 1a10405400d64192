/** Where the job is (from the Start page): the job and drive life cycles, with the states the user picks. */
import { LifecyclePanel } from './LifecyclePanel.tsx';

/** The Status step: the life-cycle panel on its own. */
export function StatusStep() {
  return <LifecyclePanel />;
}
