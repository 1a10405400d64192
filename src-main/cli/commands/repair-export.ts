/** `waie RepairExport` (seed `003_…`, formats.md §4). */
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { RepairExportRequest } from '../../../src-shared/engine-protocol.ts';
import { toErrorInfo, WaieError } from '../../../src-shared/errors.ts';
import { createBitLockerUnlocker, requireRecoveryKey, type BitLockerUnlocker } from '../../engine/bitlocker/index.ts';
import { displayName, type ParamSpecs } from '../args.ts';
import { formatError, runJobFromCli } from '../run-job.ts';
import type { CliCommand, CliIo } from './types.ts';

export const REPAIR_EXPORT_PARAMS = {
  r: { required: true, value: '<RepairFile>', help: 'Repair file. A new path starts a repair; the same path resumes it after an interruption. One per drive. It records progress only, never a key.' },
  d: { required: true, value: '<TargetDirectory>', help: "The directory to validate and repair: usually the export drive's root (e.g. G:\\), or a folder or network share holding a copy of the exported files." },
  sn: { required: true, value: '<StorageAccountName>', help: 'The storage account the export job read from.' },
  sk: { required: false, value: '<StorageAccountKey>', help: 'The account key (Azure portal: storage account → Access keys). Give /sk or /csas, not both. To keep it off the command line, set WAIE_STORAGE_ACCOUNT_KEY instead.' },
  csas: { required: false, value: '<ContainerSas>', help: 'A container SAS with read permission: <ContainerName>?<SasString>, the SAS token alone, or the container URL with its SAS. Or set WAIE_CONTAINER_SAS.' },
  copylogfile: { name: 'CopyLogFile', required: false, value: '<DriveCopyLogFile>', help: "The drive's copy log (error or verbose log) downloaded from the storage account. Required unless /ManifestFile is given: with the manifest alone, the drive is validated by MD5 and whatever fails is repaired." },
  manifestfile: { name: 'ManifestFile', required: false, value: '<DriveManifestFile>', help: "The drive manifest (on the drive's root as <DriveId>.manifest, or its backup). With it every block, page range and properties file is checked by MD5 and whatever fails is downloaded again." },
  logdir: { required: false, value: '<LogDirectory>', help: 'Where the verbose log, the after-repair drive log and the summary go. Default: the current directory.' },
  bk: { required: false, value: '<BitLockerKey>', help: "The drive's 48-digit BitLocker recovery key (Azure portal: your job → Encryption), to unlock the drive first. Windows: the drive of /d is unlocked (run as administrator) and stays unlocked afterwards. Linux: give /device too; the volume is mounted read-write with dislocker and ntfs-3g (run as root) and locked again when the repair ends. The key is never written to the repair file or the logs. To keep it off the command line, unlock first with \"waie Unlock\" (it reads WAIE_BITLOCKER_KEY) and run RepairExport without /bk." },
  device: { required: false, value: '<device>', help: 'Linux, with /bk: the BitLocker partition (e.g. /dev/sdb1) or an image file of it. /d is then a folder on that volume: /d:/ (or /d:\\, or a Windows path such as /d:G:\\) is its root, /d:exports\\2024 a folder in it.' },
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
  if (params.device && !params.bk) {
    throw new WaieError({ code: 'BAD_INPUT', title: '/device is used with /bk', detail: '/device names the BitLocker volume to unlock with /bk (Linux). Without /bk, give /d the folder where the drive\'s files are.' });
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

/**
 * What `/bk` asks RepairExport to unlock first, from `/bk`, `/d` and `/device` (the key is kept here, in
 * the CLI's memory, and never put into the engine's request):
 * - Windows: the drive letter of `/d` (`/d:G:\` → `G`);
 * - Linux: `/device` (a BitLocker partition or image file), and `subPath`, the folder of `/d` on that volume
 *   ({@link volumeSubPath}); other platforms: the key only (the adapter says "not supported yet").
 */
export interface RepairExportBitLocker {
  /** Normalised recovery key. */
  key: string;
  driveLetter?: string;
  device?: string;
  /** Linux: `/`-separated folder on the volume, `''` for its root. */
  subPath?: string;
}

/**
 * `/d` as a folder on the unlocked volume (Linux, with `/device`): a leading drive letter (`G:`) and
 * leading separators are dropped and `\` becomes `/`, so `/d:/`, `/d:\` and `/d:G:\` are the volume's
 * root and `/d:exports\2024` a folder in it. Throws WaieError `BAD_INPUT` for `..` segments.
 */
export function volumeSubPath(d: string): string {
  const parts = d.trim().replace(/^[A-Za-z]:/, '').replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
  if (parts.includes('..')) {
    throw new WaieError({ code: 'BAD_INPUT', title: 'Invalid /d', detail: 'With /device, /d is a folder on the BitLocker volume (/d:/ for its root); ".." is not allowed.' });
  }
  return parts.join('/');
}

/**
 * The BitLocker part of a RepairExport command line, or undefined without `/bk`.
 * @throws WaieError `RECOVERY_KEY_FORMAT` (a malformed key, named exactly), `BAD_INPUT` (no drive letter in
 *   `/d` on Windows, `/device` missing on Linux or given on Windows).
 */
export function repairExportBitLocker(params: Partial<Record<string, string>>, platform: NodeJS.Platform = process.platform): RepairExportBitLocker | undefined {
  if (!params.bk) return undefined;
  const key = requireRecoveryKey(params.bk);
  if (platform === 'win32') {
    if (params.device) throw new WaieError({ code: 'BAD_INPUT', title: '/device is for Linux', detail: 'On Windows, /bk unlocks the drive that /d is on: /d:G:\\ /bk:<key>.' });
    const m = /^\s*([A-Za-z]):/.exec(params.d ?? '');
    if (!m) throw new WaieError({ code: 'BAD_INPUT', title: 'With /bk, /d must start with a drive letter', detail: '/bk unlocks the drive that /d is on, so /d must be a path on that drive, e.g. /d:G:\\.' });
    return { key, driveLetter: m[1]!.toUpperCase() };
  }
  if (platform !== 'linux') return { key };
  if (!params.device) {
    throw new WaieError({ code: 'BAD_INPUT', title: 'With /bk, give /device', detail: 'On Linux, /bk unlocks the BitLocker volume named by /device (e.g. /device:/dev/sdb1; "waie Drives" lists them), and /d is a folder on it (/d:/ for its root).' });
  }
  return { key, device: params.device, subPath: volumeSubPath(params.d ?? '') };
}

/** Linux: the directory to repair: `/d` itself when it is the volume's mount point or inside it, else `subPath` under it. */
export function linuxTargetDir(d: string, root: string, subPath: string): string {
  if (isAbsolute(d)) {
    const rel = relative(root, resolve(d));
    if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))) return resolve(d);
  }
  return subPath ? join(root, subPath) : root;
}

