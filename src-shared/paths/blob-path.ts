/**
 * Path-safety rules for blob paths: the `BlobPath` of a copy log or drive manifest, `container/blob/name`
 * relative to the storage account (formats.md §1.1; `$root/name` for the root container).
 *
 * RepairImport uploads to `https://<account>.blob.core.windows.net/<BlobPath>` and RepairExport downloads
 * from it (formats.md §4, §5), so a BlobPath read from a file we did not write ends up in a URL that carries
 * the operator's account key or SAS. Anything that could change the host, leave the account or container,
 * or be decoded into a different path on the way is refused here, before a request is built.
 *
 * Sources of the rules:
 * - Microsoft, "Naming and Referencing Containers, Blobs, and Metadata" (learn.microsoft.com/rest/api/
 *   storageservices/naming-and-referencing-containers--blobs--and-metadata): container names are 3–63
 *   characters of lowercase letters, digits and single hyphens, starting and ending with a letter or digit;
 *   `$root` is the root container and a blob in it cannot have `/` in its name; a blob name is 1–1,024
 *   characters and at most 254 path segments; reserved URL characters must be escaped.
 * - Microsoft, "Static website hosting" (`$web`) and "Storage Analytics logging" (`$logs`): the other two
 *   `$` containers a storage account can hold.
 * - WHATWG URL Standard: `.`/`..` segments (also `%2e` spellings) are removed when a URL is parsed, `\` is a
 *   path separator for http(s) URLs, `?` starts the query and `#` the fragment, `//` after a scheme starts
 *   a host.
 *
 * Pure functions: no Node, no DOM (src-shared).
 */

import { codeUnitName, findLoneSurrogate, quote as show } from './text.ts';

/**
 * Result of {@link parseBlobPath}.
 * - `{ ok: true, container, blobName }`: `container` is a valid container name (or `$root`, `$web`, `$logs`),
 *   `blobName` the rest after the first `/`, unchanged (not URL-encoded: encode each `/`-separated part when
 *   building a URL, as `@azure/storage-blob` does).
 * - `{ ok: false, reason }`: refused; `reason` is one sentence in plain English naming the offending part.
 */
export type BlobPathResult = { ok: true; container: string; blobName: string } | { ok: false; reason: string };

/** Longest blob name, in characters (UTF-16 code units) (Microsoft, "Naming and Referencing…": 1,024). */
export const MAX_BLOB_NAME_LENGTH = 1024;

/** Most `/`-separated segments a blob name may have in an account without hierarchical namespace (254). */
export const MAX_BLOB_NAME_SEGMENTS = 254;

/** Container names that start with `$`: the root container and the two system containers. */
export const SPECIAL_CONTAINER_NAMES: readonly string[] = Object.freeze(['$root', '$web', '$logs']);

/** 3–63 characters, lowercase letters and digits, single hyphens between them (Azure container naming rules). */
const CONTAINER_NAME = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/;

/**
 * Percent-encodings that a later decoding step could turn into a separator, a dot, a query or fragment
 * start, a control character or another percent sign (double encoding): `%2F %5C %2E %3F %23 %25`,
 * `%00`–`%1F`, `%7F`, in either case.
 */
const DANGEROUS_PERCENT = /%(?:2[fFeE5]|5[cC]|3[fF]|23|[01][0-9a-fA-F]|7[fF])/;

function refuse(reason: string): BlobPathResult {
  return { ok: false, reason };
}

/**
 * True when `name` is a valid container name: 3–63 characters of lowercase letters, digits and hyphens,
 * starting and ending with a letter or digit, no two hyphens in a row; or one of `$root`, `$web`, `$logs`.
 * Source: Microsoft, "Naming and Referencing Containers, Blobs, and Metadata".
 */
export function isValidContainerName(name: string): boolean {
  return typeof name === 'string' && (CONTAINER_NAME.test(name) || SPECIAL_CONTAINER_NAMES.includes(name));
}

/** A `.` or `..` segment, with or without spaces around the dots. */
const DOT_SEGMENT = /^ *\.\.? *$/;

/**
 * Parses and checks a copy-log / manifest BlobPath (`container/blob/name`, relative to the account).
 *
 * Refused (with a reason naming the offending part):
 * - empty input; control characters U+0000–U+001F and U+007F; unpaired UTF-16 surrogates (cannot be
 *   URL-encoded);
 * - anything that can change the host or leave the account in a URL: a scheme (`https:…`, `javascript:…`),
 *   a leading `//` (host) or `/`, a backslash anywhere;
 * - percent-encoded separators, dots, `?`, `#`, `%` or control characters (`%2F`, `%5c`, `%2e%2e`, `%3F`,
 *   `%23`, `%25`, `%00`, in any case);
 * - `.` or `..` segments, also with spaces around the dots (`.. `: URL parsers strip spaces from the ends of
 *   a URL, WHATWG URL standard, "basic URL parser") or followed by `?` or `#` and more (`..#x`: unencoded,
 *   they end the path), and empty segments (`a//b`, a trailing `/`);
 * - no `/` at all (no container), an invalid container name (see {@link isValidContainerName});
 * - a blob name over {@link MAX_BLOB_NAME_LENGTH} (1,024) characters or {@link MAX_BLOB_NAME_SEGMENTS} (254)
 *   segments; a `/` in a blob name in `$root`.
 *
 * Accepted names keep every other character (spaces, `:`, `?`, `#`, `+`, `&`, `=`, `'`, non-ASCII…): they
 * are valid blob names (a sample export drive has `scan?.tiff`) and are harmless once each segment is
 * URL-encoded, which callers must do (@azure/storage-blob's `getBlobClient` encodes `?` as `%3F`, `#` as
 * `%23`). Never throws.
 * Sources: see the module comment.
 */
