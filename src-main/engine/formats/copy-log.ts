/**
 * Streaming reader of Azure Import/Export (and Data Box Disk) copy logs, formats.md §1:
 *
 * - classic `DriveLog` (Version `2014-11-01` or none; seed 000 schema and samples, seed 003 sample);
 * - `DriveLog Version="2018-10-01"`: the same plus `<File>` items (FileStoragePath, FileRangeList/FileRange),
 *   `OriginalFilePath`, `SizeInBytes`, ranges without Hash, and a `<Summary>` (anywhere among the root's
 *   children) whose groups (`ValidationErrors`, `CopyErrors`) hold one element per code, e.g.
 *   `<None Count="3" />` or `<ContainerRenamed Count="3" Description="…"/>`;
 * - `2021-08-01` copy logs: `<ErroredEntity [CloudFormat] Path>`* then `<CopyLog Summary="Summary">`, with no
 *   single root element (a wrapping root element of any name is tolerated);
 * - `2021-08-01` verbose logs: `<File CloudFormat Path Size crc64 [ETag]>`* with no root element.
 *
 * Unknown elements and attributes are ignored. All lengths and offsets are bytes.
 */
import type {
  CopyLogBlob,
  CopyLogItem,
  CopyLogVariant,
  ErroredEntity,
  HashedPath,
  LogRange,
  RangeKind,
  SidecarStatus,
  SummaryCode,
  VerboseFileEntry,
} from '../../../src-shared/formats/types.ts';
import { readXmlEvents, xmlError, yieldItems, type XmlCloseEvent, type XmlEvent, type XmlOpenEvent, type XmlPosition } from './xml-reader.ts';
import { cleanText, normalizeHash, parseUInt, shorten } from './values.ts';

/** Options of {@link readCopyLog}. */
export interface CopyLogReadOptions {
  /** Called after each chunk with the number of bytes read so far (progress; lets tests observe streaming). */
  onProgress?: (bytesRead: number) => void;
  /** Chunk size in bytes; default 64 KiB. */
  chunkBytes?: number;
}

/**
 * Reads a copy log as a stream, in document order: first `{type:'header'}` (variant, `Version`, and the
 * DriveId when it comes before any item), then one `blob` per `<Blob>`/`<File>` (classic and 2018-10-01),
 * `entity` per `<ErroredEntity>` (2021) or `verboseFile` per `<File>` (2021 verbose), then `{type:'end'}`
 * (drive `<Status>`, summary codes, 2021 totals) once the whole file has been read and found well formed.
 *
 * Values: lengths/offsets are safe integers >= 0 (bytes); hashes are 32 upper-case hex digits (trimmed,
 * formats.md §1.1); `Blob.status`, range `Status` and Metadata/Properties `Status` default to `Completed`
 * when absent; for a blob without `<FilePath>` (2018-10-01 renamed items) `filePath` is `OriginalFilePath`;
 * `Length` may be given as `SizeInBytes` (2018-10-01). `line` is the line of the element's start tag.
 *
 * Memory is bounded: the file is read in 64 KiB chunks and items are handed out per chunk; only the
 * current blob (with its ranges) is held. Breaking out of the loop closes the file.
 *
 * @param file path of the copy log (`…_error.xml`, `…_verbose.xml`, `…_CopyLog_….xml`, `…_VerboseLog_….xml`)
 * @throws WaieError code `XML_PARSE` (no status code: copy logs have none) with file, 1-based line and column
 *   for malformed or truncated XML, DOCTYPE/entities, bad numbers or hashes, missing required values,
 *   or a file that is not a copy log; `FILE_READ` if the file cannot be read.
 */
export function readCopyLog(file: string, options: CopyLogReadOptions = {}): AsyncIterable<CopyLogItem> {
  return iterateCopyLog(file, options);
}

async function* iterateCopyLog(file: string, options: CopyLogReadOptions): AsyncGenerator<CopyLogItem, void, undefined> {
  const state = new CopyLogState(file);
  const events = readXmlEvents(file, {
    fragment: true,
    ...(options.onProgress !== undefined ? { onProgress: options.onProgress } : {}),
    ...(options.chunkBytes !== undefined ? { chunkBytes: options.chunkBytes } : {}),
  });
  yield* yieldItems(events, state);
}

