/**
 * Streaming reader of drive manifests (`/ManifestFile`, formats.md §2; sample in seeds 001/003), Versions
 * `2011-10-01` and `2014-11-01`, and the per-blob validation rules of the manifest format document.
 *
 * ```
 * DriveManifest [@Version]
 *   Drive
 *     DriveId                     must come before any BlobList
 *     (StorageAccountKey | ContainerSas)?   import only: read past, value never kept
 *     ClientCreator?
 *     BlobList* [@Id? …]          unknown attributes tolerated (tool output has Id="session#1-0")
 *       MetadataPath? PropertiesPath?       list defaults (import only): read past
 *       Blob*
 *         BlobPath FilePath ClientData? Snapshot? Length ImportDisposition?
 *         (PageRangeList/PageRange[@Offset @Length @Hash] | BlockList/Block[@Offset @Length @Id? @Hash])
 *         MetadataPath? [@Hash]  PropertiesPath? [@Hash]
 * ```
 */
import type { HashedPath, ManifestBlob, ManifestItem, ManifestRange } from '../../../src-shared/formats/types.ts';
import { readXmlEvents, xmlError, yieldItems, type XmlCloseEvent, type XmlEvent, type XmlOpenEvent, type XmlPosition } from './xml-reader.ts';
import { MD5_HEX_RE, cleanText, normalizeHash, parseUInt, shorten, type ValueErrorOptions } from './values.ts';

/** Status code of every manifest error (seed 000 drive status codes: "the manifest content does not match the required format"). */
export const MANIFEST_STATUS = 'ManifestFormatInvalid';

/** Largest block or page range in a manifest: 4 MiB = 4194304 bytes (manifest format document, formats.md §2). */
export const MAX_MANIFEST_RANGE_BYTES = 4 * 1024 * 1024;

/** Page ranges start and end on 512-byte pages (formats.md §2). */
export const PAGE_BYTES = 512;

/** Elements of an import manifest whose values are secrets: never stored, never put in an error. */
export const MANIFEST_SECRET_ELEMENTS: readonly string[] = ['StorageAccountKey', 'ContainerSas'];

const INVALID: ValueErrorOptions = { code: 'MANIFEST_INVALID', statusCode: MANIFEST_STATUS };

/** Options of {@link readManifest}. */
export interface ManifestReadOptions {
  /** Called after each chunk with the number of bytes read so far. */
  onProgress?: (bytesRead: number) => void;
  /** Chunk size in bytes; default 64 KiB. */
  chunkBytes?: number;
}

/** A rule a manifest blob breaks: the message, and the index of the offending range when there is one. */
export interface ManifestProblem {
  message: string;
  rangeIndex?: number;
}

/**
 * Checks one manifest blob against the manifest format rules (formats.md §2):
 * - there is a `BlockList` or `PageRangeList` unless `length` is 0;
 * - every range: offset and length safe integers >= 0, length <= 4 MiB (4194304 bytes), a 32-hex-digit Hash;
 * - ranges ordered by offset, without overlaps;
 * - blocks cover [0, length) with no gaps (an empty block list only for length 0);
 * - page offsets and lengths are multiples of 512 and every page range ends within `length`.
 *
 * @returns the first problem found, or undefined when the blob is valid
 */
