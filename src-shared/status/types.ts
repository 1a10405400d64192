/**
 * Types of the status catalogue: every status code an Import/Export copy log can carry, with what it
 * means for the operator, in English and Dutch.
 *
 * Sources: seed `000_…` (Microsoft's "log file format" page: drive, blob, import-disposition,
 * page-range/block, metadata and properties status tables), formats.md §1.2 and §1.3 (the extra codes of
 * `DriveLog Version="2018-10-01"`, Data Box Disk era).
 */

/**
 * Which status table a code belongs to. The same code can mean different things in different tables
 * (`Completed`, `Failed`, `Corrupted`, `BlobRequestForbidden`, `Cancelled`…), so a code is always looked up
 * together with its category.
 * - `drive`: `<DriveLog>/<Status>`, the status of the whole drive.
 * - `blob`: `<Blob Status>` (and 2018-10-01 `<File Status>`), one blob or exported file.
 * - `importDisposition`: `<ImportDisposition Status>`, import only: what happened to an existing blob.
 * - `range`: `<Block Status>` / `<PageRange Status>`, one block or page range.
 * - `sidecar`: `<Metadata Status>` / `<Properties Status>`, the blob's metadata or properties file.
 * - `dataBox`: extra item codes of 2018-10-01 logs (formats.md §1.3), e.g. `ContainerRenamed`.
 */
export type StatusCategory = 'drive' | 'blob' | 'importDisposition' | 'range' | 'sidecar' | 'dataBox';

/** The categories in the order of the seed's tables, then `dataBox`. */
export const STATUS_CATEGORIES: readonly StatusCategory[] = Object.freeze([
  'drive',
  'blob',
  'importDisposition',
  'range',
  'sidecar',
  'dataBox',
] as const);

/** Languages the texts exist in. */
export type Language = 'en' | 'nl';

/** The languages, English first (the fallback). */
export const LANGUAGES: readonly Language[] = Object.freeze(['en', 'nl'] as const);

/**
 * How an operator should read a status: `ok` nothing to do; `warning` the data arrived but differs from
 * what may have been expected (renamed, skipped, not yet assembled), look at it; `error` data or a step is
 * missing or damaged.
 */
export type StatusSeverity = 'ok' | 'warning' | 'error';

/** The operator-facing texts of one status in one language. Plain strings (JSON-able, i18next-ready). */
export interface StatusText {
  /** One short line, e.g. "Block damaged (checksum mismatch)". */
  title: string;
  /** What happened, in plain words for someone who has never seen a copy log. */
  explanation: string;
  /** What to do next, concretely; names the `waie` command where one helps. */
  nextStep: string;
}

/**
 * One entry of the catalogue, keyed by (`category`, `code`). A plain, frozen, JSON-able object.
 */
export interface StatusEntry {
  category: StatusCategory;
  /** The code exactly as the copy log writes it, e.g. `BlobRequestForbidden`. */
  code: string;
  severity: StatusSeverity;
  /**
   * True when `waie RepairExport` / `waie RepairImport` can fix it by transferring data again (possibly
   * after the operator fixes a cause such as an expired SAS or a missing file). False when there is
   * nothing to repair (`ok`, renamed items) or when a transfer cannot help (a wrong BitLocker key, a
   * damaged manifest, a blob that changed during the export).
   */
  repairable: boolean;
  texts: Record<Language, StatusText>;
}