/** Dependencies of RepairExport's BitLocker step (parameters so tests can inject them). */
export interface RepairExportDeps {
  platform?: NodeJS.Platform;
  unlocker?: () => BitLockerUnlocker;
  /** Runs the engine job (default {@link runJobFromCli}). */
  runJob?: typeof runJobFromCli;
}

/**
 * Runs RepairExport: validates every parameter (nothing is unlocked for a command line that would fail),
 * unlocks with `/bk` when given, repairs, and on Linux locks the volume again afterwards (also when the
 * repair fails or is cancelled; on exit at the latest). Windows leaves the drive unlocked and says how to
 * lock it. Unlock failures are thrown as WaieError (exit code 2: nothing was written).
 */
export async function runRepairExportCommand(params: Partial<Record<string, string>>, io: CliIo, deps: RepairExportDeps = {}): Promise<number> {
  const request = repairExportRequest(params, io.env);
  const platform = deps.platform ?? process.platform;
  const runJob = deps.runJob ?? runJobFromCli;
  const bl = repairExportBitLocker(params, platform);
  if (!bl) return runJob({ kind: 'RepairExport', request }, io);
  const unlocker = (deps.unlocker ?? (() => createBitLockerUnlocker({ platform })))();
  const volume = await unlocker.unlock({ key: bl.key, ...(bl.driveLetter ? { driveLetter: bl.driveLetter } : {}), ...(bl.device ? { device: bl.device } : {}), lockOnExit: platform === 'linux' });
  const what = bl.driveLetter ? `${bl.driveLetter}:` : (bl.device ?? volume.device);
  io.err.write(`${volume.alreadyUnlocked ? `${what} is already unlocked` : `Unlocked ${what}`}; its files are in ${volume.root}.\n`);
  const targetDir = platform === 'linux' ? linuxTargetDir(params.d ?? '', volume.root, bl.subPath ?? '') : request.targetDir;
  try {
    return await runJob({ kind: 'RepairExport', request: { ...request, targetDir } }, io);
  } finally {
    if (volume.alreadyUnlocked) {
      // Someone else unlocked it: leave it as it was.
    } else if (platform === 'linux') {
      try {
        await volume.lock();
        io.err.write(`Locked ${what} again.\n`);
      } catch (err) {
        io.err.write(formatError(toErrorInfo(err)));
      }
    } else io.err.write(`${what} stays unlocked. To lock it: ${volume.lockCommand}\n`);
  }
}

export const repairExportCommand: CliCommand = {
  name: 'RepairExport',
  summary: "Download again what an export job failed to write to the drive: every failed block and page range named in the copy log, whole files that failed, and .properties / .metadata files. With /ManifestFile, check every file on the drive by MD5 and repair whatever fails, including damage the copy log never mentioned.",
  usage: `RepairExport /r:<RepairFile> /d:<TargetDirectory> /sn:<StorageAccountName>
             (/sk:<StorageAccountKey> | /csas:<ContainerSas>) /CopyLogFile:<DriveCopyLogFile>
             [/ManifestFile:<DriveManifestFile>] [/logdir:<LogDirectory>] [/BlobEndpoint:<url>]
             [/bk:<BitLockerKey> [/device:<device>]]`,
  params: REPAIR_EXPORT_PARAMS,
  notes: `Exit codes: 0 every component repaired and verified; 1 some components could not be repaired (listed
with their status codes); 2 bad input (nothing was written); 3 the run stopped (wrong key, storage
unreachable, disk full: run the same command again to resume); 130 cancelled (Ctrl+C; resumable).
A BitLocker drive that cannot be unlocked with /bk (wrong key, no recovery password, not BitLocker) is
exit code 2: nothing was written.

Example:
  waie RepairExport /r:C:\\WAImportExport\\9WM35C3U.rep /d:G:\\ /sn:bobmediaaccount /sk:<key>
       /CopyLogFile:C:\\WAImportExport\\9WM35C3U.log /ManifestFile:G:\\9WM35C3U.manifest
  A BitLocker drive on Linux (as root), /d being the volume's root:
  waie RepairExport /r:9WM35C3U.rep /d:/ /bk:<48-digit key> /device:/dev/sdb1 /sn:bobmediaaccount /sk:<key>
       /CopyLogFile:9WM35C3U.log`,
  run: (params, io) => runRepairExportCommand(params, io),
};