export function validateManifestBlob(blob: ManifestBlob): ManifestProblem | undefined {
  const { ranges, length } = blob;
  if (!Number.isSafeInteger(length) || length < 0) return { message: `Length ${length} is not a whole number of bytes >= 0` };
  if (blob.rangeKind === undefined) {
    if (ranges.length > 0) return { message: 'the blob has ranges but no range kind (block or page)' };
    if (length > 0) return { message: `the blob has neither a <BlockList> nor a <PageRangeList> but its Length is ${length}` };
    return undefined;
  }
  const what = blob.rangeKind === 'block' ? 'block' : 'page range';
  let prevEnd = 0;
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i] as ManifestRange;
    const label = `${what} ${i + 1} (Offset ${r.offset}, Length ${r.length})`;
    if (!Number.isSafeInteger(r.offset) || r.offset < 0 || !Number.isSafeInteger(r.length) || r.length < 0) {
      return { message: `${label}: offset and length must be whole numbers of bytes >= 0`, rangeIndex: i };
    }
    if (r.length > MAX_MANIFEST_RANGE_BYTES) {
      return { message: `${label} is longer than 4 MiB (${MAX_MANIFEST_RANGE_BYTES} bytes)`, rangeIndex: i };
    }
    if (typeof r.hash !== 'string' || !MD5_HEX_RE.test(r.hash)) {
      return { message: `${label} has no valid Hash (an MD5 of 32 hexadecimal digits is required)`, rangeIndex: i };
    }
    if (blob.rangeKind === 'page' && (r.offset % PAGE_BYTES !== 0 || r.length % PAGE_BYTES !== 0)) {
      return { message: `${label}: page offsets and lengths must be multiples of ${PAGE_BYTES} bytes`, rangeIndex: i };
    }
    if (i > 0) {
      const prev = ranges[i - 1] as ManifestRange;
      if (r.offset < prev.offset) return { message: `${label} is not ordered by offset (it comes after offset ${prev.offset})`, rangeIndex: i };
      if (r.offset < prevEnd) return { message: `${label} overlaps the previous ${what}, which ends at ${prevEnd}`, rangeIndex: i };
    }
    if (blob.rangeKind === 'block' && r.offset !== prevEnd) {
      return {
        message: `${label} leaves a gap: the ${i === 0 ? 'first block must start at 0' : `previous block ends at ${prevEnd}`}`,
        rangeIndex: i,
      };
    }
    prevEnd = r.offset + r.length;
    if (blob.rangeKind === 'page' && prevEnd > length) {
      return { message: `${label} ends at ${prevEnd}, beyond the blob's Length ${length}`, rangeIndex: i };
    }
  }
  if (blob.rangeKind === 'block' && prevEnd !== length) {
    if (ranges.length === 0) return { message: `the block list is empty but the blob's Length is ${length}` };
    return {
      message: `the blocks end at ${prevEnd} but the blob's Length is ${length} (blocks must cover the whole file)`,
      rangeIndex: ranges.length - 1,
    };
  }
  return undefined;
}

/**
 * Reads a drive manifest as a stream: `{type:'drive'}` (Version, DriveId, ClientCreator) before any blob,
 * one `{type:'blob'}` per `<Blob>` (validated with {@link validateManifestBlob}), then `{type:'end'}` once
 * the whole file has been read and found well formed.
 *
 * Values: lengths and offsets are safe integers >= 0 (bytes); hashes are 32 upper-case hex digits
 * (trimmed, case-insensitive in the file); `line` is the line of the `<Blob>` start tag.
 * `StorageAccountKey`/`ContainerSas` (import manifests) are read past; their values are never stored or
 * put in an error. Unknown elements and attributes are ignored. The file is read in 64 KiB chunks and
 * items are handed out per chunk; only the current blob is held in memory.
 *
 * @param file path of the manifest (e.g. `G:\9WM35C3U.manifest`)
 * @throws WaieError with statusCode `ManifestFormatInvalid`, file, 1-based line and column:
 *   code `XML_PARSE` for malformed/truncated XML, DOCTYPE/entities, oversized values or nesting;
 *   code `MANIFEST_INVALID` for a wrong root element, a BlobList before DriveId, missing or malformed
 *   values, and any broken rule of {@link validateManifestBlob} (position of the offending range).
 *   `FILE_READ` (statusCode `ManifestNotFound`, `ManifestAccessDenied` or `ReadManifestFailed`) if the
 *   file cannot be read.
 */
export function readManifest(file: string, options: ManifestReadOptions = {}): AsyncIterable<ManifestItem> {
  return iterateManifest(file, options);
}

async function* iterateManifest(file: string, options: ManifestReadOptions): AsyncGenerator<ManifestItem, void, undefined> {
  const state = new ManifestState(file);
  const events = readXmlEvents(file, {
    statusCode: MANIFEST_STATUS,
    secretElements: MANIFEST_SECRET_ELEMENTS,
    ioStatusCodes: { notFound: 'ManifestNotFound', accessDenied: 'ManifestAccessDenied', other: 'ReadManifestFailed' },
    ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
    ...(options.chunkBytes !== undefined ? { chunkBytes: options.chunkBytes } : {}),
  });
  yield* yieldItems(events, state);
}

