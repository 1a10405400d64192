/**
 * The status codes of the copy-log status tables, with severity and repairability; the texts live in
 * `texts.en.ts` and `texts.nl.ts`, keyed by {@link StatusKey} (`<category>.<code>`), and the compiler makes
 * sure both files have a text for every key and no other.
 *
 * Sources: seed `000_…` tables "Statuscodes van station", "BLOB-statuscodes", "Statuscodes toestand
 * importeren", "Pagina-bereik/blok statuscodes", "Statuscodes van metagegevens", "Eigenschappen van
 * statuscodes" (metadata and properties share one category, `sidecar`, and have the same codes);
 * formats.md §1.3 for the 2018-10-01 codes (`dataBox`), whose meanings are those of Microsoft's
 * "Understand logs to troubleshoot data upload issues in Azure Data Box Disk".
 */
import type { StatusCategory, StatusSeverity } from './types.ts';

interface StatusDefinition {
  readonly category: StatusCategory;
  readonly code: string;
  readonly severity: StatusSeverity;
  readonly repairable: boolean;
}

const d = <const C extends StatusCategory, const K extends string>(
  category: C,
  code: K,
  severity: StatusSeverity,
  repairable: boolean,
) => ({ category, code, severity, repairable }) as const;

/** Every (category, code) of the catalogue, in the order of the seed's tables. */
export const STATUS_DEFINITIONS = [
  // Drive (seed 000, "Statuscodes van station")
  d('drive', 'Completed', 'ok', false),
  d('drive', 'CompletedWithWarnings', 'warning', false),
  d('drive', 'CompletedWithErrors', 'error', true),
  d('drive', 'DiskNotFound', 'error', false),
  d('drive', 'VolumeNotNtfs', 'error', false),
  d('drive', 'DiskOperationFailed', 'error', false),
  d('drive', 'BitLockerVolumeNotFound', 'error', false),
  d('drive', 'BitLockerNotActivated', 'error', false),
  d('drive', 'BitLockerProtectorNotFound', 'error', false),
  d('drive', 'BitLockerKeyInvalid', 'error', false),
  d('drive', 'BitLockerUnlockVolumeFailed', 'error', false),
  d('drive', 'BitLockerFailed', 'error', false),
  d('drive', 'ManifestNameInvalid', 'error', false),
  d('drive', 'ManifestNameTooLong', 'error', false),
  d('drive', 'ManifestNotFound', 'error', false),
  d('drive', 'ManifestAccessDenied', 'error', false),
  d('drive', 'ManifestCorrupted', 'error', false),
  d('drive', 'ManifestFormatInvalid', 'error', false),
  d('drive', 'ManifestDriveIdMismatch', 'error', false),
  d('drive', 'ReadManifestFailed', 'error', false),
  d('drive', 'BlobListFormatInvalid', 'error', false),
  d('drive', 'BlobRequestForbidden', 'error', true),
  d('drive', 'InternalError', 'error', false),
  // Blob (seed 000, "BLOB-statuscodes")
  d('blob', 'Completed', 'ok', false),
  d('blob', 'CompletedWithErrors', 'error', true),
  d('blob', 'FileNameInvalid', 'error', true),
  d('blob', 'FileNameTooLong', 'error', true),
  d('blob', 'FileNotFound', 'error', true),
  d('blob', 'FileAccessDenied', 'error', true),
  d('blob', 'BlobRequestFailed', 'error', true),
  d('blob', 'BlobRequestForbidden', 'error', true),
  d('blob', 'RenameFailed', 'error', false),
  d('blob', 'BlobUnexpectedChange', 'error', false),
  d('blob', 'LeasePresent', 'error', true),
  d('blob', 'IOFailed', 'error', true),
  d('blob', 'Failed', 'error', true),
  // Import disposition (seed 000, "Statuscodes toestand importeren")
  d('importDisposition', 'Created', 'ok', false),
  d('importDisposition', 'Renamed', 'warning', false),
  d('importDisposition', 'Skipped', 'warning', false),
  d('importDisposition', 'Overwritten', 'warning', false),
  d('importDisposition', 'Cancelled', 'error', true),
  // Page range / block (seed 000, "Pagina-bereik/blok statuscodes")
  d('range', 'Completed', 'ok', false),
  d('range', 'Committed', 'warning', true),
  d('range', 'Uncommitted', 'warning', true),
  d('range', 'Corrupted', 'error', true),
  d('range', 'FileUnexpectedEnd', 'error', true),
  d('range', 'BlobUnexpectedEnd', 'error', true),
  d('range', 'BlobRequestFailed', 'error', true),
  d('range', 'IOFailed', 'error', true),
  d('range', 'Failed', 'error', true),
  d('range', 'Cancelled', 'error', true),
  // Metadata and properties (seed 000, "Statuscodes van metagegevens" / "Eigenschappen van statuscodes")
  d('sidecar', 'Completed', 'ok', false),
  d('sidecar', 'FileNameInvalid', 'error', false),
  d('sidecar', 'FileNameTooLong', 'error', false),
  d('sidecar', 'FileNotFound', 'error', true),
  d('sidecar', 'FileAccessDenied', 'error', true),
  d('sidecar', 'Corrupted', 'error', true),
  d('sidecar', 'XmlReadFailed', 'error', false),
  d('sidecar', 'XmlWriteFailed', 'error', true),
  d('sidecar', 'BlobRequestFailed', 'error', true),
  d('sidecar', 'IOFailed', 'error', true),
  d('sidecar', 'Failed', 'error', true),
  d('sidecar', 'Cancelled', 'error', true),
  // 2018-10-01 (Data Box Disk era) extra codes (formats.md §1.3)
  d('dataBox', 'Renamed', 'warning', false),
  d('dataBox', 'StorageRequestFailed', 'error', true),
  d('dataBox', 'StorageRequestForbidden', 'error', true),
  d('dataBox', 'ContainerRenamed', 'warning', false),
  d('dataBox', 'ShareRenamed', 'warning', false),
  d('dataBox', 'BlobRenamed', 'warning', false),
  d('dataBox', 'FileRenamed', 'warning', false),
  d('dataBox', 'DiskRenamed', 'warning', false),
  d('dataBox', 'InvalidWorkitem', 'error', false),
  d('dataBox', 'MovedToOverflowShare', 'warning', false),
  d('dataBox', 'MovedToDefaultAzureShare', 'warning', false),
] as const satisfies readonly StatusDefinition[];

type KeyOf<D> = D extends { readonly category: infer C extends string; readonly code: infer K extends string }
  ? `${C}.${K}`
  : never;

/** `<category>.<code>` of every catalogue entry, e.g. `range.Corrupted`. */
export type StatusKey = KeyOf<(typeof STATUS_DEFINITIONS)[number]>;
