/** `waie RepairImport` (formats.md §5; Microsoft's "Repairing an import job", WAImportExport v1). */
import type { RepairImportRequest } from '../../../src-shared/engine-protocol.ts';
import { WaieError } from '../../../src-shared/errors.ts';
import type { ParamSpecs } from '../args.ts';
import { runJobFromCli } from '../run-job.ts';
import { credentialsFrom, missingParams } from './repair-export.ts';
import type { CliCommand } from './types.ts';

/** The parameters of RepairImport, keyed by lower-case name (WAImportExport's spelling in `name`). */
export const REPAIR_IMPORT_PARAMS = {
  r: { required: true, value: '<RepairFile>', help: 'Repair file. A new path starts a repair; the same path resumes it after an interruption. One per drive. It records progress only, never a key.' },
  d: { required: true, value: '<Dir1;Dir2;…>', help: 'One or more directories holding the original files of the import, separated by semicolons: the import drive itself, or the folders you copied to it from (e.g. /d:C:\\Users\\bob\\Pictures;X:\\BobBackup\\photos). Each FilePath of the copy log is looked for under each directory; a file found under two of them is ambiguous and goes into the path map file.' },
  sn: { required: true, value: '<StorageAccountName>', help: 'The storage account the import job wrote to.' },
  sk: { required: false, value: '<StorageAccountKey>', help: 'The account key (Azure portal: storage account → Access keys). Give /sk or /csas, not both. To keep it off the command line, set WAIE_STORAGE_ACCOUNT_KEY instead.' },
  csas: { required: false, value: '<ContainerSas>', help: 'A container SAS with read, write and create permission: <ContainerName>?<SasString>, the SAS token alone, or the container URL with its SAS. Or set WAIE_CONTAINER_SAS.' },
  copylogfile: { name: 'CopyLogFile', required: true, value: '<DriveCopyLogFile>', help: "The import drive's copy log (error or verbose log) downloaded from the storage account (waimportexport/waies/…_error.xml). Every block, page range, properties and metadata file it names as failed is uploaded again." },
  pathmapfile: { name: 'PathMapFile', required: false, value: '<PathMapFile>', help: 'A text file resolving paths the tool cannot find by itself (not found, not readable, invalid name, or found under more than one /d directory). The first run writes each such path on a line of its own followed by a TAB; add the full path of the original after the TAB (\\animals\\koala.jpg<TAB>C:\\Users\\bob\\Pictures\\animals\\koala.jpg) and run the same command again. Lines you filled in are kept. Default: the repair file\'s path without its extension + _pathmap.txt.' },
  logdir: { required: false, value: '<LogDirectory>', help: 'Where the verbose log, the after-repair drive log and the summary go. Default: the current directory.' },
  bk: { required: false, value: '<BitLockerKey>', help: "The drive's 48-digit BitLocker recovery key, to unlock it first. (Not available yet in this version: unlock the drive first, e.g. manage-bde -unlock G: -RecoveryPassword …)" },
  blobendpoint: { name: 'BlobEndpoint', required: false, value: '<url>', help: 'Blob service endpoint, default https://<StorageAccountName>.blob.core.windows.net. For sovereign clouds or the Azurite emulator, e.g. http://127.0.0.1:10000/devstoreaccount1.' },
  concurrency: { required: false, value: '<n>', help: 'Parallel uploads (default 8).' },
} as const satisfies ParamSpecs;

/** Splits `/d` on semicolons: trimmed, empty parts dropped (`C:\a; D:\b;` → two directories). */
export function splitSourceDirs(value: string): string[] {
  return value
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Builds the RepairImport request from parsed parameters (`env` supplies a key or SAS not given on the
 * command line). Throws WaieError `BAD_INPUT` for missing parameters, /sk with /csas, /bk (not
 * available yet: statusCode BitLockerFailed), or an invalid /concurrency.
 */
export function repairImportRequest(params: Partial<Record<string, string>>, env: NodeJS.ProcessEnv): RepairImportRequest {
  const missing = missingParams(REPAIR_IMPORT_PARAMS, params);
  const { accountKey, containerSas } = credentialsFrom(params, env);
  if (!accountKey && !containerSas) missing.push('/sk or /csas');
  const dirs = params.d ? splitSourceDirs(params.d) : [];
  if (params.d && dirs.length === 0) missing.push('/d');
  if (missing.length) {
    throw new WaieError({ code: 'BAD_INPUT', title: `Missing ${missing.join(', ')}`, detail: 'RepairImport needs /r, /d, /sn, /CopyLogFile and one of /sk or /csas. Run "waie help RepairImport" for what each one is.' });
  }
  if (params.bk) {
    throw new WaieError({ code: 'BAD_INPUT', title: '/bk is not available yet', detail: 'This version cannot unlock BitLocker drives itself. Unlock the drive first (Windows: manage-bde -unlock G: -RecoveryPassword <key>; Linux: dislocker), then run the command again without /bk.', statusCode: 'BitLockerFailed' });
  }
  const concurrency = params.concurrency ? Number(params.concurrency) : undefined;
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)) {
    throw new WaieError({ code: 'BAD_INPUT', title: 'Invalid /concurrency', detail: 'Give a whole number from 1 to 64.' });
  }
  return {
    repairFile: params.r!,
    sourceDirs: dirs,
    copyLogFile: params.copylogfile!,
    pathMapFile: params.pathmapfile,
    logDir: params.logdir ?? process.cwd(),
    concurrency,
    credentials: { accountName: params.sn!, accountKey, containerSas, blobEndpoint: params.blobendpoint },
  };
}

/** The `waie RepairImport` command: parameters, help, and a runner that starts the engine job `RepairImport` (exit codes: run-job.ts). */
export const repairImportCommand: CliCommand = {
  name: 'RepairImport',
  summary:
    "Upload again what an import job failed to copy from the drive: every failed block and page range named in the copy log, read from the original files under /d and checked against the log's MD5; whole blobs that failed or are missing; and failed .properties / .metadata files. Files it cannot find as exactly one original go into the path map file for you to resolve.",
  usage: `RepairImport /r:<RepairFile> /d:<Dir1;Dir2;…> /sn:<StorageAccountName>
             (/sk:<StorageAccountKey> | /csas:<ContainerSas>) /CopyLogFile:<DriveCopyLogFile>
             [/PathMapFile:<PathMapFile>] [/logdir:<LogDirectory>] [/BlobEndpoint:<url>]`,
  params: REPAIR_IMPORT_PARAMS,
  notes: `The original must be the file that was imported: a range whose MD5 differs from the copy log's, or a
file of another length, is reported and nothing is uploaded for that blob. Blobs the import skipped
(no-overwrite) are left alone; renamed blobs are repaired under their new name.

Exit codes: 0 every failed component uploaded; 1 some could not be (listed with their status codes;
unresolved paths are in the path map file); 2 bad input (nothing was uploaded); 3 the run stopped
(wrong key, storage unreachable: run the same command again to resume); 130 cancelled (Ctrl+C; resumable).

Example:
  waie RepairImport /r:C:\\WAImportExport\\9WM35C3U.rep /d:C:\\Users\\bob\\Pictures;X:\\BobBackup\\photos
       /sn:bobmediaaccount /sk:<key> /CopyLogFile:C:\\WAImportExport\\9WM35C3U.log`,
  run: (params, io) => runJobFromCli({ kind: 'RepairImport', request: repairImportRequest(params, io.env) }, io),
};
