/**
 * Small helpers for SVG and HTML markup built as strings (lifecycle diagrams, review charts). Pure
 * (src-shared): no DOM, usable in the worker, the CLI, the HTML report and the renderer alike.
 */

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes `s` for XML/HTML text and attribute values (`& < > " '`). Characters XML 1.0 cannot hold at
 * all (C0 controls other than TAB/LF/CR, U+FFFE/U+FFFF, lone surrogates) become U+FFFD, so text taken
 * from a copy log can never make the SVG or HTML ill-formed.
 */
export function escapeMarkup(s: string): string {
  return String(s)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * A string usable inside an XML `id` (and so in `url(#…)` and `aria-labelledby`): letters, digits,
 * `-` and `_` only, starting with a letter. Other characters become `_`; an empty or digit-first
 * result gets the prefix `id-`.
 */
export function safeId(s: string): string {
  const cleaned = String(s).replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z]/.test(cleaned) ? cleaned : `id-${cleaned}`;
}

/** A number for an SVG attribute: finite, at most two decimals, no exponent (`NaN`/`Infinity` → `0`). */
export function num(n: number): string {
  if (!Number.isFinite(n)) return '0';
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}
