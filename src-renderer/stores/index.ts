/** Every store of the wizard, each with one job; {@link resetAllStores} puts them back as new (tests, "Start over"). */
import { wizard } from './wizard.ts';
import { inputs } from './inputs.ts';
import { copyLogStore } from './copy-log.ts';
import { preflight } from './preflight.ts';
import { job } from './job.ts';
import { files } from './files.ts';
import { settingsStore } from './settings.ts';
import { reviewStore } from './review.ts';

export function resetAllStores(): void {
  wizard.reset();
  inputs.reset();
  copyLogStore.reset();
  preflight.reset();
  job.reset();
  files.reset();
  settingsStore.reset();
  reviewStore.reset();
}