interface BlobBuilder {
  kind: 'blob' | 'file';
  statusAttr?: string;
  statusElement?: string;
  line: number;
  column: number;
  blobPath?: string;
  filePath?: string;
  originalFilePath?: string;
  snapshot?: string;
  length?: number;
  sizeInBytes?: number;
  lastModified?: string;
  importDisposition?: { value: string; status?: string };
  rangeKind?: RangeKind;
  hasRangeList: boolean;
  ranges: LogRange[];
  metadata?: SidecarStatus;
  properties?: SidecarStatus;
}

const LIST_KIND: Readonly<Record<string, RangeKind>> = { BlockList: 'block', PageRangeList: 'page', FileRangeList: 'file' };
const RANGE_ELEMENTS = new Set(['Block', 'PageRange', 'FileRange']);

/** Event-driven state machine; items accumulate in `out` until taken. */
class CopyLogState {
  private out: CopyLogItem[] = [];
  private variant: CopyLogVariant | undefined;
  /** Depth of the element containing the items (0: top level / `DriveLog` is depth 1). */
  private base = 0;
  private wrapper: XmlOpenEvent | undefined;
  private rootOpen = false;
  private rootDone = false;
  private headerSent = false;
  private headerVersion: string | undefined;
  private headerDriveId: string | undefined;
  private version: string | undefined;
  private driveId: string | undefined;
  private driveStatus: string | undefined;
  private totalFiles: number | undefined;
  private filesErrored: number | undefined;
  private readonly summary: SummaryCode[] = [];
  private summaryDepth: number | undefined;
  private summaryGroup: string | undefined;
  private blob: BlobBuilder | undefined;
  private sidecar: { which: 'metadata' | 'properties'; value: SidecarStatus } | undefined;
  private entity: ErroredEntity | undefined;
  private inCopyLog = false;
  private inRangeList = false;

  constructor(private readonly file: string) {}