interface BlobBuilder {
  line: number;
  column: number;
  blobPath?: string;
  filePath?: string;
  clientData?: string;
  snapshot?: string;
  length?: number;
  importDisposition?: string;
  rangeKind?: 'block' | 'page';
  ranges: ManifestRange[];
  /** Start-tag positions of the ranges, for error messages. */
  rangeLines: number[];
  rangeColumns: number[];
  metadataPath?: HashedPath;
  propertiesPath?: HashedPath;
}

class ManifestState {
  private out: ManifestItem[] = [];
  private version: string | undefined;
  private driveId: string | undefined;
  private clientCreator: string | undefined;
  private driveSent = false;
  private sawDrive = false;
  private inDrive = false;
  private inBlobList = false;
  private inRangeList = false;
  private blob: BlobBuilder | undefined;

  constructor(private readonly file: string) {}

  take(): ManifestItem[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private pos(ev: { line: number; column: number }): XmlPosition {
    return { file: this.file, line: ev.line, column: ev.column };
  }

  private invalid(pos: XmlPosition, message: string): Error {
    return xmlError(pos, message, { ...INVALID, title: 'The drive manifest is not valid' });
  }

  private sendDrive(ev: { line: number; column: number }): void {
    if (this.driveSent) return;
    if (this.driveId === undefined || this.driveId === '') {
      throw this.invalid(this.pos(ev), 'the <Drive> has no <DriveId> before its first <BlobList> (DriveId must come first)');
    }
    this.driveSent = true;
    this.out.push({
      type: 'drive',
      ...(this.version !== undefined ? { version: this.version } : {}),
      driveId: this.driveId,
      ...(this.clientCreator !== undefined ? { clientCreator: this.clientCreator } : {}),
    });
  }

  finish(): void {
    if (!this.sawDrive) throw this.invalid({ file: this.file, line: 1, column: 1 }, 'the manifest has no <Drive> element');
    this.out.push({ type: 'end' });
  }

  handle(ev: XmlEvent): void {
    if (ev.depth === 1) {
      if (ev.kind === 'open') {
        if (ev.name !== 'DriveManifest') {
          throw this.invalid(this.pos(ev), `this is not a drive manifest: the root element is <${shorten(ev.name)}>, expected <DriveManifest>`);
        }
        const v = ev.attrs.Version?.trim();
        if (v !== undefined && v !== '') this.version = v;
      }
      return;
    }
    if (ev.depth === 2) {
      if (ev.name !== 'Drive') return;
      if (ev.kind === 'open') {
        if (this.sawDrive) throw this.invalid(this.pos(ev), 'the manifest has more than one <Drive> element');
        this.sawDrive = true;
        this.inDrive = true;
      } else {
        this.sendDrive(ev);
        this.inDrive = false;
      }
      return;
    }
    if (!this.inDrive) return;
    if (ev.depth === 3) {
      if (ev.kind === 'open') {
        if (ev.name === 'BlobList') {
          this.sendDrive(ev);
          this.inBlobList = true;
        }
        return;
      }
      if (ev.name === 'DriveId') this.driveId = ev.text.trim();
      else if (ev.name === 'ClientCreator') this.clientCreator = cleanText(ev.text);
      else if (ev.name === 'BlobList') this.inBlobList = false;
      return;
    }
    if (!this.inBlobList) return;
    if (ev.depth === 4) {
      if (ev.name !== 'Blob') return;
      if (ev.kind === 'open') {
        this.blob = { line: ev.line, column: ev.column, ranges: [], rangeLines: [], rangeColumns: [] };
      } else if (this.blob !== undefined) {
        this.out.push({ type: 'blob', blob: this.finishBlob(this.blob) });
        this.blob = undefined;
      }
      return;
    }
    const b = this.blob;
    if (b === undefined) return;
    if (ev.depth === 5) {
      if (ev.name === 'BlockList' || ev.name === 'PageRangeList') {
        const kind = ev.name === 'BlockList' ? 'block' : 'page';
        if (ev.kind === 'open') {
          if (b.rangeKind !== undefined) {
            throw this.invalid(this.pos(ev), 'a <Blob> may have only one <BlockList> or <PageRangeList>');
          }
          b.rangeKind = kind;
          this.inRangeList = true;
        } else {
          this.inRangeList = false;
        }
        return;
      }
      if (ev.kind === 'close') this.blobField(b, ev);
      return;
    }
    if (ev.depth === 6 && ev.kind === 'open' && this.inRangeList) {
      const expected = b.rangeKind === 'block' ? 'Block' : 'PageRange';
      if (ev.name === expected) this.addRange(b, ev);
    }
  }

  private blobField(b: BlobBuilder, ev: XmlCloseEvent): void {
    switch (ev.name) {
      case 'BlobPath':
        b.blobPath = cleanText(ev.text);
        break;
      case 'FilePath':
        b.filePath = cleanText(ev.text);
        break;
      case 'ClientData':
        b.clientData = cleanText(ev.text);
        break;
      case 'Snapshot':
        b.snapshot = ev.text.trim();
        break;
      case 'Length':
        b.length = parseUInt(ev.text, this.pos(ev), 'Length', INVALID);
        break;
      case 'ImportDisposition':
        b.importDisposition = ev.text.trim();
        break;
      case 'MetadataPath':
      case 'PropertiesPath': {
        const hp: HashedPath = { path: cleanText(ev.text) };
        if (ev.attrs.Hash !== undefined) hp.hash = normalizeHash(ev.attrs.Hash, this.pos(ev), `Hash of <${ev.name}>`, INVALID);
        if (ev.name === 'MetadataPath') b.metadataPath = hp;
        else b.propertiesPath = hp;
        break;
      }
      default:
        break;
    }
  }

  private addRange(b: BlobBuilder, ev: XmlOpenEvent): void {
    const pos = this.pos(ev);
    const offset = parseUInt(ev.attrs.Offset, pos, `Offset of <${ev.name}>`, INVALID);
    const length = parseUInt(ev.attrs.Length, pos, `Length of <${ev.name}>`, INVALID);
    const rawHash = ev.attrs.Hash;
    if (rawHash === undefined) throw this.invalid(pos, `<${ev.name}> has no Hash (every manifest range needs its MD5)`);
    const r: ManifestRange = { offset, length, hash: normalizeHash(rawHash, pos, `Hash of <${ev.name}>`, INVALID) };
    if (ev.attrs.Id !== undefined) r.id = ev.attrs.Id.trim();
    b.ranges.push(r);
    b.rangeLines.push(ev.line);
    b.rangeColumns.push(ev.column);
  }

  private finishBlob(b: BlobBuilder): ManifestBlob {
    const pos = { file: this.file, line: b.line, column: b.column };
    if (b.blobPath === undefined || b.blobPath === '') throw this.invalid(pos, 'the <Blob> has no <BlobPath>');
    if (b.filePath === undefined || b.filePath === '') throw this.invalid(pos, 'the <Blob> has no <FilePath>');
    if (b.length === undefined) throw this.invalid(pos, 'the <Blob> has no <Length>');
    const blob: ManifestBlob = { blobPath: b.blobPath, filePath: b.filePath, length: b.length, ranges: b.ranges, line: b.line };
    if (b.clientData !== undefined) blob.clientData = b.clientData;
    if (b.snapshot !== undefined) blob.snapshot = b.snapshot;
    if (b.importDisposition !== undefined) blob.importDisposition = b.importDisposition;
    if (b.rangeKind !== undefined) blob.rangeKind = b.rangeKind;
    if (b.metadataPath !== undefined) blob.metadataPath = b.metadataPath;
    if (b.propertiesPath !== undefined) blob.propertiesPath = b.propertiesPath;
    const problem = validateManifestBlob(blob);
    if (problem !== undefined) {
      const i = problem.rangeIndex;
      const at =
        i === undefined ? pos : { file: this.file, line: b.rangeLines[i] ?? b.line, column: b.rangeColumns[i] ?? b.column };
      throw this.invalid(at, `blob ${shorten(blob.blobPath)}: ${problem.message}`);
    }
    return blob;
  }
}
