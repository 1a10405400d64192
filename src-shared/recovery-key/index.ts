/**
 * BitLocker recovery password rules and texts (English, Dutch), for the CLI's `/bk` and the wizard's key
 * field (checked as the user types with {@link checkRecoveryKeyPrefix}). Pure (src-shared).
 */
export {
  RECOVERY_KEY_DIGITS,
  RECOVERY_KEY_GROUPS,
  RECOVERY_KEY_GROUP_DIGITS,
  RECOVERY_KEY_GROUP_LIMIT,
  RECOVERY_KEY_PROBLEM_CODES,
  checkRecoveryKey,
  checkRecoveryKeyPrefix,
  normalizeRecoveryKey,
  partialGroupProblem,
} from './rules.ts';
export type { RecoveryKeyCheck, RecoveryKeyPrefixCheck, RecoveryKeyProblem, RecoveryKeyProblemCode } from './rules.ts';
export { RECOVERY_KEY_TEXTS_EN, RECOVERY_KEY_TEXTS_NL, describeRecoveryKeyProblem, recoveryKeyMessage, recoveryKeyResources } from './texts.ts';