export function parseBlobPath(blobPath: string): BlobPathResult {
  if (typeof blobPath !== 'string') return refuse('The blob path is not text.');
  if (blobPath === '') return refuse('The blob path is empty.');
  for (let i = 0; i < blobPath.length; i++) {
    const c = blobPath.charCodeAt(i);
    if (c <= 0x1f || c === 0x7f) {
      return refuse(
        `The blob path ${show(blobPath)} contains the control character ${codeUnitName(c)}.`,
      );
    }
  }
  if (/^[A-Za-z][A-Za-z0-9+.-]*:/.test(blobPath)) {
    return refuse(`The blob path ${show(blobPath)} starts with a URL scheme (${show(blobPath.slice(0, blobPath.indexOf(':') + 1))}); it must be container/blob inside the account.`);
  }
  if (blobPath.startsWith('//')) {
    return refuse(`The blob path ${show(blobPath)} starts with "//", which would name another host; it must be container/blob inside the account.`);
  }
  if (blobPath.startsWith('/')) {
    return refuse(`The blob path ${show(blobPath)} starts with "/"; it must start with the container name.`);
  }
  if (blobPath.includes('\\')) {
    return refuse(`The blob path ${show(blobPath)} contains a backslash, which a URL would treat as "/".`);
  }
  const encoded = DANGEROUS_PERCENT.exec(blobPath);
  if (encoded) {
    return refuse(`The blob path ${show(blobPath)} contains the encoded character ${show(encoded[0])}, which could be decoded into a separator, a dot or a control character.`);
  }
  if (findLoneSurrogate(blobPath) !== -1) {
    return refuse(`The blob path ${show(blobPath)} contains a broken Unicode character (half of a surrogate pair).`);
  }
  const parts = blobPath.split('/');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    // Spaces around the dots count too (a URL parser strips spaces from the ends of the whole URL, so a
    // last segment ".. " concatenated without encoding would become ".."), and so does what follows a
    // `?` or `#` (unencoded, they end the path: "..#x" would leave "..").
    if (DOT_SEGMENT.test(part.split(/[?#]/, 1)[0]!)) {
      return refuse(`The blob path ${show(blobPath)} contains the segment ${show(part)}, which would move out of the container or blob folder.`);
    }
    if (part === '' && parts.length > 1) {
      return refuse(
        i === parts.length - 1
          ? `The blob path ${show(blobPath)} ends with "/", so it names a folder, not a blob.`
          : `The blob path ${show(blobPath)} has an empty segment (two "/" in a row).`,
      );
    }
  }
  if (parts.length < 2) {
    return refuse(`The blob path ${show(blobPath)} has no "/": expected container/blob (use $root/name for the root container).`);
  }
  const container = parts[0]!;
  if (!isValidContainerName(container)) {
    return refuse(`${show(container)} is not a valid container name: use 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit (or $root).`);
  }
  const blobName = blobPath.slice(container.length + 1);
  if (blobName.length > MAX_BLOB_NAME_LENGTH) {
    return refuse(`The blob name ${show(blobName, 40)} is ${blobName.length} characters long; Azure allows at most ${MAX_BLOB_NAME_LENGTH}.`);
  }
  const segmentCount = parts.length - 1;
  if (segmentCount > MAX_BLOB_NAME_SEGMENTS) {
    return refuse(`The blob name has ${segmentCount} "/"-separated parts; Azure allows at most ${MAX_BLOB_NAME_SEGMENTS}.`);
  }
  if (container === '$root' && segmentCount > 1) {
    return refuse(`The blob path ${show(blobPath)} puts a "/" in a blob name in the root container ($root), which Azure does not allow.`);
  }
  return { ok: true, container, blobName };
}

/**
 * True when `a` and `b` are both valid blob paths ({@link parseBlobPath}) naming the same blob: same container
 * and same blob name, compared exactly (blob names are case-sensitive; container names are lowercase by
 * rule). Invalid paths are never the same as anything, not even themselves.
 */
export function sameBlobPath(a: string, b: string): boolean {
  const pa = parseBlobPath(a);
  if (!pa.ok) return false;
  const pb = parseBlobPath(b);
  return pb.ok && pa.container === pb.container && pa.blobName === pb.blobName;
}
