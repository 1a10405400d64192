/**
 * Where the Import/Export service keeps a job's logs and manifest backups (seeds 000 and 004,
 * formats.md §6), how their blob names read, and the shapes of listing and download results.
 * Pure (src-shared); the storage access itself is in `src-main/engine/fetch/`.
 */
export { LOG_BLOB_KINDS, parseLogTimestamp, parseWaiesFileName, parseDataBoxFileName, parseLogBlobName, type LogBlobKind, type ParsedLogName } from './names.ts';
export { DEFAULT_STATES_PATH, DATABOX_LOG_CONTAINER, logLocations, type LogLocation, type LogLocationInput, type LogLocationRule } from './locations.ts';
export type { FoundLog, DriveLogSet, SearchedLocation, LogListing, HashCheck, DownloadedLog } from './types.ts';
