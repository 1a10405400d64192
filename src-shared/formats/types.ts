/**
 * Types of the Azure Import/Export file formats this project reads and writes.
 *
 * Sources: seed `000_…` (copy log format, status tables), seeds `001_…`/`003_…` (RepairExport, drive
 * manifest sample), `shared/reference/formats.md` (2018-10-01 and 2021-08-01 copy-log variants).
 * All offsets and lengths are in bytes. Hashes are normalised to upper-case Base16 MD5 (32 chars):
 * the documentation's samples carry leading spaces and mixed case, which readers trim and upper-case.
 */

/** Which kind of ranges a blob or file has. Page offsets/lengths are multiples of 512. */
export type RangeKind = 'block' | 'page' | 'file';

/** One block, page range or (2018-10-01) file range of a copy log: `Block`, `PageRange`, `FileRange`. */
export interface LogRange {
  /** Start offset in the blob and in the file, bytes. */
  offset: number;
  /** Length, bytes. Blocks and page ranges are at most 4 MiB (manifest format). */
  length: number;
  /** Block ID as written in the log (base64), blocks only. */
  id?: string;
  /** Upper-case Base16 MD5 of the range, when the log has one. */
  hash?: string;
  /** Range status code (seed table "page range/block status codes"), e.g. `Completed`, `Failed`, `Corrupted`. */
  status: string;
}

/** Metadata or properties status of a copy-log blob (`<Metadata Status>` / `<Properties Status>`). */
export interface SidecarStatus {
  status: string;
  /** Drive-relative Windows path of the global metadata/properties file, with its MD5. */
  globalPath?: HashedPath;
  /** Drive-relative Windows path of this blob's `.metadata`/`.properties` file, with its MD5. */
  path?: HashedPath;
}

/** A Windows-style drive-relative path (`\dir\file.ext`) with an optional upper-case hex MD5 of the file. */
export interface HashedPath {
  path: string;
  hash?: string;
}

/**
 * One `<Blob>` (or 2018-10-01 `<File>`) element of a classic copy log (`DriveLog`).
 * An export log lists exported files, an import log lists imported blobs.
 */
export interface CopyLogBlob {
  /** `blob` for `<Blob>`; `file` for the 2018-10-01 `<File>` (Azure Files) item. */
  kind: 'blob' | 'file';
  /** Blob status code (seed table "blob status codes"); `Completed` when the attribute is absent. */
  status: string;
  /** `container/blob` relative to the account (`$root/...` for the root container). For `<File>`: FileStoragePath. */
  blobPath: string;
  /** Drive path, Windows style with leading backslash: `\pictures\wild\desert.jpg`. */
  filePath: string;
  /** 2018-10-01: the path the file had before a rename. */
  originalFilePath?: string;
  /** Export: snapshot time of the exported blob (download from this snapshot). */
  snapshot?: string;
  /** Blob length, bytes (`Length`, or `SizeInBytes` in 2018-10-01 logs). */
  length: number;
  /** Export: the blob's Last-Modified at export time, as written (RFC 1123 or ISO 8601). */
  lastModified?: string;
  /** Import only: the disposition requested and its status. */
  importDisposition?: { value: string; status?: string };
  /** Kind of `ranges`; undefined when the blob has no range list at all. */
  rangeKind?: RangeKind;
  /** True when a `BlockList`/`PageRangeList`/`FileRangeList` element was present (even if empty). */
  hasRangeList: boolean;
  /** Ranges in document order. */
  ranges: LogRange[];
  metadata?: SidecarStatus;
  properties?: SidecarStatus;
  /** 1-based line of the `<Blob>` start tag in the log, for messages. */
  line: number;
}

/** 2021-08-01 copy logs: one `<ErroredEntity>` (no offsets, no MD5: whole-file repair by path only). */
export interface ErroredEntity {
  cloudFormat: string;
  /** Path as the log gives it: `container/blob` for blobs. */
  path: string;
  category?: string;
  errorCode?: string;
  errorMessage?: string;
  type?: string;
  etag?: string;
  line: number;
}

/** 2021-08-01 verbose logs: one `<File CloudFormat Path Size crc64 [ETag]>` per copied item. */
export interface VerboseFileEntry {
  cloudFormat: string;
  path: string;
  /** Bytes. */
  size: number;
  /** Decimal CRC-64 (reflected, poly 0x9A6C9329AC4BC9B5, init and xorout all ones), as a string (exceeds 2^53). */
  crc64?: string;
  etag?: string;
  line: number;
}

/** Which copy-log variant a file is (formats.md §1.1, §1.3). */
export type CopyLogVariant =
  | 'DriveLog' // classic 2014-11-01, no Version, and 2018-10-01 (all `<DriveLog>`)
  | 'CopyLog2021' // `<ErroredEntity>`* + `<CopyLog Summary="Summary">`
  | 'VerboseLog2021'; // `<File .../>`* with no root element

/** One `<Code Count Description>` of a 2018-10-01 `<Summary>` or a 2021-08-01 summary. */
export interface SummaryCode {
  group: string; // e.g. ValidationErrors, CopyErrors
  code: string;
  count: number;
  description?: string;
}

/** Items a copy-log reader yields, in document order. */
export type CopyLogItem =
  | { type: 'header'; variant: CopyLogVariant; version?: string; driveId?: string }
  | { type: 'blob'; blob: CopyLogBlob }
  | { type: 'entity'; entity: ErroredEntity }
  | { type: 'verboseFile'; file: VerboseFileEntry }
  | {
      type: 'end';
      /** Drive status (`<Status>`), or the 2021 CopyLog's Status. */
      driveStatus?: string;
      /** DriveId when it only appears at the end (2021 `CopyLog`). */
      driveId?: string;
      /** Log format version when it only appears at the end (2021 `CopyLog/DriveLogVersion`, e.g. `2021-08-01`). */
      version?: string;
      summary: SummaryCode[];
      /** 2021: TotalFiles_Blobs / FilesErrored when present. */
      totalFiles?: number;
      filesErrored?: number;
    };

/** One block or page range of a drive manifest: offset, length, MD5 (always present in manifests). */
export interface ManifestRange {
  offset: number;
  length: number;
  id?: string;
  /** Upper-case Base16 MD5. */
  hash: string;
}

/** One `<Blob>` of a drive manifest (formats.md §2). */
export interface ManifestBlob {
  blobPath: string;
  filePath: string;
  clientData?: string;
  snapshot?: string;
  /** Bytes. */
  length: number;
  importDisposition?: string;
  rangeKind?: 'block' | 'page';
  /** Ordered by offset, no overlaps; blocks cover [0, length) with no gaps; pages are 512-aligned. */
  ranges: ManifestRange[];
  metadataPath?: HashedPath;
  propertiesPath?: HashedPath;
  line: number;
}

/** Items a manifest reader yields, in document order. DriveId always comes before any blob. */
export type ManifestItem =
  | { type: 'drive'; version?: string; driveId: string; clientCreator?: string }
  | { type: 'blob'; blob: ManifestBlob }
  | { type: 'end' };

/** Blob properties as written to a `.properties` file (formats.md §3: only these eight are documented). */
export interface BlobPropertiesFile {
  lastModified?: string;
  etag?: string;
  contentLength?: number;
  contentType?: string;
  /** Base64 MD5 of the whole blob as stored by the service. */
  contentMD5?: string;
  contentEncoding?: string;
  contentLanguage?: string;
  cacheControl?: string;
}

/** Blob metadata as written to a `.metadata` file: name → value, in order. */
export type BlobMetadataFile = Record<string, string>;
