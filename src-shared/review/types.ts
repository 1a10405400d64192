/**
 * The review model of a copy log (`waie Review`; the wizard's future `review.run` channel): pure,
 * JSON-able data, computed by streaming the log once. It extends the copy-log step's
 * {@link CopyLogSummary} (same counts, same first failed blobs) with what a review adds: the drive
 * status explained, whether the log is an export or an import log and how that was decided, which
 * repair command fixes each failure, counts per metadata/properties/import-disposition status, the
 * import dispositions, chart series, and where in each file the failures sit.
 *
 * Units: bytes for every length, offset and size. Lists are capped (see {@link ReviewLimits}); counts
 * never are. Texts (`title`, `explanation`, `nextStep`, `why`, `reason`, notes) are in the model's
 * `lang`; codes are always given too so a UI can use its own texts.
 */
import type { CopyLogSummary, FailedBlobSummary } from '../ipc/contract.ts';
import type { SummaryCode } from '../formats/types.ts';
import type { DriveLifecycleState } from '../lifecycle/types.ts';
import type { Language, StatusCategory, StatusSeverity } from '../status/types.ts';

/** Which job a copy log belongs to. `unknown` when the log carries no sign of either. */
export type JobKind = 'export' | 'import' | 'unknown';

/** The repair commands of this tool (formats.md §4, §5). */
export type RepairCommand = 'RepairExport' | 'RepairImport';

/**
 * How the job kind was decided, in order of strength (first that applies wins):
 * - `exportFields`: blobs carry `Snapshot`/`LastModified`, which only export logs have (seed 000:
 *   "voor een exporttaak") and no blob has `ImportDisposition`;
 * - `importDisposition`: blobs carry `ImportDisposition` ("voor een importtaak alleen") and none has
 *   an export field;
 * - `conflict`: both kinds of field are present; the kind with more blobs wins;
 * - `statusCodes`: neither kind of field, but status codes that only arise one way: `Committed`,
 *   `Uncommitted` blocks and `FileUnexpectedEnd` (uploading from files: import); `BlobUnexpectedChange`
 *   blobs and `BlobUnexpectedEnd` ranges (reading blobs: export);
 * - `dataBox2018`: a `DriveLog Version="2018-10-01"` log (Data Box Disk uploads: import);
 * - `uploadCategory`: 2021-08-01 entities whose Category starts with `Upload` (import);
 * - `none`: no evidence: `unknown`.
 */
export type JobKindBasis = 'exportFields' | 'importDisposition' | 'conflict' | 'statusCodes' | 'dataBox2018' | 'uploadCategory' | 'none';

/** The decision and the evidence counted for it. */
export interface JobKindDecision {
  kind: JobKind;
  basis: JobKindBasis;
  /** One sentence saying how it was decided (in the model's language). */
  reason: string;
  evidence: {
    /** Blobs with an `ImportDisposition` element. */
    importDisposition: number;
    /** Blobs with `Snapshot` or `LastModified`. */
    exportFields: number;
    /** Import-only status codes seen (blocks `Committed`/`Uncommitted`, ranges `FileUnexpectedEnd`). */
    importStatusCodes: number;
    /** Export-only status codes seen (blob `BlobUnexpectedChange`, range `BlobUnexpectedEnd`). */
    exportStatusCodes: number;
    /** 2021 entities with an `Upload…` Category. */
    uploadCategories: number;
  };
}

/** One bar of a status chart: a code, how many, its severity and title from the status catalogue. */
export interface CountBar {
  code: string;
  count: number;
  severity: StatusSeverity;
  /** Catalogue title in the model's language (the code itself for unknown codes). */
  title: string;
}

/** A run of bytes of a file with one status, for the failure strip. `end` exclusive. */
export interface StripSegment {
  start: number;
  end: number;
  status: string;
  severity: StatusSeverity;
}

/**
 * Where in a file the failures sit: the file's length and its failed runs. Adjacent failed ranges
 * with the same status are merged; when more than {@link ReviewLimits.stripSegments} runs remain, the
 * file is cut into that many equal bins, each carrying its worst status (so the strip stays bounded).
 */
export interface FailureStrip {
  length: number;
  segments: StripSegment[];
  /** True when the segments are bins (approximate positions), false when exact. */
  binned: boolean;
}

/** One failed component of a listed failure, for the model and the CSV. */
export type FailedComponent = 'blob' | 'block' | 'page' | 'fileRange' | 'properties' | 'metadata' | 'entity';

/**
 * A failed blob (or 2018-10-01 `<File>`, or 2021 entity) as Review lists it: the copy-log step's
 * {@link FailedBlobSummary} (its `failedRanges` capped at {@link ReviewLimits.rangesPerFailure}) plus
 * the review's judgement.
 */
export interface ReviewFailure extends FailedBlobSummary {
  /** `blob`/`file` (DriveLog items) or `entity` (2021-08-01 ErroredEntity). */
  kind: 'blob' | 'file' | 'entity';
  /** Blob length from the log; undefined for 2021 entities (they carry none). */
  length?: number;
  /** Catalogue title of `status` (blob table; 2021: the entity's Category). */
  statusTitle: string;
  severity: StatusSeverity;
  /** Failed ranges in the log (all of them; `failedRanges` may list fewer). */
  failedRangeCount: number;
  /** Import logs: the ImportDisposition (`rename`, `no-overwrite`, `overwrite`) and its status. */
  disposition?: { requested?: string; status?: string };
  /** 2021 entities: Category, ErrorCode, ErrorMessage, Type. */
  entity?: { category?: string; errorCode?: string; errorMessage?: string; type?: string; cloudFormat?: string };
  /** True when the repair command can fix every failed part (judged from the status catalogue and the rules below). */
  repairable: boolean;
  /** The command that repairs it (undefined when the job kind is unknown or nothing can be repaired). */
  command?: RepairCommand;
  /** Why it is or is not repairable, one sentence (model language). */
  why: string;
  /** What to do next (the catalogue's next step of the worst part, model language). */
  nextStep: string;
  /** With a manifest: whether the manifest lists this file. */
  inManifest?: boolean;
  /** Where the failures sit in the file; undefined for 2021 entities (no offsets). */
  strip?: FailureStrip;
  /** 1-based line of the item in the log. */
  line: number;
}

