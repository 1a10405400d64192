/**
 * Errors of the BitLocker adapters: WaieError with a project code, the seed's drive status code, and a
 * detail that says what happened and what to do next. Every text goes through {@link redact} with the
 * key (in both its given and normalised forms), so a key can never reach an error message, even when a
 * tool's output is quoted.
 */
import { WaieError } from '../../../src-shared/errors.ts';
import { redact } from '../../../src-shared/redact.ts';
import { checkRecoveryKey, recoveryKeyMessage } from '../../../src-shared/recovery-key/index.ts';

/**
 * Builds a WaieError whose title and detail (`explanation` + `nextStep`) are redacted of `secrets`
 * (each key form) and of anything shaped like a recovery password.
 */
export function bitLockerError(
  info: { code: string; statusCode?: string; title: string; explanation: string; nextStep: string; file?: string },
  secrets: readonly (string | undefined)[] = [],
  cause?: unknown,
): WaieError {
  const clean = (s: string): string => redact(s, secrets);
  return new WaieError(
    {
      code: info.code,
      title: clean(info.title),
      detail: clean(`${info.explanation} ${info.nextStep}`.trim()),
      ...(info.statusCode ? { statusCode: info.statusCode } : {}),
      ...(info.file ? { file: info.file } : {}),
    },
    cause === undefined ? undefined : { cause },
  );
}

/** The forms of a key to redact: as given, normalised, without separators. */
export function keyForms(key: string): string[] {
  const r = checkRecoveryKey(key);
  const forms = [key, key.trim()];
  if (r.ok) forms.push(r.normalized, r.normalized.replace(/-/g, ''), r.normalized.replace(/-/g, ' '));
  return forms;
}

/**
 * The normalised key (`dddddd-…`), or WaieError `RECOVERY_KEY_FORMAT` (statusCode `BitLockerKeyInvalid`)
 * whose detail names exactly what is wrong (src-shared/recovery-key) — without the key.
 */
export function requireRecoveryKey(key: string | undefined): string {
  const r = checkRecoveryKey(key ?? '');
  if (r.ok) return r.normalized;
  throw bitLockerError(
    {
      code: 'RECOVERY_KEY_FORMAT',
      statusCode: 'BitLockerKeyInvalid',
      title: 'The BitLocker recovery key is not valid',
      explanation: recoveryKeyMessage(r),
      nextStep: '',
    },
    key ? [key] : [],
  );
}

/** Where a key comes from, for next steps that say where to get the right one. */
export const WHERE_KEYS_ARE =
  "The right key is the one shown for this drive's ID in the Azure portal (your job → Encryption) or returned by the REST call listBitLockerKeys; `waie Drives /CopyLogFile:<log>` shows which attached disk has the copy log's drive ID.";

/** Hexadecimal `0x8031…` form of a Windows error code given as a number (signed or unsigned). */
export function hexCode(code: number): string {
  return '0x' + (code >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

/**
 * What a Windows BitLocker error code means for an unlock (platform.md §Windows, Microsoft's FVE_E_*
 * codes): `kind` names the status code to use.
 */
export function classifyWindowsCode(hex: string): 'keyInvalid' | 'keyFormat' | 'protectorNotFound' | 'notActivated' | 'accessDenied' | 'unlockFailed' | 'failed' {
  const h = hex.toUpperCase().replace(/^0X/, '0x');
  switch (h) {
    case '0x80310027':
      return 'keyInvalid';
    case '0x80310035':
      return 'keyFormat';
    case '0x80310033':
      return 'protectorNotFound';
    case '0x80310008': // FVE_E_NOT_ACTIVATED
    case '0x80310001': // FVE_E_NOT_ENCRYPTED
      return 'notActivated';
    case '0x80070005': // E_ACCESSDENIED
      return 'accessDenied';
    default:
      return h.startsWith('0x8031') ? 'unlockFailed' : 'failed';
  }
}
