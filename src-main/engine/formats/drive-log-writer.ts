/**
 * Streaming writer of classic copy logs (`DriveLog`, seed 000 schema and samples; formats.md §1.1), used
 * for the drive log written after a repair and for test fixtures. What it writes, `readCopyLog` (copy-log.ts)
 * reads back equal (apart from `line`).
 *
 * Shape (CRLF, two-space indentation, values XML-escaped):
 * ```
 * <?xml version="1.0" encoding="utf-8"?>
 * <DriveLog Version="2014-11-01">          (no Version attribute when header.version is undefined)
 *   <DriveId>…</DriveId>
 *   <Blob Status="…">                      (<File> with <FileStoragePath> for 2018-10-01 file items)
 *     <BlobPath>…</BlobPath> <FilePath>…</FilePath> [<OriginalFilePath>] [<Snapshot>] <Length>…</Length>
 *     [<LastModified>] [<ImportDisposition Status="…">…</ImportDisposition>]
 *     [<BlockList>|<PageRangeList>|<FileRangeList>  <Block Offset Length Id? Hash? Status /> …]
 *     [<Metadata Status="…"> <GlobalPath Hash="…">…</GlobalPath> <Path Hash="…">…</Path> </Metadata>]
 *     [<Properties Status="…"> … </Properties>]
 *   </Blob>
 *   <Status>…</Status>
 * </DriveLog>
 * ```
 */
import type { CopyLogBlob, HashedPath, RangeKind, SidecarStatus } from '../../../src-shared/formats/types.ts';
import { WaieError } from '../../../src-shared/errors.ts';
import { MD5_HEX_RE } from './values.ts';
import { CRLF, XmlFileWriter, attributes, escapeXml, textElement } from './xml-writer.ts';

/** Writes one classic copy log. Call `writeBlob` for each blob (awaiting each call), then `end` once. */
export interface DriveLogWriter {
  /**
   * Appends one `<Blob>` (or `<File>` when `blob.kind` is `file`). `blob.line` is ignored.
   * @throws WaieError `XML_WRITE` for values that cannot be written (negative/unsafe numbers, hashes that
   *   are not 32 upper-case hex digits, characters XML cannot hold); `FILE_WRITE` on I/O errors
   */
  writeBlob(blob: CopyLogBlob): Promise<void>;
  /** Writes `<Status>driveStatus</Status>`, closes `</DriveLog>` and the file. @throws WaieError `FILE_WRITE` */
  end(driveStatus: string): Promise<void>;
}

const LIST_ELEMENTS: Readonly<Record<RangeKind, readonly [string, string]>> = {
  block: ['BlockList', 'Block'],
  page: ['PageRangeList', 'PageRange'],
  file: ['FileRangeList', 'FileRange'],
};

function invalid(file: string, message: string): WaieError {
  return new WaieError({ code: 'XML_WRITE', title: 'The copy log cannot be written', detail: `${file}: ${message}`, file });
}

function checkUInt(file: string, n: number, what: string): number {
  if (!Number.isSafeInteger(n) || n < 0) throw invalid(file, `${what} must be a whole number of bytes >= 0, got ${n}`);
  return n;
}

function checkHash(file: string, h: string | undefined, what: string): string | undefined {
  if (h !== undefined && !MD5_HEX_RE.test(h)) throw invalid(file, `${what} must be 32 upper-case hexadecimal digits`);
  return h;
}

/**
 * Creates (or truncates) `file` and writes the XML declaration, `<DriveLog [Version]>` and `<DriveId>`.
 *
 * @param header.version `Version` attribute (e.g. `2014-11-01`); omitted from the file when undefined
 * @param header.driveId the drive's hardware serial number
 * @returns a writer; see {@link DriveLogWriter}. Readable with `readCopyLog` (copy-log.ts).
 * @throws WaieError `FILE_WRITE` when the file cannot be created; `XML_WRITE` for unwritable header values
 */
