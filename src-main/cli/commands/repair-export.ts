/** `waie RepairExport` (seed `003_…`, formats.md §4). */
import type { RepairExportRequest } from '../../../src-shared/engine-protocol.ts';
import { WaieError } from '../../../src-shared/errors.ts';
import { displayName, type ParamSpecs } from '../args.ts';
import { runJobFromCli } from '../run-job.ts';
import type { CliCommand } from './types.ts';

export const REPAIR_EXPORT_PARAMS = {
  r: { required: true, value: '<RepairFile>', help: 'Repair file. A new path starts a repair; the same path resumes it after an interruption. One per drive. It records progress only, never a key.' },
  d: { required: true, value: '<TargetDirectory>', help: "The directory to validate and repair: usually the export drive's root (e.g. G:\\), or a folder or network share holding a copy of the exported files." },
  sn: { required: true, value: '<StorageAccountName>', help: 'The storage account the export job read from.' },
  sk: { required: false, value: '<StorageAccountKey>', help: 'The account key (Azure portal: storage account → Access keys). Give /sk or /csas, not both. To keep it off the command line, set WAIE_STORAGE_ACCOUNT_KEY instead.' },
  csas: { required: false, value: '<ContainerSas>', help: 'A container SAS with read permission: <ContainerName>?<SasString>, the SAS token alone, or the container URL with its SAS. Or set WAIE_CONTAINER_SAS.' },
  copylogfile: { name: 'CopyLogFile', required: false, value: '<DriveCopyLogFile>', help: "The drive's copy log (error or verbose log) downloaded from the storage account. Required unless /ManifestFile is given: with the manifest alone, the drive is validated by MD5 and whatever fails is repaired." },
  manifestfile: { name: 'ManifestFile', required: false, value: '<DriveManifestFile>', help: "The drive manifest (on the drive's root as <DriveId>.manifest, or its backup). With it every block, page range and properties file is checked by MD5 and whatever fails is downloaded again." },
  logdir: { required: false, value: '<LogDirectory>', help: 'Where the verbose log, the after-repair drive log and the summary go. Default: the current directory.' },
  bk: { required: false, value: '<BitLockerKey>', help: "The drive's 48-digit BitLocker recovery key, to unlock it first. (Not available yet in this version: unlock the drive first, e.g. manage-bde -unlock G: -RecoveryPassword …)" },
  blobendpoint: { name: 'BlobEndpoint', required: false, value: '<url>', help: 'Blob service endpoint, default https://<StorageAccountName>.blob.core.windows.net. For sovereign clouds or the Azurite emulator, e.g. http://127.0.0.1:10000/devstoreaccount1.' },
  concurrency: { required: false, value: '<n>', help: 'Parallel range downloads (default 8).' },
} as const satisfies ParamSpecs;

/** Account key or container SAS from the command line, else from WAIE_STORAGE_ACCOUNT_KEY / WAIE_CONTAINER_SAS. */
export function credentialsFrom(params: Partial<Record<string, string>>, env: NodeJS.ProcessEnv): { accountKey?: string; containerSas?: string } {
  if (params.sk && params.csas) throw new WaieError({ code: 'BAD_INPUT', title: 'Give /sk or /csas, not both', detail: 'Use the account key (/sk) or a container SAS (/csas).' });
  // The command line wins over the environment; /csas on the command line wins over a key in the environment.
  const accountKey = params.csas ? undefined : (params.sk ?? env.WAIE_STORAGE_ACCOUNT_KEY);
  const containerSas = accountKey ? undefined : (params.csas ?? env.WAIE_CONTAINER_SAS);
  return { accountKey, containerSas };
}

/** Names of the required parameters that are missing, spelled as in the documentation. */
export function missingParams(specs: ParamSpecs, params: Partial<Record<string, string>>): string[] {
  return Object.entries(specs)
    .filter(([k, p]) => p.required && !params[k])
    .map(([k]) => displayName(specs, k));
}

/** Builds the RepairExport request from parsed parameters. Throws WaieError `BAD_INPUT`. */
export function repairExportRequest(params: Partial<Record<string, string>>, env: NodeJS.ProcessEnv): RepairExportRequest {
  const missing = missingParams(REPAIR_EXPORT_PARAMS, params);
  const { accountKey, containerSas } = credentialsFrom(params, env);
  if (!params.copylogfile && !params.manifestfile) missing.push('/CopyLogFile');
  if (!accountKey && !containerSas) missing.push('/sk or /csas');
  if (missing.length) {
    throw new WaieError({ code: 'BAD_INPUT', title: `Missing ${missing.join(', ')}`, detail: 'RepairExport needs /r, /d, /sn, /CopyLogFile and one of /sk or /csas. Run "waie help RepairExport" for what each one is.' });
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
    targetDir: params.d!,
    copyLogFile: params.copylogfile,
    manifestFile: params.manifestfile,
    logDir: params.logdir ?? process.cwd(),
    concurrency,
    credentials: { accountName: params.sn!, accountKey, containerSas, blobEndpoint: params.blobendpoint },
  };
}

export const repairExportCommand: CliCommand = {
  name: 'RepairExport',
  summary: "Download again what an export job failed to write to the drive: every failed block and page range named in the copy log, whole files that failed, and .properties / .metadata files. With /ManifestFile, check every file on the drive by MD5 and repair whatever fails, including damage the copy log never mentioned.",
  usage: `RepairExport /r:<RepairFile> /d:<TargetDirectory> /sn:<StorageAccountName>
             (/sk:<StorageAccountKey> | /csas:<ContainerSas>) /CopyLogFile:<DriveCopyLogFile>
             [/ManifestFile:<DriveManifestFile>] [/logdir:<LogDirectory>] [/BlobEndpoint:<url>]`,
  params: REPAIR_EXPORT_PARAMS,
  notes: `Exit codes: 0 every component repaired and verified; 1 some components could not be repaired (listed
with their status codes); 2 bad input (nothing was written); 3 the run stopped (wrong key, storage
unreachable, disk full: run the same command again to resume); 130 cancelled (Ctrl+C; resumable).

Example:
  waie RepairExport /r:C:\\WAImportExport\\9WM35C3U.rep /d:G:\\ /sn:bobmediaaccount /sk:<key>
       /CopyLogFile:C:\\WAImportExport\\9WM35C3U.log /ManifestFile:G:\\9WM35C3U.manifest`,
  run: (params, io) => runJobFromCli({ kind: 'RepairExport', request: repairExportRequest(params, io.env) }, io),
};
