/**
 * Small text helpers shared by the path rules. Pure (src-shared).
 */

/** Index of the first unpaired UTF-16 surrogate in `text`, or -1 (such text cannot be UTF-8 or URL encoded unchanged). */
export function findLoneSurrogate(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return i;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}

/**
 * Quotes text for a message: `"…"` around it, control characters (U+0000–U+001F, U+007F) and unpaired
 * surrogates written as `\uXXXX` so they are visible and cannot break a log line; backslashes are kept as
 * they are (Windows paths stay readable). Text over `max` code units is cut and ends with `…`.
 */
export function quote(text: string, max = 80): string {
  let cut = text.length > max ? text.slice(0, max) : text;
  const last = cut.charCodeAt(cut.length - 1);
  if (cut.length < text.length && last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1); // keep pairs whole
  let out = '';
  for (let i = 0; i < cut.length; i++) {
    const c = cut.charCodeAt(i);
    const pairHigh = c >= 0xd800 && c <= 0xdbff && i + 1 < cut.length && cut.charCodeAt(i + 1) >= 0xdc00 && cut.charCodeAt(i + 1) <= 0xdfff;
    if (pairHigh) {
      out += cut.slice(i, i + 2);
      i++;
    } else if (c <= 0x1f || c === 0x7f || (c >= 0xd800 && c <= 0xdfff)) {
      out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    } else {
      out += cut[i];
    }
  }
  return '"' + out + (cut.length < text.length ? '…' : '') + '"';
}

/** `U+001F` style name of a UTF-16 code unit. */
export function codeUnitName(codeUnit: number): string {
  return 'U+' + codeUnit.toString(16).toUpperCase().padStart(4, '0');
}