export async function createDriveLogWriter(file: string, header: { version?: string; driveId: string }): Promise<DriveLogWriter> {
  const head =
    `<?xml version="1.0" encoding="utf-8"?>${CRLF}` +
    `<DriveLog${attributes([['Version', header.version]])}>${CRLF}` +
    textElement('  ', 'DriveId', header.driveId);
  const out = await XmlFileWriter.open(file);
  try {
    out.append(head);
  } catch (err) {
    out.destroy();
    throw err;
  }
  return {
    async writeBlob(blob: CopyLogBlob): Promise<void> {
      out.append(formatBlob(file, blob));
      await out.flush();
    },
    async end(driveStatus: string): Promise<void> {
      out.append(`${textElement('  ', 'Status', driveStatus)}</DriveLog>${CRLF}`);
      await out.end();
    },
  };
}

function sidecar(name: string, s: SidecarStatus): string {
  const open = `    <${name}${attributes([['Status', s.status]])}`;
  if (s.globalPath === undefined && s.path === undefined) return `${open} />${CRLF}`;
  let xml = `${open}>${CRLF}`;
  const one = (el: string, hp: HashedPath): string =>
    `      <${el}${attributes([['Hash', hp.hash]])}>${escapeXml(hp.path)}</${el}>${CRLF}`;
  if (s.globalPath !== undefined) xml += one('GlobalPath', s.globalPath);
  if (s.path !== undefined) xml += one('Path', s.path);
  return `${xml}    </${name}>${CRLF}`;
}

/** The XML of one blob, built fully before anything is written (so a bad value writes nothing). */
function formatBlob(file: string, b: CopyLogBlob): string {
  const el = b.kind === 'file' ? 'File' : 'Blob';
  let xml = `  <${el}${attributes([['Status', b.status]])}>${CRLF}`;
  xml += textElement('    ', b.kind === 'file' ? 'FileStoragePath' : 'BlobPath', b.blobPath);
  xml += textElement('    ', 'FilePath', b.filePath);
  if (b.originalFilePath !== undefined) xml += textElement('    ', 'OriginalFilePath', b.originalFilePath);
  if (b.snapshot !== undefined) xml += textElement('    ', 'Snapshot', b.snapshot);
  xml += textElement('    ', 'Length', String(checkUInt(file, b.length, 'Length')));
  if (b.lastModified !== undefined) xml += textElement('    ', 'LastModified', b.lastModified);
  if (b.importDisposition !== undefined) {
    const d = b.importDisposition;
    xml += `    <ImportDisposition${attributes([['Status', d.status]])}>${escapeXml(d.value)}</ImportDisposition>${CRLF}`;
  }
  if (b.hasRangeList || b.ranges.length > 0) {
    const [listName, rangeName] = LIST_ELEMENTS[b.rangeKind ?? (b.kind === 'file' ? 'file' : 'block')];
    if (b.ranges.length === 0) {
      xml += `    <${listName} />${CRLF}`;
    } else {
      const lines: string[] = [`    <${listName}>${CRLF}`];
      for (const r of b.ranges) {
        const attrs = attributes([
          ['Offset', checkUInt(file, r.offset, `${rangeName} Offset`)],
          ['Length', checkUInt(file, r.length, `${rangeName} Length`)],
          ['Id', r.id],
          ['Hash', checkHash(file, r.hash, `${rangeName} Hash`)],
          ['Status', r.status],
        ]);
        lines.push(`      <${rangeName}${attrs} />${CRLF}`);
      }
      lines.push(`    </${listName}>${CRLF}`);
      xml += lines.join('');
    }
  }
  if (b.metadata !== undefined) {
    checkHash(file, b.metadata.globalPath?.hash, 'Metadata GlobalPath Hash');
    checkHash(file, b.metadata.path?.hash, 'Metadata Path Hash');
    xml += sidecar('Metadata', b.metadata);
  }
  if (b.properties !== undefined) {
    checkHash(file, b.properties.globalPath?.hash, 'Properties GlobalPath Hash');
    checkHash(file, b.properties.path?.hash, 'Properties Path Hash');
    xml += sidecar('Properties', b.properties);
  }
  return `${xml}  </${el}>${CRLF}`;
}
