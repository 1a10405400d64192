/**
 * `.properties` and `.metadata` files that an export writes next to each data file (formats.md §3).
 *
 * ```xml
 * <?xml version="1.0" encoding="UTF-8"?>
 * <Properties>
 *   <Last-Modified>…</Last-Modified>  <Etag>…</Etag>  <Content-Length>…</Content-Length>
 *   <Content-Type>…</Content-Type>  <Content-MD5>base64</Content-MD5>  <Content-Encoding>…</Content-Encoding>
 *   <Content-Language>…</Content-Language>  <Cache-Control>…</Cache-Control>
 * </Properties>
 *
 * <?xml version="1.0" encoding="UTF-8"?>
 * <Metadata>
 *   <name-1>value-1</name-1> …
 * </Metadata>
 * ```
 * Only these eight properties are documented. The exact bytes the service writes (whitespace, BOM) are not,
 * so a regenerated file may not reproduce the manifest's MD5: compare such files with
 * {@link propertiesEqualByValue} (formats.md §3).
 */
import type { BlobMetadataFile, BlobPropertiesFile } from '../../../src-shared/formats/types.ts';
import { WaieError } from '../../../src-shared/errors.ts';
import { parseXmlString, xmlError } from './xml-reader.ts';
import { parseUInt, shorten } from './values.ts';
import { CRLF, escapeXml } from './xml-writer.ts';

type PropertyKey = keyof BlobPropertiesFile;

/** The eight documented property elements, in the documented order (formats.md §3). */
export const PROPERTY_ELEMENTS: ReadonlyArray<readonly [PropertyKey, string]> = [
  ['lastModified', 'Last-Modified'],
  ['etag', 'Etag'],
  ['contentLength', 'Content-Length'],
  ['contentType', 'Content-Type'],
  ['contentMD5', 'Content-MD5'],
  ['contentEncoding', 'Content-Encoding'],
  ['contentLanguage', 'Content-Language'],
  ['cacheControl', 'Cache-Control'],
];

const PROPERTY_BY_ELEMENT: ReadonlyMap<string, PropertyKey> = new Map(PROPERTY_ELEMENTS.map(([k, el]) => [el.toLowerCase(), k]));

const XML_DECL = `<?xml version="1.0" encoding="UTF-8"?>${CRLF}`;

/**
 * A valid metadata name: a C# identifier (Azure's rule for metadata names), restricted to characters that
 * are also valid in an XML element name: a letter or `_`, then letters, digits, combining marks or
 * connector punctuation (`_`).
 */
const METADATA_NAME_RE = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}]*$/u;

/** XML 1.0 (5th ed.) `Name` without `:` (XML 1.0 §2.3 NameStartChar / NameChar). */
const XML_NAME_START = 'A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\u{10000}-\u{EFFFF}';
const XML_NAME_RE = new RegExp(`^[${XML_NAME_START}][${XML_NAME_START}\\-.0-9\u00B7\u0300-\u036F\u203F-\u2040]*$`, 'u');

/** True when `name` can be a blob metadata name in a `.metadata` file: a C# identifier that is also an XML name. */
export function isValidMetadataName(name: string): boolean {
  return METADATA_NAME_RE.test(name) && XML_NAME_RE.test(name);
}

/**
 * Formats a `.properties` file: XML declaration, `<Properties>`, then each of the eight elements that is
 * defined in `p`, in the documented order, with two-space indentation, CRLF line endings and escaped text.
 *
 * @returns the file text (encode as UTF-8, no BOM)
 * @throws WaieError `XML_WRITE` for values XML cannot hold, or a `contentLength` that is not an integer >= 0
 */
export function formatPropertiesFile(p: BlobPropertiesFile): string {
  let xml = `${XML_DECL}<Properties>${CRLF}`;
  for (const [key, el] of PROPERTY_ELEMENTS) {
    const v = p[key];
    if (v === undefined) continue;
    if (key === 'contentLength' && (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)) {
      throw new WaieError({ code: 'XML_WRITE', title: 'Invalid blob property', detail: `Content-Length must be a whole number of bytes >= 0, got ${String(v)}` });
    }
    xml += `  <${el}>${escapeXml(String(v))}</${el}>${CRLF}`;
  }
  return `${xml}</Properties>${CRLF}`;
}

/**
 * Formats a `.metadata` file: XML declaration, `<Metadata>`, then one `<name>value</name>` per entry in
 * insertion order, two-space indentation, CRLF line endings, escaped values.
 *
 * @throws WaieError `METADATA_NAME_INVALID` when a name is not a valid C# identifier / XML name (Azure
 *   metadata naming rule), or a name appears twice ignoring case (Azure names are case-insensitive);
 *   `XML_WRITE` for values XML cannot hold
 */
