/**
 * English texts of the status catalogue, one per `<category>.<code>` (see `definitions.ts`).
 * Written for an operator who has never seen a copy log; meanings from seed `000_…` and, for `dataBox`,
 * Microsoft's Data Box Disk upload-log page (formats.md §1.3). Commands: `waie RepairExport` /
 * `waie RepairImport` with the WAImportExport-style options (`/CopyLogFile:`, `/ManifestFile:`, `/d:`,
 * `/sk:`, `/csas:`, `/bk:`, `/PathMapFile:`; formats.md §4, §5).
 */
import type { StatusKey } from './definitions.ts';
import type { StatusText } from './types.ts';

const REPAIR_BOTH =
  'Run `waie RepairExport` (export job) or `waie RepairImport` (import job) with this copy log (`/CopyLogFile:`); only the failed parts are transferred again.';

/** English title, explanation and next step for every `<category>.<code>` of the catalogue (checked complete by the compiler). */
export const STATUS_TEXTS_EN: Readonly<Record<StatusKey, StatusText>> = {
  // ── Drive ────────────────────────────────────────────────────────────────
  'drive.Completed': {
    title: 'Drive finished without errors',
    explanation: 'The Azure datacenter processed every file on this drive and found no problems.',
    nextStep: 'Nothing to repair. Keep the copy log with the job records.',
  },
  'drive.CompletedWithWarnings': {
    title: 'Drive finished with warnings',
    explanation:
      'All data was copied, but for some blobs the service applied the import rule chosen for them: a blob was renamed, skipped or replaced because one with the same name already existed.',
    nextStep:
      'Look at the blobs whose import rule shows Renamed, Skipped or Overwritten. If that is what you intended, there is nothing to repair.',
  },
  'drive.CompletedWithErrors': {
    title: 'Drive finished with errors',
    explanation:
      'The drive was processed, but some blobs or parts of them (blocks, page ranges, metadata or properties) failed. Everything marked Completed is fine.',
    nextStep: REPAIR_BOTH,
  },
  'drive.DiskNotFound': {
    title: 'No disk found in the drive',
    explanation: 'The datacenter could not find a disk in the drive it received, so nothing was copied.',
    nextStep:
      'There is no data to repair. Contact Azure support with the job name and drive ID; you will probably have to ship the disk again or create a new job.',
  },
  'drive.VolumeNotNtfs': {
    title: 'Data volume is not NTFS',
    explanation:
      'The first data volume on the disk is not formatted as NTFS, which the Import/Export service requires. Nothing was copied.',
    nextStep:
      'Import: prepare the disk again with the WAImportExport tool (it formats the volume as NTFS) and ship it in a new job. Export: contact Azure support with the job name and drive ID.',
  },
  'drive.DiskOperationFailed': {
    title: 'Unknown disk error',
    explanation:
      'Something went wrong while the datacenter was reading from or writing to the disk, and the service does not say what.',
    nextStep:
      'Check the disk on a Windows computer (`chkdsk X: /scan`). If the copy log still lists blobs with failed blocks, run `waie RepairExport` or `waie RepairImport` for them; otherwise contact Azure support.',
  },
  'drive.BitLockerVolumeNotFound': {
    title: 'No BitLocker volume found',
    explanation:
      'The service expected a BitLocker-encrypted volume on the disk and found none, so it did not copy anything.',
    nextStep:
      'Import: encrypt the disk with BitLocker while preparing it (the WAImportExport tool does this) and ship it in a new job. Export: contact Azure support with the job name and drive ID.',
  },
  'drive.BitLockerNotActivated': {
    title: 'BitLocker is not turned on',
    explanation:
      'The disk has a volume, but BitLocker encryption is not active on it. The service only accepts encrypted drives, so nothing was copied.',
    nextStep:
      'Import: turn on BitLocker for the volume (or prepare the disk again with the WAImportExport tool) and ship it in a new job. Export: contact Azure support.',
  },
  'drive.BitLockerProtectorNotFound': {
    title: 'No recovery password on the volume',
    explanation:
      'BitLocker is on, but the volume has no 48-digit recovery password, which is what the service uses to unlock drives. Nothing was copied.',
    nextStep:
      'Add a recovery password (`manage-bde -protectors -add X: -RecoveryPassword`), enter that key for this drive in the job and ship the disk again, or create a new job.',
  },
  'drive.BitLockerKeyInvalid': {
    title: 'BitLocker key does not unlock the drive',
    explanation:
      'The 48-digit recovery key that the job holds for this drive did not unlock the volume. Usually the key belongs to another drive or was typed wrongly. Nothing was copied.',
    nextStep:
      'Copy the recovery key for this drive ID from the Azure portal (your job → Encryption) and compare it with the drive. Import: correct the key in the job. To unlock the drive here, give that key to `waie` with `/bk:`.',
  },
  'drive.BitLockerUnlockVolumeFailed': {
    title: 'Unlocking the volume failed',
    explanation:
      'BitLocker could not unlock the volume, for a reason the service does not give; the key was not reported as wrong.',
    nextStep:
      'Try to unlock the drive on a Windows computer with the recovery key from the Azure portal (job → Encryption). If that works, contact Azure support; if it does not, the disk may be damaged.',
  },
  'drive.BitLockerFailed': {
    title: 'BitLocker error',
    explanation: 'An unknown error occurred during a BitLocker operation on this drive.',
    nextStep:
      'Try to unlock the drive on a Windows computer with the recovery key from the Azure portal (job → Encryption), then contact Azure support with the job name and drive ID.',
  },
  'drive.ManifestNameInvalid': {
    title: 'Invalid manifest file name',
    explanation:
      'The drive manifest (the list of files and checksums that drive preparation writes to the disk) has a file name the service does not accept.',
    nextStep:
      'Import: prepare the disk again with the WAImportExport tool so it writes a correctly named manifest. Export: download the manifest backup from the storage account (`waies/<job>_<drive ID>_<time>_manifest.xml`) and give it to `waie` with `/ManifestFile:`.',
  },
  'drive.ManifestNameTooLong': {
    title: 'Manifest file name too long',
    explanation: 'The path of the drive manifest on the disk is longer than the service accepts.',
    nextStep:
      'Import: prepare the disk again and keep the manifest in the root of the drive. Export: use the manifest backup in the storage account (`waies/<job>_<drive ID>_<time>_manifest.xml`) with `/ManifestFile:`.',
  },
  'drive.ManifestNotFound': {
    title: 'Manifest not found',
    explanation:
      'The service found no drive manifest on the disk, so it could not tell which files to copy. Nothing was copied.',
    nextStep:
      'Import: check that the manifest written during drive preparation is still in the root of the drive; if it is gone, prepare the disk again. Export: use the manifest backup in the storage account (`waies/…_manifest.xml`) with `/ManifestFile:`.',
  },
  'drive.ManifestAccessDenied': {
    title: 'Manifest could not be opened',
    explanation: 'The drive manifest is on the disk, but file permissions did not allow the service to read it.',
    nextStep:
      'Give Administrators read access to the manifest file in the root of the drive and ship it again, or contact Azure support. For an export, the manifest backup in the storage account (`waies/…_manifest.xml`) can be used with `/ManifestFile:`.',
  },
  'drive.ManifestCorrupted': {
    title: 'Manifest damaged',
    explanation:
      'The content of the drive manifest no longer matches its own checksum, so it cannot be trusted to say which files belong on the drive.',
    nextStep:
      'Use the manifest backup in the storage account (container `waimportexport`, blob `waies/<job>_<drive ID>_<time>_manifest.xml`) and give it to `waie RepairExport` with `/ManifestFile:`.',
  },
  'drive.ManifestFormatInvalid': {
    title: 'Manifest in the wrong format',
    explanation: 'The drive manifest could be read, but its XML does not follow the required format.',
    nextStep:
      'Import: prepare the disk again with the WAImportExport tool instead of editing the manifest by hand. Export: use the manifest backup in the storage account (`waies/…_manifest.xml`) with `/ManifestFile:`.',
  },
  'drive.ManifestDriveIdMismatch': {
    title: 'Manifest belongs to another drive',
    explanation:
      'The drive ID written in the manifest is not the serial number the service read from this disk. The manifest was probably copied from another drive, or the disks were swapped.',
    nextStep:
      'Check that this disk is the drive the job lists under this drive ID. Every disk needs its own manifest; with `waie`, pass the manifest of this drive ID with `/ManifestFile:`.',
  },
  'drive.ReadManifestFailed': {
    title: 'Manifest could not be read',
    explanation: 'A disk read error occurred while the service was reading the drive manifest.',
    nextStep:
      'Check the disk for errors (`chkdsk X: /scan`). For an export, the manifest backup in the storage account (`waies/…_manifest.xml`) can replace it: give it to `waie RepairExport` with `/ManifestFile:`.',
  },
  'drive.BlobListFormatInvalid': {
    title: 'Export blob list in the wrong format',
    explanation:
      'Export only: the blob list that tells the service which blobs to export does not follow the required format, so nothing was exported.',
    nextStep:
      'Correct the blob list (an XML list of BlobPath and BlobPathPrefix entries) and create a new export job.',
  },
  'drive.BlobRequestForbidden': {
    title: 'Storage account refused access',
    explanation:
      'The storage account refused the service’s requests for this drive. The usual cause is an account key that was changed during the job, or a container SAS that is wrong or has expired.',
    nextStep:
      'Check the account key (portal: storage account → Access keys) or make a new container SAS (read permission for export, write for import). Then run `waie RepairExport` or `waie RepairImport` with `/sk:` or `/csas:` to transfer the data that failed.',
  },
  'drive.InternalError': {
    title: 'Internal error at the service',
    explanation: 'The Import/Export service had an internal error while processing this drive. Your data did not cause it.',
    nextStep:
      'Contact Azure support with the job name, the drive ID and this copy log. If the log lists blobs with failed blocks, `waie RepairExport` or `waie RepairImport` can retry those.',
  },

  // ── Blob ─────────────────────────────────────────────────────────────────
  'blob.Completed': {
    title: 'Blob copied',
    explanation: 'This file and its blob were copied completely and without errors.',
    nextStep: 'Nothing to do.',
  },
  'blob.CompletedWithErrors': {
    title: 'Blob copied with errors',
    explanation:
      'Part of this blob failed: some blocks or page ranges, or its metadata or properties. The parts marked Completed are fine.',
    nextStep: REPAIR_BOTH,
  },
  'blob.FileNameInvalid': {
    title: 'Invalid file name',
    explanation:
      'The file name is not allowed. In an import job the name on the drive was not valid; in an export job the blob name could not be turned into a valid Windows file name.',
    nextStep:
      'Import: run `waie RepairImport` with `/PathMapFile:` and write the real location of this file next to its path in that file. Export: download this blob directly (Azure Storage Explorer or AzCopy) and save it under a valid name.',
  },
  'blob.FileNameTooLong': {
    title: 'File path too long',
    explanation:
      'The file’s path is longer than Windows allows (a name over 255 characters, or a path over 260 characters without long-path support).',
    nextStep:
      'Import: run `waie RepairImport` with `/PathMapFile:` and map this path to a copy of the file with a shorter path. Export: download this blob directly (Azure Storage Explorer or AzCopy) to a shorter path.',
  },
  'blob.FileNotFound': {
    title: 'File not found',
    explanation:
      'The file named in the manifest was not on the drive when the service looked for it, so none of this blob was copied.',
    nextStep:
      'Run `waie RepairImport` with `/d:` pointing at folders that hold the original files. Paths it still cannot find are written to the `/PathMapFile:` file: add the real location after each one and run it again.',
  },
  'blob.FileAccessDenied': {
    title: 'Access to the file denied',
    explanation: 'File permissions on the drive did not allow the service to open this file.',
    nextStep:
      'Make sure an administrator can read (import) or write (export) the file, then run `waie RepairImport` or `waie RepairExport` with this copy log.',
  },
  'blob.BlobRequestFailed': {
    title: 'Storage request failed',
    explanation:
      'A request to Azure Blob storage for this blob failed, for example because of a time-out or a temporary service problem.',
    nextStep: REPAIR_BOTH,
  },
  'blob.BlobRequestForbidden': {
    title: 'Storage account refused access to the blob',
    explanation:
      'Blob storage refused access to this blob. Usually the account key was changed during the job, or the container SAS is wrong or has expired.',
    nextStep:
      'Check the account key (portal: storage account → Access keys) or the container SAS, then run `waie RepairExport` or `waie RepairImport` with the current key (`/sk:`) or SAS (`/csas:`).',
  },
  'blob.RenameFailed': {
    title: 'Renaming failed',
    explanation:
      'The service had to give the blob (import) or the file (export) another name, for example because of the rename import rule, and that rename failed.',
    nextStep:
      'Find the blob in the storage account (import) or the file on the drive (export) and copy that one item by hand, for example with AzCopy or Azure Storage Explorer.',
  },
  'blob.BlobUnexpectedChange': {
    title: 'Blob changed during the export',
    explanation:
      'Export only: the blob was modified while it was being copied to the drive, so the file on the drive may mix old and new content.',
    nextStep:
      'Do not repair this file block by block: the checksums in the log belong to the old version. Download the whole blob again (AzCopy or Azure Storage Explorer), or export it again in a new job.',
  },
  'blob.LeasePresent': {
    title: 'Blob is locked by a lease',
    explanation:
      'Another program held a lease (a lock) on this blob, so the service could not write to it.',
    nextStep:
      'Wait until the lease ends or break it (Azure Storage Explorer: Break Lease), then run `waie RepairImport` with this copy log.',
  },
  'blob.IOFailed': {
    title: 'Disk read or write error',
    explanation: 'A disk or I/O error occurred while the service was reading or writing this file on the drive.',
    nextStep:
      'Check the disk (`chkdsk X: /scan`). Then run `waie RepairExport` or `waie RepairImport` with this copy log; if the disk keeps failing, repair onto a copy of the files on another disk.',
  },
  'blob.Failed': {
    title: 'Blob failed',
    explanation: 'An unknown error occurred while processing this blob; the service gives no details.',
    nextStep: REPAIR_BOTH + ' If it fails again, the repair report says why.',
  },

  // ── Import disposition ───────────────────────────────────────────────────
  'importDisposition.Created': {
    title: 'Blob created',
    explanation: 'No blob with this name existed yet, so a new one was created.',
    nextStep: 'Nothing to do.',
  },
  'importDisposition.Renamed': {
    title: 'Blob stored under a new name',
    explanation:
      'A blob with this name already existed. Because the import rule was “rename”, the data was stored under a new name, which the log shows as BlobPath.',
    nextStep:
      'Use the new name shown in BlobPath. If you need the original name, rename or copy the blob in the storage account.',
  },
  'importDisposition.Skipped': {
    title: 'Blob skipped',
    explanation:
      'A blob with this name already existed and the import rule was “no-overwrite”, so the existing blob was kept and this file was not uploaded.',
    nextStep:
      'If the file on the drive should have replaced the existing blob, upload it yourself, for example with AzCopy.',
  },
  'importDisposition.Overwritten': {
    title: 'Existing blob replaced',
    explanation:
      'A blob with this name already existed and was replaced by this file, as the import rule “overwrite” asked.',
    nextStep:
      'Nothing to do, unless the old blob was still needed: restore it from a snapshot or soft delete if the account keeps those.',
  },
  'importDisposition.Cancelled': {
    title: 'Import rule not applied',
    explanation:
      'An earlier error on this blob stopped the service before it applied the import rule. The blob’s own status tells what went wrong.',
    nextStep: 'Fix the cause shown in the blob’s status, then run `waie RepairImport` with this copy log.',
  },

  // ── Page range / block ───────────────────────────────────────────────────
  'range.Completed': {
    title: 'Part copied',
    explanation: 'This block or page range was copied and its checksum matched.',
    nextStep: 'Nothing to do.',
  },
  'range.Committed': {
    title: 'Block stored, blob not assembled',
    explanation:
      'The block reached the storage account, but the blob was not put together with it, because other blocks failed or the final list of blocks could not be saved. The blob is not complete yet.',
    nextStep:
      'Run `waie RepairImport` with this copy log: it uploads the blocks that failed and saves the block list, so the blob becomes complete.',
  },
  'range.Uncommitted': {
    title: 'Block uploaded but not saved',
    explanation:
      'The block was uploaded but never made part of the blob. Azure throws away such loose blocks after about a week.',
    nextStep:
      'Run `waie RepairImport` with this copy log: it uploads the missing blocks again and saves the block list.',
  },
  'range.Corrupted': {
    title: 'Part damaged (checksum mismatch)',
    explanation:
      'The data of this block or page range does not match the MD5 checksum recorded for it, so it is damaged.',
    nextStep:
      'Export: run `waie RepairExport` with this copy log to download this part again. Import: run `waie RepairImport` with `/d:` pointing at the original files to upload it again.',
  },
  'range.FileUnexpectedEnd': {
    title: 'File shorter than expected',
    explanation:
      'The file on the drive ended before this block or page range. It is shorter than when the drive was prepared (import), or it was cut short while being written (export).',
    nextStep:
      'Import: run `waie RepairImport` with `/d:` pointing at the original, complete files. Export: run `waie RepairExport` with this copy log.',
  },
  'range.BlobUnexpectedEnd': {
    title: 'Blob shorter than expected',
    explanation:
      'The blob ended before this block or page range: the upload stopped early (import), or the blob became shorter during the export.',
    nextStep:
      REPAIR_BOTH + ' If the blob itself was shortened during the export, download the whole blob again instead.',
  },
  'range.BlobRequestFailed': {
    title: 'Storage request failed',
    explanation:
      'The request to Azure Blob storage for this block or page range failed, for example because of a time-out.',
    nextStep: REPAIR_BOTH,
  },
  'range.IOFailed': {
    title: 'Disk read or write error',
    explanation: 'A disk or I/O error occurred while this block or page range was read from or written to the drive.',
    nextStep:
      'Check the disk (`chkdsk X: /scan`), then run `waie RepairExport` (export) or `waie RepairImport` (import) with this copy log to transfer this part again.',
  },
  'range.Failed': {
    title: 'Part failed',
    explanation: 'An unknown error occurred while processing this block or page range; the service gives no details.',
    nextStep: REPAIR_BOTH,
  },
  'range.Cancelled': {
    title: 'Part skipped after an earlier error',
    explanation:
      'The service stopped working on this blob after an earlier error, so this block or page range was never copied.',
    nextStep:
      'Fix the first error of this blob (see its status), then run `waie RepairExport` or `waie RepairImport`; skipped parts are transferred too.',
  },

  // ── Metadata and properties ──────────────────────────────────────────────
  'sidecar.Completed': {
    title: 'Metadata or properties copied',
    explanation: 'The blob’s metadata or properties file was processed without errors.',
    nextStep: 'Nothing to do.',
  },
  'sidecar.FileNameInvalid': {
    title: 'Invalid metadata or properties file name',
    explanation: 'The name of this blob’s metadata or properties file is not valid, so it was not processed.',
    nextStep:
      'Set the metadata or properties on the blob yourself (Azure Storage Explorer → Properties), or give the file a valid name before a new job.',
  },
  'sidecar.FileNameTooLong': {
    title: 'Metadata or properties file name too long',
    explanation: 'The path of this blob’s metadata or properties file is longer than the service accepts.',
    nextStep:
      'Set the metadata or properties on the blob yourself (Azure Storage Explorer → Properties), or use a shorter path before a new job.',
  },
  'sidecar.FileNotFound': {
    title: 'Metadata or properties file not found',
    explanation: 'The metadata or properties file named for this blob was not found.',
    nextStep:
      'Export: run `waie RepairExport` with this copy log and the drive manifest (`/ManifestFile:`); it writes the file again from the blob. Import: put the file back and run `waie RepairImport` with `/d:`.',
  },
  'sidecar.FileAccessDenied': {
    title: 'Access to the metadata or properties file denied',
    explanation: 'File permissions did not allow the service to open this blob’s metadata or properties file.',
    nextStep:
      'Make sure an administrator can read and write the file, then run `waie RepairExport` or `waie RepairImport` with this copy log.',
  },
  'sidecar.Corrupted': {
    title: 'Metadata or properties file damaged',
    explanation: 'The metadata or properties file does not match its recorded checksum.',
    nextStep:
      'Export: run `waie RepairExport` with the drive manifest (`/ManifestFile:`); it writes the file again from the blob. Import: run `waie RepairImport` with `/d:` pointing at the original files.',
  },
  'sidecar.XmlReadFailed': {
    title: 'Metadata or properties file unreadable',
    explanation:
      'The file is not valid XML in the expected layout, so the service could not read the values from it.',
    nextStep:
      'Correct the file (root element `<Metadata>` or `<Properties>`, one element per value) and set the values on the blob yourself, for example with Azure Storage Explorer.',
  },
  'sidecar.XmlWriteFailed': {
    title: 'Metadata or properties file not written',
    explanation: 'Export: the service could not write this blob’s metadata or properties file to the drive.',
    nextStep:
      'Run `waie RepairExport` with this copy log and the drive manifest (`/ManifestFile:`); it writes the file again.',
  },
  'sidecar.BlobRequestFailed': {
    title: 'Storage request for metadata or properties failed',
    explanation: 'The request to Azure Blob storage to read or set this blob’s metadata or properties failed.',
    nextStep: REPAIR_BOTH,
  },
  'sidecar.IOFailed': {
    title: 'Disk error on metadata or properties',
    explanation:
      'A disk or I/O error occurred while the service was reading or writing this blob’s metadata or properties file.',
    nextStep:
      'Check the disk (`chkdsk X: /scan`), then run `waie RepairExport` or `waie RepairImport` with this copy log.',
  },
  'sidecar.Failed': {
    title: 'Metadata or properties failed',
    explanation:
      'An unknown error occurred while processing this blob’s metadata or properties; the service gives no details.',
    nextStep: REPAIR_BOTH,
  },
  'sidecar.Cancelled': {
    title: 'Metadata or properties skipped',
    explanation:
      'An earlier error on this blob stopped the service before it handled the metadata or properties.',
    nextStep:
      'Fix the first error of this blob (see its status), then run `waie RepairExport` or `waie RepairImport` with this copy log.',
  },

  // ── 2018-10-01 (Data Box Disk era) ───────────────────────────────────────
  'dataBox.Renamed': {
    title: 'Renamed',
    explanation: 'The item was uploaded and renamed on the way, because its name did not fit Azure’s naming rules.',
    nextStep: 'Find it under the new name shown in BlobPath (or FileStoragePath). Nothing needs repairing.',
  },
  'dataBox.StorageRequestFailed': {
    title: 'Storage request failed',
    explanation: 'A request to Azure Storage (blobs or files) failed while this item was being uploaded.',
    nextStep:
      'Run `waie RepairImport` with this copy log and `/d:` pointing at the original files to upload the item again.',
  },
  'dataBox.StorageRequestForbidden': {
    title: 'Storage account refused the upload',
    explanation:
      'The item could not be uploaded because the storage account refused the credentials, for example a changed account key or an expired SAS.',
    nextStep:
      'Check the account key (portal: storage account → Access keys) or make a new container SAS with write permission, then run `waie RepairImport` with `/sk:` or `/csas:`.',
  },
  'dataBox.ContainerRenamed': {
    title: 'Container renamed',
    explanation:
      'The folder name on the disk was not a valid container name, so the data went into a container whose name starts with `databox-` followed by a hash of the original name.',
    nextStep:
      'Find the data in the `databox-…` container shown in BlobPath; copy it to a container with the name you want if needed.',
  },
  'dataBox.ShareRenamed': {
    title: 'File share renamed',
    explanation:
      'The folder name on the disk was not a valid file share name, so the data went into a share whose name starts with `databox-` followed by a hash of the original name.',
    nextStep: 'Find the data in the `databox-…` share; copy it to a share with the name you want if needed.',
  },
  'dataBox.BlobRenamed': {
    title: 'Blob renamed',
    explanation: 'The file name was not a valid blob name, so the blob was stored under another name.',
    nextStep: 'Find the blob under the new name shown in BlobPath; rename it there if needed.',
  },
  'dataBox.FileRenamed': {
    title: 'File renamed',
    explanation: 'The file name was not valid in an Azure file share, so the file was stored under another name.',
    nextStep: 'Find the file under the new name shown in FileStoragePath; rename it there if needed.',
  },
  'dataBox.DiskRenamed': {
    title: 'Disk image renamed',
    explanation: 'The name of this disk image (VHD) did not follow Azure’s naming rules, so it was stored under another name.',
    nextStep: 'Find it under the new name shown in BlobPath; rename the managed disk or page blob there if needed.',
  },
  'dataBox.InvalidWorkitem': {
    title: 'Item breaks Azure’s naming or size rules',
    explanation:
      'The item was not uploaded, because its name, path or size does not fit Azure’s naming rules or limits.',
    nextStep:
      'Rename or split the file so it fits Azure’s rules (valid name, path length, maximum blob or file size) and upload it yourself, for example with AzCopy.',
  },
  'dataBox.MovedToOverflowShare': {
    title: 'Moved to an overflow share',
    explanation:
      'The file share would have grown beyond Azure’s maximum share size, so this file went to a new share: the original name with `-2` added.',
    nextStep: 'Find the file in the `…-2` share. Nothing needs repairing.',
  },
  'dataBox.MovedToDefaultAzureShare': {
    title: 'Moved to a default share',
    explanation:
      'The file was not inside a share folder on the disk, so it was uploaded to a default share whose name starts with `databox-`.',
    nextStep: 'Find the file in the `databox-…` share and move it where you want it. Nothing needs repairing.',
  },
};
