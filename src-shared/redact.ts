/**
 * Secret redaction for anything written or shown: logs, reports, error texts, stdout.
 * Rule (design card "Secrets"): the account key, the SAS signature and the BitLocker recovery
 * password never appear in the repair file, logs, reports, settings or command lines.
 */

const SAS_SIG = /([?&;]|\b)(sig=)[^&\s"'<>]*/gi;
const ACCOUNT_KEY = /(AccountKey=)[^;\s"'<>]*/gi;
const RECOVERY_PASSWORD = /\b\d{6}(?:[- ]\d{6}){7}\b/g;

/**
 * Returns `text` with every known secret replaced by `***`: each string in `secrets` (exact matches,
 * also URL-encoded), any `sig=` query value, any `AccountKey=` value and anything shaped like a
 * 48-digit recovery password.
 */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    for (const form of new Set([s, encodeURIComponent(s)])) out = out.split(form).join('***');
  }
  return out.replace(SAS_SIG, '$1$2***').replace(ACCOUNT_KEY, '$1***').replace(RECOVERY_PASSWORD, '***');
}
