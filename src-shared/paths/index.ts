/** Path-safety rules: drive paths (copy-log/manifest FilePath) and blob paths (BlobPath). Pure (src-shared). */
export {
  parseDrivePath,
  toDriveRelativePath,
  isReservedDeviceName,
  MAX_DRIVE_SEGMENT_LENGTH,
  MAX_DRIVE_PATH_LENGTH,
} from './drive-path.ts';
export type { DrivePathResult, DrivePathStatusCode } from './drive-path.ts';
export {
  parseBlobPath,
  sameBlobPath,
  isValidContainerName,
  MAX_BLOB_NAME_LENGTH,
  MAX_BLOB_NAME_SEGMENTS,
  SPECIAL_CONTAINER_NAMES,
} from './blob-path.ts';
export type { BlobPathResult } from './blob-path.ts';
