/**
 * Streaming writer of drive manifests (formats.md §2; shape of the sample in seed 003), one `<BlobList>`.
 * Every blob is checked with `validateManifestBlob` before it is written, so what this writer produces,
 * `readManifest` (manifest.ts) reads back equal (apart from `line`).
 *
 * Shape (CRLF, two-space indentation, values XML-escaped):
 * ```
 * <?xml version="1.0" encoding="utf-8"?>
 * <DriveManifest Version="2014-11-01">
 *   <Drive>
 *     <DriveId>…</DriveId>
 *     [<ClientCreator>…</ClientCreator>]
 *     <BlobList>
 *       <Blob>
 *         <BlobPath>…</BlobPath> <FilePath>…</FilePath> [<ClientData>] [<Snapshot>] <Length>…</Length>
 *         [<ImportDisposition>]
 *         <BlockList> <Block Offset Length Id? Hash /> … </BlockList>   |   <PageRangeList> <PageRange …/> …
 *         [<MetadataPath Hash="…">…</MetadataPath>] [<PropertiesPath Hash="…">…</PropertiesPath>]
 *       </Blob>
 *     </BlobList>
 *   </Drive>
 * </DriveManifest>
 * ```
 */
import type { HashedPath, ManifestBlob } from '../../../src-shared/formats/types.ts';
import { WaieError } from '../../../src-shared/errors.ts';
import { MANIFEST_STATUS, validateManifestBlob } from './manifest.ts';
import { MD5_HEX_RE } from './values.ts';
import { CRLF, XmlFileWriter, attributes, escapeXml, textElement } from './xml-writer.ts';

/** Writes one drive manifest. Call `writeBlob` for each blob (awaiting each call), then `end` once. */
export interface ManifestWriter {
  /**
   * Appends one `<Blob>`. `blob.line` is ignored.
   * @throws WaieError `MANIFEST_INVALID` (statusCode `ManifestFormatInvalid`) when the blob breaks a
   *   manifest rule (see `validateManifestBlob`); `XML_WRITE` for characters XML cannot hold;
   *   `FILE_WRITE` on I/O errors
   */
  writeBlob(blob: ManifestBlob): Promise<void>;
  /** Closes `</BlobList></Drive></DriveManifest>` and the file. @throws WaieError `FILE_WRITE` */
  end(): Promise<void>;
}

function invalid(file: string, message: string): WaieError {
  return new WaieError({
    code: 'MANIFEST_INVALID',
    title: 'The drive manifest cannot be written',
    detail: `${file}: ${message}`,
    statusCode: MANIFEST_STATUS,
    file,
  });
}

/**
 * Creates (or truncates) `file` and writes the XML declaration, `<DriveManifest Version>`, `<Drive>`,
 * `<DriveId>`, `<ClientCreator>` (when given) and the opening `<BlobList>`.
 *
 * @param header.version `Version` attribute; default `2014-11-01`
 * @param header.driveId the drive's hardware serial number (e.g. `9WM35C3U`)
 * @param header.clientCreator e.g. `Windows Azure Import/Export service`; omitted when undefined
 * @throws WaieError `FILE_WRITE` when the file cannot be created; `XML_WRITE` for unwritable header values
 */
export async function createManifestWriter(
  file: string,
  header: { version?: string; driveId: string; clientCreator?: string },
): Promise<ManifestWriter> {
  let head =
    `<?xml version="1.0" encoding="utf-8"?>${CRLF}` +
    `<DriveManifest${attributes([['Version', header.version ?? '2014-11-01']])}>${CRLF}` +
    `  <Drive>${CRLF}` +
    textElement('    ', 'DriveId', header.driveId);
  if (header.clientCreator !== undefined) head += textElement('    ', 'ClientCreator', header.clientCreator);
  head += `    <BlobList>${CRLF}`;
  const out = await XmlFileWriter.open(file);
  out.append(head);
  return {
    async writeBlob(blob: ManifestBlob): Promise<void> {
      out.append(formatBlob(file, blob));
      await out.flush();
    },
    async end(): Promise<void> {
      out.append(`    </BlobList>${CRLF}  </Drive>${CRLF}</DriveManifest>${CRLF}`);
      await out.end();
    },
  };
}

function hashedPath(file: string, name: string, hp: HashedPath): string {
  if (hp.hash !== undefined && !MD5_HEX_RE.test(hp.hash)) throw invalid(file, `${name} Hash must be 32 upper-case hexadecimal digits`);
  return `        <${name}${attributes([['Hash', hp.hash]])}>${escapeXml(hp.path)}</${name}>${CRLF}`;
}

/** The XML of one blob, validated and built fully before anything is written. */
function formatBlob(file: string, b: ManifestBlob): string {
  if (b.blobPath === '') throw invalid(file, 'a blob needs a BlobPath');
  if (b.filePath === '') throw invalid(file, `blob ${b.blobPath} needs a FilePath`);
  const problem = validateManifestBlob(b);
  if (problem !== undefined) throw invalid(file, `blob ${b.blobPath}: ${problem.message}`);
  const parts: string[] = [`      <Blob>${CRLF}`];
  parts.push(textElement('        ', 'BlobPath', b.blobPath));
  parts.push(textElement('        ', 'FilePath', b.filePath));
  if (b.clientData !== undefined) parts.push(textElement('        ', 'ClientData', b.clientData));
  if (b.snapshot !== undefined) parts.push(textElement('        ', 'Snapshot', b.snapshot));
  parts.push(textElement('        ', 'Length', String(b.length)));
  if (b.importDisposition !== undefined) parts.push(textElement('        ', 'ImportDisposition', b.importDisposition));
  if (b.rangeKind !== undefined) {
    const [listName, rangeName] = b.rangeKind === 'block' ? ['BlockList', 'Block'] : ['PageRangeList', 'PageRange'];
    if (b.ranges.length === 0) {
      parts.push(`        <${listName} />${CRLF}`);
    } else {
      parts.push(`        <${listName}>${CRLF}`);
      for (const r of b.ranges) {
        const attrs = attributes([
          ['Offset', r.offset],
          ['Length', r.length],
          ['Id', r.id],
          ['Hash', r.hash],
        ]);
        parts.push(`          <${rangeName}${attrs} />${CRLF}`);
      }
      parts.push(`        </${listName}>${CRLF}`);
    }
  }
  if (b.metadataPath !== undefined) parts.push(hashedPath(file, 'MetadataPath', b.metadataPath));
  if (b.propertiesPath !== undefined) parts.push(hashedPath(file, 'PropertiesPath', b.propertiesPath));
  parts.push(`      </Blob>${CRLF}`);
  return parts.join('');
}