export function formatMetadataFile(m: BlobMetadataFile): string {
  let xml = `${XML_DECL}<Metadata>${CRLF}`;
  const seen = new Set<string>();
  for (const [name, value] of Object.entries(m)) {
    if (!isValidMetadataName(name)) {
      throw new WaieError({
        code: 'METADATA_NAME_INVALID',
        title: 'Invalid metadata name',
        detail: `The metadata name "${shorten(name)}" is not valid: Azure metadata names must be C# identifiers (a letter or _ followed by letters, digits or _), which are also XML element names.`,
      });
    }
    const lower = name.toLowerCase();
    if (seen.has(lower)) {
      throw new WaieError({ code: 'METADATA_NAME_INVALID', title: 'Duplicate metadata name', detail: `The metadata name "${shorten(name)}" appears twice (names are case-insensitive).` });
    }
    seen.add(lower);
    xml += `  <${name}>${escapeXml(value)}</${name}>${CRLF}`;
  }
  return `${xml}</Metadata>${CRLF}`;
}

/**
 * Parses a `.properties` file. Tolerates a BOM, CRLF, any whitespace between elements and element-name
 * case (`ETag`/`Etag`); unknown elements are ignored; values are trimmed; an empty element gives `''`.
 *
 * @param xml file text (decoded)
 * @param file path for error messages
 * @throws WaieError `XML_PARSE` (file, line, column) for malformed XML, DOCTYPE/entities, a root other than
 *   `<Properties>`, or a Content-Length that is not an integer >= 0
 */
export function parsePropertiesFile(xml: string, file: string): BlobPropertiesFile {
  const events = parseXmlString(xml, file);
  const out: BlobPropertiesFile = {};
  for (const ev of events) {
    if (ev.depth === 1 && ev.kind === 'open' && ev.name !== 'Properties') {
      throw xmlError({ file, line: ev.line, column: ev.column }, `expected a <Properties> root element, found <${shorten(ev.name)}>`);
    }
    if (ev.depth !== 2 || ev.kind !== 'close') continue;
    const key = PROPERTY_BY_ELEMENT.get(ev.name.toLowerCase());
    if (key === undefined) continue;
    if (key === 'contentLength') out.contentLength = parseUInt(ev.text, { file, line: ev.line, column: ev.column }, 'Content-Length');
    else out[key] = ev.text.trim();
  }
  return out;
}

/**
 * Parses a `.metadata` file into name → value, in document order. Tolerates a BOM, CRLF and whitespace;
 * values are trimmed (HTTP header values cannot carry surrounding whitespace).
 *
 * @param xml file text (decoded)
 * @param file path for error messages
 * @throws WaieError `XML_PARSE` (file, line, column) for malformed XML, DOCTYPE/entities, a root other than
 *   `<Metadata>`, or a name that appears twice (ignoring case)
 */
export function parseMetadataFile(xml: string, file: string): BlobMetadataFile {
  const events = parseXmlString(xml, file);
  const out: BlobMetadataFile = {};
  const seen = new Set<string>();
  for (const ev of events) {
    if (ev.depth === 1 && ev.kind === 'open' && ev.name !== 'Metadata') {
      throw xmlError({ file, line: ev.line, column: ev.column }, `expected a <Metadata> root element, found <${shorten(ev.name)}>`);
    }
    if (ev.depth !== 2 || ev.kind !== 'close') continue;
    const lower = ev.name.toLowerCase();
    if (seen.has(lower)) {
      throw xmlError({ file, line: ev.line, column: ev.column }, `the metadata name "${shorten(ev.name)}" appears more than once`);
    }
    seen.add(lower);
    // defineProperty: a name such as "__proto__" becomes an ordinary own property.
    Object.defineProperty(out, ev.name, { value: ev.text.trim(), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** ETag without surrounding quotes (and without a weak `W/` prefix): `"0x8D…"` and `0x8D…` are the same. */
function bareEtag(s: string): string {
  let t = s.trim();
  if (t.startsWith('W/')) t = t.slice(2);
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) t = t.slice(1, -1);
  return t;
}

function sameInstant(a: string, b: string): boolean {
  if (a.trim() === b.trim()) return true;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return !Number.isNaN(ta) && !Number.isNaN(tb) && ta === tb;
}

/**
 * Compares two property sets by value, for when a regenerated `.properties` file does not reproduce the
 * manifest's MD5 (formats.md §3): Last-Modified as instants (RFC 1123 and ISO 8601 are equal when they
 * name the same millisecond), Etag with or without quotes, Content-Length as a number, the others as
 * trimmed strings. An absent value equals an empty one.
 *
 * @returns true when all eight values are equal
 */
export function propertiesEqualByValue(a: BlobPropertiesFile, b: BlobPropertiesFile): boolean {
  for (const [key] of PROPERTY_ELEMENTS) {
    const va = a[key];
    const vb = b[key];
    const sa = va === undefined ? '' : String(va).trim();
    const sb = vb === undefined ? '' : String(vb).trim();
    if (sa === '' || sb === '') {
      if (sa !== sb) return false;
      continue;
    }
    switch (key) {
      case 'lastModified':
        if (!sameInstant(sa, sb)) return false;
        break;
      case 'etag':
        if (bareEtag(sa) !== bareEtag(sb)) return false;
        break;
      case 'contentLength':
        if (Number(sa) !== Number(sb)) return false;
        break;
      default:
        if (sa !== sb) return false;
    }
  }
  return true;
}
