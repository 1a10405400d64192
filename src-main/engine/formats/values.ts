/**
 * Value rules shared by the format readers and writers: non-negative integers, Base16 MD5 hashes and
 * element text clean-up. Sources: seed 000 (types of the copy-log elements: lengths and offsets are
 * integers in bytes, `Hash` is "Base16 encoded MD5"), formats.md §1.1 (documentation samples carry a
 * leading space inside some Hash values: trim, compare case-insensitively).
 */
import { xmlError, type XmlPosition } from './xml-reader.ts';

/** How errors raised by these helpers are labelled (code and status code of the calling reader). */
export interface ValueErrorOptions {
  code?: string;
  statusCode?: string;
}

/** An upper-case Base16 MD5: exactly 32 hex digits. */
export const MD5_HEX_RE = /^[0-9A-F]{32}$/;

/**
 * Parses a non-negative decimal integer (bytes, counts) from element text or an attribute value.
 * Surrounding whitespace is ignored; signs, decimals, exponents and hex are refused.
 *
 * @returns the value, a safe integer >= 0
 * @throws WaieError (`XML_PARSE` unless `opts.code`) at `pos` when the value is missing, malformed or above 2^53 - 1
 */
export function parseUInt(raw: string | undefined, pos: XmlPosition, what: string, opts: ValueErrorOptions = {}): number {
  if (raw === undefined) throw xmlError(pos, `${what} is missing`, opts);
  const s = raw.trim();
  if (!/^[0-9]+$/.test(s)) {
    throw xmlError(pos, `${what} must be a whole number of 0 or more, found "${shorten(s)}"`, opts);
  }
  const n = Number(s);
  if (!Number.isSafeInteger(n)) {
    throw xmlError(pos, `${what} is too large (${shorten(s)}; the largest accepted is ${Number.MAX_SAFE_INTEGER})`, opts);
  }
  return n;
}

/**
 * Normalises a Base16 MD5 hash: trims whitespace and upper-cases (formats.md §1.1).
 *
 * @returns 32 upper-case hex digits
 * @throws WaieError (`XML_PARSE` unless `opts.code`) at `pos` when the value is not 32 hex digits
 */
export function normalizeHash(raw: string, pos: XmlPosition, what: string, opts: ValueErrorOptions = {}): string {
  const h = raw.trim().toUpperCase();
  if (!MD5_HEX_RE.test(h)) {
    throw xmlError(pos, `${what} must be an MD5 hash of 32 hexadecimal digits, found "${shorten(raw.trim())}"`, opts);
  }
  return h;
}

/**
 * Cleans element text that holds a name or path: line breaks added by pretty-printing around the value
 * (e.g. `<OriginalFilePath>\a\b.jpg\n    </OriginalFilePath>` in Microsoft's 2018-10-01 samples) are
 * removed together with the indentation next to them; spaces that are not next to a line break are kept,
 * since blob and file names may start or end with a space.
 */
export function cleanText(raw: string): string {
  let s = raw;
  const lead = /^[ \t\r\n]*/.exec(s)?.[0] ?? '';
  if (/[\r\n]/.test(lead)) s = s.slice(lead.length);
  const trail = /[ \t\r\n]*$/.exec(s)?.[0] ?? '';
  if (/[\r\n]/.test(trail)) s = s.slice(0, s.length - trail.length);
  return s;
}

/** Shortens a value quoted in an error message. */
export function shorten(s: string, max = 60): string {
  return s.length <= max ? s : `${s.slice(0, max)}…`;
}
