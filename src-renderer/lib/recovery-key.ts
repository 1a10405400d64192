/**
 * The one place the wizard checks a BitLocker recovery key. It delegates to the shared rules
 * (`src-shared/recovery-key/`, also used by the CLI's `/bk`), so the key field and the command line agree.
 */
import { checkRecoveryKeyPrefix, type RecoveryKeyPrefixCheck } from '../../src-shared/recovery-key/index.ts';

export type { RecoveryKeyPrefixCheck, RecoveryKeyProblem } from '../../src-shared/recovery-key/index.ts';

/** Checks a key as it is typed: `empty`, `incomplete`, `complete` (with `normalized`) or `invalid` (with problems). */
export function checkKeyAsTyped(input: string): RecoveryKeyPrefixCheck {
  return checkRecoveryKeyPrefix(input);
}
