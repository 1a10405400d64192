/**
 * Test helper (not a test): writes copy logs of every variant of formats.md §1 as the service writes
 * them (classic `DriveLog` 2014-11-01 and without Version, 2018-10-01 with `<File>` items and a
 * `<Summary>`, 2021-08-01 CopyLog and verbose log), streamed to disk so a test can make a log of
 * hundreds of thousands of blobs without holding it in memory.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** One range of a generated blob. */
export interface GenRange {
  offset: number;
  length: number;
  status: string;
  id?: string;
  hash?: string;
}

/** One generated `<Blob>` (or `<File>` with `element: 'File'`). */
export interface GenBlob {
  element?: 'Blob' | 'File';
  status: string;
  blobPath: string;
  filePath?: string;
  originalFilePath?: string;
  length?: number;
  sizeInBytes?: number;
  snapshot?: string;
  lastModified?: string;
  disposition?: { value: string; status: string };
  rangeKind?: 'block' | 'page' | 'file';
  ranges?: GenRange[];
  properties?: { status: string; path?: string; hash?: string };
  metadata?: { status: string; path?: string; hash?: string };
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const LIST: Record<string, [string, string]> = { block: ['BlockList', 'Block'], page: ['PageRangeList', 'PageRange'], file: ['FileRangeList', 'FileRange'] };

/** The XML of one classic blob, CRLF line ends, two-space indentation. */
export function blobXml(b: GenBlob): string {
  const el = b.element ?? 'Blob';
  const o: string[] = [`  <${el} Status="${esc(b.status)}">`];
  o.push(el === 'Blob' ? `    <BlobPath>${esc(b.blobPath)}</BlobPath>` : `    <FileStoragePath>${esc(b.blobPath)}</FileStoragePath>`);
  if (b.filePath !== undefined) o.push(`    <FilePath>${esc(b.filePath)}</FilePath>`);
  if (b.originalFilePath !== undefined) o.push(`    <OriginalFilePath>${esc(b.originalFilePath)}</OriginalFilePath>`);
  if (b.snapshot !== undefined) o.push(`    <Snapshot>${esc(b.snapshot)}</Snapshot>`);
  if (b.length !== undefined) o.push(`    <Length>${b.length}</Length>`);
  if (b.sizeInBytes !== undefined) o.push(`    <SizeInBytes>${b.sizeInBytes}</SizeInBytes>`);
  if (b.lastModified !== undefined) o.push(`    <LastModified>${esc(b.lastModified)}</LastModified>`);
  if (b.disposition) o.push(`    <ImportDisposition Status="${esc(b.disposition.status)}">${esc(b.disposition.value)}</ImportDisposition>`);
  if (b.rangeKind) {
    const [list, item] = LIST[b.rangeKind]!;
    if (!b.ranges?.length) o.push(`    <${list} />`);
    else {
      o.push(`    <${list}>`);
      for (const r of b.ranges) o.push(`      <${item} Offset="${r.offset}" Length="${r.length}"${r.id ? ` Id="${esc(r.id)}"` : ''}${r.hash ? ` Hash="${r.hash}"` : ''} Status="${esc(r.status)}" />`);
      o.push(`    </${list}>`);
    }
  }
  for (const [name, s] of [['Metadata', b.metadata], ['Properties', b.properties]] as const) {
    if (!s) continue;
    if (s.path) o.push(`    <${name} Status="${esc(s.status)}">`, `      <Path${s.hash ? ` Hash="${s.hash}"` : ''}>${esc(s.path)}</Path>`, `    </${name}>`);
    else o.push(`    <${name} Status="${esc(s.status)}" />`);
  }
  o.push(`  </${el}>`);
  return o.join('\r\n') + '\r\n';
}

/** Writes `chunks` to `file`, respecting back-pressure. Resolves with the bytes written. */
export async function writeChunks(file: string, chunks: Iterable<string>): Promise<number> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  let bytes = 0;
  let buf = '';
  for (const c of chunks) {
    buf += c;
    if (buf.length >= 1 << 16) {
      bytes += Buffer.byteLength(buf);
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  bytes += Buffer.byteLength(buf);
  out.end(buf);
  await once(out, 'finish');
  return bytes;
}

/** A classic copy log: declaration, `<DriveLog [Version]>`, DriveId, [Summary], blobs, Status. */
export function* classicLog(opts: { version?: string; driveId: string; status: string; blobs: Iterable<GenBlob>; summary?: string }): Generator<string> {
  yield `<?xml version="1.0" encoding="utf-8"?>\r\n<DriveLog${opts.version ? ` Version="${opts.version}"` : ''}>\r\n  <DriveId>${esc(opts.driveId)}</DriveId>\r\n`;
  if (opts.summary) yield opts.summary;
  for (const b of opts.blobs) yield blobXml(b);
  yield `  <Status>${esc(opts.status)}</Status>\r\n</DriveLog>\r\n`;
}

/** One 2021-08-01 `<ErroredEntity>`. */
export interface GenEntity {
  cloudFormat?: string;
  path: string;
  category: string;
  errorCode: string;
  errorMessage: string;
  type: string;
}

/** A 2021-08-01 copy log: entities, then `<CopyLog Summary="Summary">` (no root element). */
export function* copyLog2021(opts: { driveId: string; status: string; total: number; entities: Iterable<GenEntity> }): Generator<string> {
  let n = 0;
  const cats = new Map<string, number>();
  for (const e of opts.entities) {
    n++;
    cats.set(e.category, (cats.get(e.category) ?? 0) + 1);
    yield `<ErroredEntity${e.cloudFormat ? ` CloudFormat="${esc(e.cloudFormat)}"` : ''} Path="${esc(e.path)}">\r\n  <Category>${esc(e.category)}</Category>\r\n  <ErrorCode>${esc(e.errorCode)}</ErrorCode>\r\n  <ErrorMessage>${esc(e.errorMessage)}</ErrorMessage>\r\n  <Type>${esc(e.type)}</Type>\r\n</ErroredEntity>`;
  }
  yield `\r\n<CopyLog Summary="Summary">\r\n  <DriveLogVersion>2021-08-01</DriveLogVersion>\r\n  <DriveId>${esc(opts.driveId)}</DriveId>\r\n  <Status>${esc(opts.status)}</Status>\r\n  <TotalFiles_Blobs>${opts.total}</TotalFiles_Blobs>\r\n  <FilesErrored>${n}</FilesErrored>\r\n  <Summary>\r\n    <ValidationErrors>\r\n      <None Count="${opts.total}" />\r\n    </ValidationErrors>\r\n    <CopyErrors>\r\n${[...cats].map(([c, k]) => `      <${c} Count="${k}" Description="${esc(c)}" />\r\n`).join('')}    </CopyErrors>\r\n  </Summary>\r\n</CopyLog>\r\n`;
}

/** A 2021-08-01 verbose log: `<File …>` elements with no root. */
export function* verboseLog2021(files: Iterable<{ cloudFormat: string; path: string; size: number; crc64: string }>): Generator<string> {
  yield '<?xml version="1.0" encoding="utf-8"?>\r\n';
  for (const f of files) yield `<File CloudFormat="${esc(f.cloudFormat)}" Path="${esc(f.path)}" Size="${f.size}" crc64="${f.crc64}">\r\n</File>`;
  yield '\r\n';
}
