/**
 * Blob properties → the values of an export drive's `.properties` file.
 *
 * Source: `shared/reference/formats.md` §3 ("Metadata and properties files"): the Import/Export
 * service writes a `<Properties>` file next to each exported data file, and only eight property
 * elements are documented: Last-Modified, Etag, Content-Length, Content-Type, Content-MD5 (base64),
 * Content-Encoding, Content-Language, Cache-Control (no Content-Disposition).
 */
import type { BlobGetPropertiesResponse } from '@azure/storage-blob';
import type { BlobPropertiesFile } from '../../../src-shared/formats/types.ts';

/**
 * Maps the SDK's Get Blob Properties response (of the blob, or of the snapshot that was exported)
 * to the eight documented `.properties` values.
 *
 * - `lastModified`: RFC 1123 text as in the HTTP header (`Date.toUTCString()`, e.g.
 *   `Thu, 21 Mar 2019 10:15:02 GMT`).
 * - `etag`: exactly as the service returned it (quotes included when the service sends them).
 * - `contentLength`: bytes.
 * - `contentMD5`: base64 of the 16-byte MD5 the service stores for the whole blob.
 * - `contentType`, `contentEncoding`, `contentLanguage`, `cacheControl`: as returned.
 *
 * Values the response does not carry are left out (the key is absent, not `undefined`), so a
 * writer emits no element for them. Never throws.
 */
export function propertiesFileFromBlob(p: BlobGetPropertiesResponse): BlobPropertiesFile {
  const out: BlobPropertiesFile = {};
  if (p.lastModified !== undefined) out.lastModified = p.lastModified.toUTCString();
  if (p.etag !== undefined) out.etag = p.etag;
  if (p.contentLength !== undefined) out.contentLength = p.contentLength;
  if (p.contentType !== undefined) out.contentType = p.contentType;
  if (p.contentMD5 !== undefined && p.contentMD5.length > 0) out.contentMD5 = Buffer.from(p.contentMD5).toString('base64');
  if (p.contentEncoding !== undefined) out.contentEncoding = p.contentEncoding;
  if (p.contentLanguage !== undefined) out.contentLanguage = p.contentLanguage;
  if (p.cacheControl !== undefined) out.cacheControl = p.cacheControl;
  return out;
}