/** An import disposition other than `Created` (those are only counted). */
export interface ReviewDisposition {
  /** The blob the data went to: for `Renamed`, the new name (seed 000: "BlobPath holds the new name"). */
  blobPath: string;
  filePath: string;
  /** `rename`, `no-overwrite` or `overwrite` as the log writes it. */
  requested?: string;
  /** `Renamed`, `Skipped`, `Overwritten`, `Cancelled`, or another code. */
  status: string;
  statusTitle: string;
  severity: StatusSeverity;
  /** `Renamed` with a manifest: the name the blob was to have (the manifest's BlobPath for this FilePath). */
  originalBlobPath?: string;
  line: number;
}

/** What a manifest given with the log adds. */
export interface ReviewManifest {
  path: string;
  driveId: string;
  version?: string;
  blobs: number;
  /** Sum of the manifest blobs' lengths. */
  bytes: number;
  /** The manifest's DriveId equals the log's (case-insensitive); undefined when the log names no drive. */
  driveIdMatches?: boolean;
}

/** The caps of the lists in a model (counts are never capped). */
export interface ReviewLimits {
  /** Failed blobs listed. */
  failures: number;
  /** Failed ranges listed per failure. */
  rangesPerFailure: number;
  /** Dispositions listed. */
  dispositions: number;
  /** Segments per strip. */
  stripSegments: number;
}

/** The review of one copy log. */
export interface ReviewModel extends Omit<CopyLogSummary, 'failedBlobs'> {
  /** Language of the texts in this model. */
  lang: Language;
  /** The drive status (`<Status>`), explained from the status catalogue (`drive` table). */
  drive: {
    status?: string;
    severity: StatusSeverity;
    title: string;
    explanation: string;
    nextStep: string;
    known: boolean;
    /**
     * Where the drive is at least, in seed 002's drive life cycle (logs exist once a drive is processed):
     * `Completed` for drive status Completed, else `CompletedMoreInfo`; undefined when the log has no
     * drive status (2021 verbose logs).
     */
    lifecycleState?: DriveLifecycleState;
  };
  jobKind: JobKindDecision;
  /** The repair to run: command (none when nothing failed or the kind is unknown), a command line to adapt, counts. */
  repair: {
    command?: RepairCommand;
    /** With placeholders in `<…>` for what the log cannot know (drive folder, account, key). */
    commandLine?: string;
    /** Failed items the command can fix. */
    repairable: number;
    /** Failed items a transfer cannot fix (e.g. BlobUnexpectedChange, Azure Files items, container errors). */
    notRepairable: number;
    /**
     * Items listed as failed that need nothing: renamed by the service (2018-10-01/2021 `…Renamed`,
     * `MovedTo…` codes) or skipped by the no-overwrite import rule. `repairable + notRepairable +
     * noRepairNeeded = failedBlobCount`.
     */
    noRepairNeeded: number;
    /** One or two sentences on what to do (model language). */
    advice: string;
  };
  totals: {
    /** Items in the log (blobs, files, entities, verbose-log files). */
    items: number;
    /** Sum of the lengths of the blobs listed in the log (2021 verbose: Size; 2021 entities: unknown, 0). */
    bytes: number;
    ranges: number;
    failedRanges: number;
    /** Metadata and properties files that failed. */
    sidecarFailures: number;
  };
  counts: {
    /** Same as `countsByBlobStatus` / `countsByRangeStatus` of the summary, repeated here by table. */
    blob: Record<string, number>;
    range: Record<string, number>;
    metadata: Record<string, number>;
    properties: Record<string, number>;
    /** ImportDisposition Status (import logs). */
    disposition: Record<string, number>;
    /** 2021 entities by Category. */
    entityCategory: Record<string, number>;
  };
  /** 2018-10-01 and 2021-08-01 `<Summary>` codes, as the log gives them. */
  summaryCodes: SummaryCode[];
  /** Bars for the charts, each sorted by count (descending), then code. */
  charts: {
    blobStatus: CountBar[];
    rangeStatus: CountBar[];
    dispositionStatus: CountBar[];
    entityCategory: CountBar[];
  };
  /** The first failed items (at most `limits.failures`). */
  failedBlobs: ReviewFailure[];
  /** Failed items not listed: `failedBlobCount - failedBlobs.length`. */
  failuresNotListed: number;
  /** Dispositions other than Created (at most `limits.dispositions`). */
  dispositions: ReviewDisposition[];
  dispositionsNotListed: number;
  manifest?: ReviewManifest;
  limits: ReviewLimits;
}

/** Which catalogue table each chart's codes are looked up in. */
export const CHART_CATEGORIES: Readonly<Record<keyof ReviewModel['charts'], StatusCategory>> = Object.freeze({
  blobStatus: 'blob',
  rangeStatus: 'range',
  dispositionStatus: 'importDisposition',
  entityCategory: 'dataBox',
});