  take(): CopyLogItem[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private pos(ev: { line: number; column: number }): XmlPosition {
    return { file: this.file, line: ev.line, column: ev.column };
  }

  handle(ev: XmlEvent): void {
    if (this.variant === undefined && !this.detect(ev)) return;
    switch (this.variant) {
      case 'DriveLog':
        this.handleDriveLog(ev);
        break;
      case 'CopyLog2021':
        this.handleCopyLog2021(ev);
        break;
      case 'VerboseLog2021':
        this.handleVerbose(ev);
        break;
      default:
        break;
    }
  }

  /** Decides the variant from the first element(s). Returns true when `ev` should be handled now. */
  private detect(ev: XmlEvent): boolean {
    if (ev.kind === 'open' && ev.depth === 1) {
      switch (ev.name) {
        case 'DriveLog':
          this.variant = 'DriveLog';
          return true;
        case 'ErroredEntity':
        case 'CopyLog':
          this.variant = 'CopyLog2021';
          return true;
        case 'File':
          this.variant = 'VerboseLog2021';
          return true;
        default:
          this.wrapper = ev;
          return false;
      }
    }
    if (ev.kind === 'open' && ev.depth === 2 && this.wrapper !== undefined) {
      if (ev.name === 'ErroredEntity' || ev.name === 'CopyLog') this.variant = 'CopyLog2021';
      else if (ev.name === 'File') this.variant = 'VerboseLog2021';
      else throw this.notACopyLog(this.wrapper);
      this.base = 1;
      return true;
    }
    if (ev.kind === 'close' && ev.depth === 1 && this.wrapper !== undefined) throw this.notACopyLog(this.wrapper);
    return false;
  }

  private notACopyLog(ev: XmlOpenEvent): Error {
    return xmlError(
      this.pos(ev),
      `this is not a copy log: the first element is <${shorten(ev.name)}>; expected <DriveLog>, <ErroredEntity>, <CopyLog> or <File>`,
    );
  }

  private ensureHeader(): void {
    if (this.headerSent) return;
    this.headerSent = true;
    this.headerVersion = this.version;
    this.headerDriveId = this.driveId;
    const variant = this.variant ?? 'DriveLog';
    this.out.push({
      type: 'header',
      variant,
      ...(this.version !== undefined ? { version: this.version } : {}),
      ...(this.driveId !== undefined ? { driveId: this.driveId } : {}),
    });
  }

  /** End of input: emits the header if still pending and the `end` item. */
  finish(): void {
    if (this.variant === undefined) {
      if (this.wrapper !== undefined) throw this.notACopyLog(this.wrapper);
      throw xmlError({ file: this.file, line: 1, column: 1 }, 'the file contains no XML element; it is not a copy log');
    }
    this.ensureHeader();
    this.out.push({
      type: 'end',
      ...(this.driveStatus !== undefined ? { driveStatus: this.driveStatus } : {}),
      ...(this.driveId !== undefined && this.headerDriveId === undefined ? { driveId: this.driveId } : {}),
      ...(this.version !== undefined && this.headerVersion === undefined ? { version: this.version } : {}),
      summary: this.summary,
      ...(this.totalFiles !== undefined ? { totalFiles: this.totalFiles } : {}),
      ...(this.filesErrored !== undefined ? { filesErrored: this.filesErrored } : {}),
    });
  }

  // ---- Summary (2018-10-01 DriveLog/Summary and 2021 CopyLog/Summary) ----

  /** Handles events inside a `<Summary>`; returns true when consumed. */
  private handleSummary(ev: XmlEvent): boolean {
    const sd = this.summaryDepth;
    if (sd === undefined) return false;
    if (ev.kind === 'close' && ev.depth === sd) {
      this.summaryDepth = undefined;
      return true;
    }
    if (ev.kind === 'open' && ev.depth === sd + 1) this.summaryGroup = ev.name;
    if (ev.kind === 'close' && ev.depth === sd + 2 && this.summaryGroup !== undefined) {
      const pos = this.pos(ev);
      const explicit = ev.attrs.Code ?? ev.attrs.Name;
      const code = ev.name === 'Code' && explicit !== undefined ? explicit.trim() : ev.name;
      const item: SummaryCode = {
        group: this.summaryGroup,
        code,
        count: parseUInt(ev.attrs.Count, pos, `Count of summary code ${shorten(code)}`),
      };
      if (ev.attrs.Description !== undefined) item.description = ev.attrs.Description;
      this.summary.push(item);
    }
    return true;
  }

  // ---- Classic DriveLog (2014-11-01, none, 2018-10-01) ----

  private handleDriveLog(ev: XmlEvent): void {
    if (ev.depth === 1) {
      if (ev.kind === 'open') {
        if (this.rootOpen || this.rootDone) {
          throw xmlError(this.pos(ev), `unexpected element <${shorten(ev.name)}> after the <DriveLog> root element`);
        }
        this.rootOpen = true;
        const v = ev.attrs.Version?.trim();
        if (v !== undefined && v !== '') this.version = v;
      } else {
        this.rootOpen = false;
        this.rootDone = true;
      }
      return;
    }
    if (this.handleSummary(ev)) return;
    if (this.blob !== undefined) {
      this.handleBlobEvent(this.blob, ev);
      return;
    }
    if (ev.depth !== 2) return;
    if (ev.kind === 'open') {
      if (ev.name === 'Blob' || ev.name === 'File') {
        this.ensureHeader();
        this.blob = {
          kind: ev.name === 'Blob' ? 'blob' : 'file',
          line: ev.line,
          column: ev.column,
          hasRangeList: false,
          ranges: [],
        };
        const st = ev.attrs.Status?.trim();
        if (st !== undefined && st !== '') this.blob.statusAttr = st;
      } else if (ev.name === 'Summary') {
        this.ensureHeader();
        this.summaryDepth = ev.depth;
      }
      return;
    }
    if (ev.name === 'DriveId') this.driveId = ev.text.trim();
    else if (ev.name === 'Status') this.driveStatus = ev.text.trim();
  }

  private handleBlobEvent(b: BlobBuilder, ev: XmlEvent): void {
    if (ev.depth === 2) {
      // The blob's own end tag.
      this.out.push({ type: 'blob', blob: this.finishBlob(b) });
      this.blob = undefined;
      return;
    }
    if (ev.kind === 'open') {
      if (ev.depth === 3) {
        const kind = LIST_KIND[ev.name];
        if (kind !== undefined) {
          b.hasRangeList = true;
          b.rangeKind ??= kind;
          this.inRangeList = true;
        } else if (ev.name === 'Metadata' || ev.name === 'Properties') {
          const st = ev.attrs.Status?.trim();
          this.sidecar = {
            which: ev.name === 'Metadata' ? 'metadata' : 'properties',
            value: { status: st !== undefined && st !== '' ? st : 'Completed' },
          };
        }
      } else if (ev.depth === 4 && this.inRangeList && RANGE_ELEMENTS.has(ev.name)) {
        b.ranges.push(this.parseRange(ev));
      }
      return;
    }
    if (ev.depth === 4 && this.sidecar !== undefined && (ev.name === 'GlobalPath' || ev.name === 'Path')) {
      const hp = this.hashedPath(ev);
      if (ev.name === 'GlobalPath') this.sidecar.value.globalPath = hp;
      else this.sidecar.value.path = hp;
      return;
    }
    if (ev.depth !== 3) return;
    const pos = this.pos(ev);
    if (LIST_KIND[ev.name] !== undefined) this.inRangeList = false;
    switch (ev.name) {
      case 'BlobPath':
      case 'FileStoragePath':
        b.blobPath = cleanText(ev.text);
        break;
      case 'FilePath':
        b.filePath = cleanText(ev.text);
        break;
      case 'OriginalFilePath':
        b.originalFilePath = cleanText(ev.text);
        break;
      case 'Snapshot':
        b.snapshot = ev.text.trim();
        break;
      case 'Length':
        b.length = parseUInt(ev.text, pos, 'Length');
        break;
      case 'SizeInBytes':
        b.sizeInBytes = parseUInt(ev.text, pos, 'SizeInBytes');
        break;
      case 'LastModified':
        b.lastModified = ev.text.trim();
        break;
      case 'Status':
        b.statusElement = ev.text.trim();
        break;
      case 'ImportDisposition': {
        const d: { value: string; status?: string } = { value: ev.text.trim() };
        const st = ev.attrs.Status?.trim();
        if (st !== undefined && st !== '') d.status = st;
        b.importDisposition = d;
        break;
      }
      case 'Metadata':
      case 'Properties':
        if (this.sidecar !== undefined) {
          if (this.sidecar.which === 'metadata') b.metadata = this.sidecar.value;
          else b.properties = this.sidecar.value;
          this.sidecar = undefined;
        }
        break;
      default:
        break;
    }
  }

  private hashedPath(ev: XmlCloseEvent): HashedPath {
    const hp: HashedPath = { path: cleanText(ev.text) };
    if (ev.attrs.Hash !== undefined) hp.hash = normalizeHash(ev.attrs.Hash, this.pos(ev), `Hash of <${ev.name}>`);
    return hp;
  }

  private parseRange(ev: XmlOpenEvent): LogRange {
    const pos = this.pos(ev);
    const offset = parseUInt(ev.attrs.Offset, pos, `Offset of <${ev.name}>`);
    const length = parseUInt(ev.attrs.Length, pos, `Length of <${ev.name}>`);
    if (!Number.isSafeInteger(offset + length)) {
      throw xmlError(pos, `<${ev.name}> Offset + Length is too large`);
    }
    const st = ev.attrs.Status?.trim();
    const r: LogRange = { offset, length, status: st !== undefined && st !== '' ? st : 'Completed' };
    if (ev.attrs.Id !== undefined) r.id = ev.attrs.Id.trim();
    if (ev.attrs.Hash !== undefined) r.hash = normalizeHash(ev.attrs.Hash, pos, `Hash of <${ev.name}>`);
    return r;
  }

  private finishBlob(b: BlobBuilder): CopyLogBlob {
    const pos = { file: this.file, line: b.line, column: b.column };
    const el = b.kind === 'blob' ? '<Blob>' : '<File>';
    if (b.blobPath === undefined) {
      throw xmlError(pos, `${el} has no ${b.kind === 'blob' ? '<BlobPath>' : '<FileStoragePath>'}`);
    }
    const filePath = b.filePath ?? b.originalFilePath;
    if (filePath === undefined) throw xmlError(pos, `${el} has neither <FilePath> nor <OriginalFilePath>`);
    const length = b.length ?? b.sizeInBytes;
    if (length === undefined) throw xmlError(pos, `${el} has neither <Length> nor <SizeInBytes>`);
    const blob: CopyLogBlob = {
      kind: b.kind,
      status: b.statusAttr ?? (b.statusElement !== undefined && b.statusElement !== '' ? b.statusElement : 'Completed'),
      blobPath: b.blobPath,
      filePath,
      length,
      hasRangeList: b.hasRangeList,
      ranges: b.ranges,
      line: b.line,
    };
    if (b.originalFilePath !== undefined) blob.originalFilePath = b.originalFilePath;
    if (b.snapshot !== undefined) blob.snapshot = b.snapshot;
    if (b.lastModified !== undefined) blob.lastModified = b.lastModified;
    if (b.importDisposition !== undefined) blob.importDisposition = b.importDisposition;
    if (b.rangeKind !== undefined) blob.rangeKind = b.rangeKind;
    if (b.metadata !== undefined) blob.metadata = b.metadata;
    if (b.properties !== undefined) blob.properties = b.properties;
    return blob;
  }

  // ---- 2021-08-01 copy log ----

  private handleCopyLog2021(ev: XmlEvent): void {
    const rel = ev.depth - this.base;
    if (rel <= 0) return;
    if (this.handleSummary(ev)) return;
    if (rel === 1) {
      if (ev.kind === 'open') {
        if (ev.name === 'ErroredEntity') {
          this.ensureHeader();
          const path = ev.attrs.Path;
          if (path === undefined) throw xmlError(this.pos(ev), '<ErroredEntity> has no Path attribute');
          this.entity = { cloudFormat: ev.attrs.CloudFormat?.trim() ?? '', path, line: ev.line };
        } else if (ev.name === 'CopyLog') {
          this.inCopyLog = true;
        }
      } else if (ev.name === 'ErroredEntity' && this.entity !== undefined) {
        this.out.push({ type: 'entity', entity: this.entity });
        this.entity = undefined;
      } else if (ev.name === 'CopyLog') {
        this.inCopyLog = false;
        this.ensureHeader();
      }
      return;
    }
    if (rel !== 2) return;
    if (this.entity !== undefined && ev.kind === 'close') {
      const e = this.entity;
      switch (ev.name) {
        case 'Category':
          e.category = ev.text.trim();
          break;
        case 'ErrorCode':
          e.errorCode = ev.text.trim();
          break;
        case 'ErrorMessage':
          e.errorMessage = cleanText(ev.text);
          break;
        case 'Type':
          e.type = ev.text.trim();
          break;
        case 'ETag':
          e.etag = ev.text.trim();
          break;
        default:
          break;
      }
      return;
    }
    if (!this.inCopyLog) return;
    if (ev.kind === 'open') {
      if (ev.name === 'Summary') this.summaryDepth = ev.depth;
      return;
    }
    const pos = this.pos(ev);
    switch (ev.name) {
      case 'DriveLogVersion':
        this.version = ev.text.trim();
        break;
      case 'DriveId':
        this.driveId = ev.text.trim();
        break;
      case 'Status':
        this.driveStatus = ev.text.trim();
        break;
      case 'TotalFiles_Blobs':
        this.totalFiles = parseUInt(ev.text, pos, 'TotalFiles_Blobs');
        break;
      case 'FilesErrored':
        this.filesErrored = parseUInt(ev.text, pos, 'FilesErrored');
        break;
      default:
        break;
    }
  }

  // ---- 2021-08-01 verbose log ----

  private handleVerbose(ev: XmlEvent): void {
    if (ev.kind !== 'open' || ev.depth - this.base !== 1 || ev.name !== 'File') return;
    this.ensureHeader();
    const pos = this.pos(ev);
    const path = ev.attrs.Path;
    if (path === undefined) throw xmlError(pos, '<File> has no Path attribute');
    const entry: VerboseFileEntry = {
      cloudFormat: ev.attrs.CloudFormat?.trim() ?? '',
      path,
      size: parseUInt(ev.attrs.Size, pos, 'Size of <File>'),
      line: ev.line,
    };
    const crc = ev.attrs.crc64;
    if (crc !== undefined) entry.crc64 = parseCrc64Decimal(crc, pos);
    if (ev.attrs.ETag !== undefined) entry.etag = ev.attrs.ETag.trim();
    this.out.push({ type: 'verboseFile', file: entry });
  }
}

const MAX_U64 = (1n << 64n) - 1n;

/** Validates a decimal CRC-64 (0 … 2^64-1) and returns it without leading zeros. */
function parseCrc64Decimal(raw: string, pos: XmlPosition): string {
  const s = raw.trim();
  if (!/^[0-9]{1,20}$/.test(s) || BigInt(s) > MAX_U64) {
    throw xmlError(pos, `crc64 must be a decimal number from 0 to ${MAX_U64}, found "${shorten(s)}"`);
  }
  return BigInt(s).toString();
}
