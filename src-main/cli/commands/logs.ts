/**
 * `waie Logs` (issue 8): find a job's copy logs and manifest backups in the storage account where the
 * Import/Export service writes them (seed 000's location table, seed 004, formats.md §6; and the
 * newer `databoxcopylog` container), list them per drive and time, and download the newest of each
 * kind for every drive and job (or only list them with `/list`). A manifest backup can be checked
 * against the drive's ManifestHash (`/ManifestHash`, with `/DriveId`).
 *
 * Exit codes: 0 found (and downloaded, every check passed); 1 nothing found, or a download failed its
 * MD5 check; 2 bad input; 3 the storage account refused or could not be reached, or a file could not
 * be written. The key and the SAS are never printed or written.
 */
import { resolve } from 'node:path';
import type { StorageCredentials } from '../../../src-shared/engine-protocol.ts';
import { toErrorInfo, WaieError } from '../../../src-shared/errors.ts';
import type { DownloadedLog, FoundLog, LogListing } from '../../../src-shared/logs/index.ts';
import { redact } from '../../../src-shared/redact.ts';
import { formatBytes } from '../../../src-shared/review/index.ts';
import { downloadJobLogs, findJobLogs, newestLogs, normalizeMd5 } from '../../engine/fetch/index.ts';
import { secretsOf } from '../../engine/storage/credentials.ts';
import type { ParamSpecs } from '../args.ts';
import { formatError } from '../run-job.ts';
import { credentialsFrom, missingParams } from './repair-export.ts';
import type { CliCommand, CliIo } from './types.ts';

/** Parameters of `waie Logs` (WAImportExport-style names, case-insensitive): account, credential, filters, paths, output folder. */
export const LOGS_PARAMS = {
  sn: { required: true, value: '<StorageAccountName>', help: 'The storage account of the job.' },
  sk: { required: false, value: '<StorageAccountKey>', help: 'The account key (Azure portal: storage account → Access keys). Give /sk or /csas. To keep it off the command line, set WAIE_STORAGE_ACCOUNT_KEY instead.' },
  csas: { required: false, value: '<ContainerSas>', help: 'The container SAS the job was created with, with List and Read permissions: <ContainerName>?<SasString> or the container URL with its SAS (the container must be named: the logs are in its waimportexport/ folder). Or set WAIE_CONTAINER_SAS.' },
  job: { required: false, value: '<JobName>', help: 'Only this job (case-insensitive). Also lets drive IDs that contain "_" be read right.' },
  driveid: { name: 'DriveId', required: false, value: '<DriveId>', help: "Only this drive (the drive's serial number, as in the copy log's DriveId)." },
  statespath: { name: 'StatesPath', required: false, value: '<ImportExportStatesPath>', help: "The job's ImportExportStatesPath, when it was not the default (waimportexport): a container name with an account key, a folder name with a container SAS." },
  diagnosticspath: { name: 'DiagnosticsPath', required: false, value: '<DiagnosticsPath>', help: "Where the job's manifest backups are (BackupDriveManifest), when not the default (waimportexport)." },
  manifesthash: { name: 'ManifestHash', required: false, value: '<md5>', help: "The drive's ManifestHash (Get Job / the portal; 32 hex digits or base64): the downloaded manifest backup of /DriveId must match it, or it is not kept." },
  out: { required: false, value: '<Directory>', help: 'Where the files go. Default: the current directory.' },
  blobendpoint: { name: 'BlobEndpoint', required: false, value: '<url>', help: 'Blob service endpoint, default https://<StorageAccountName>.blob.core.windows.net (sovereign clouds, Azurite).' },
  list: { required: false, flag: true, value: '', help: 'Only list what is there (every log, per drive and time); download nothing.' },
} as const satisfies ParamSpecs;

const KIND_LABEL: Readonly<Record<FoundLog['kind'], string>> = { error: 'error log', verbose: 'verbose log', manifest: 'manifest backup', copyLog: 'copy log', verboseLog: 'verbose log' };

function when(l: FoundLog): string {
  const t = l.time ?? l.lastModified;
  return t ? `${t.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')} UTC${l.time ? '' : ' (uploaded)'}` : 'time unknown';
}

/** The listing as text: where it looked, then per job and drive every log, newest first (`*` = newest of its kind). */
export function formatListing(listing: LogListing): string {
  const lines: string[] = [];
  lines.push(`Looked in ${listing.endpoint}:`);
  for (const s of listing.searched) {
    const what = s.purposes.map((p) => (p === 'logs' ? 'logs' : p === 'manifests' ? 'manifest backups' : 'Data Box-era logs')).join(' and ');
    lines.push(`  container ${s.container}, ${s.listedPrefix || '(root)'} (${what}): ${s.missing ? 'no such container' : `${s.found} found`}`);
  }
  if (listing.ignored) lines.push(`  (${listing.ignored} other blob(s) there are not log names and were ignored)`);
  for (const d of listing.drives) {
    lines.push('', `Job ${d.jobName}, drive ${d.driveId}:`);
    for (const l of d.all) {
      const newest = d.newest[l.kind] === l ? '*' : ' ';
      lines.push(` ${newest} ${when(l).padEnd(30)} ${KIND_LABEL[l.kind].padEnd(16)} ${(l.sizeBytes !== undefined ? formatBytes(l.sizeBytes) : '').padStart(10)}  ${l.container}/${l.blobName}`);
    }
  }
  if (listing.drives.length) lines.push('', '* the newest of its kind: what "waie Logs" without /list downloads.');
  return lines.join('\n') + '\n';
}

function formatDownload(d: DownloadedLog): string {
  const checks = d.checks.map((c) => `${c.source === 'given' ? 'ManifestHash' : 'Content-MD5'} ${c.ok ? 'matches' : `MISMATCH (expected ${c.expected}, got ${c.actual})`}`).join(', ');
  if (d.ok) return `saved ${d.file} (${formatBytes(d.bytes)}, MD5 ${d.md5}${checks ? `; ${checks}` : ''})\n`;
  const code = d.log.kind === 'manifest' ? ' Status code ManifestCorrupted: the manifest does not match its hash.' : '';
  return `NOT saved ${d.log.fileName}: ${checks}. Nothing was kept under its name.${code}\n`;
}

/** Runs `waie Logs`. Throws WaieError `BAD_INPUT` for bad parameters (exit code 2). */
export async function runLogsCommand(params: Partial<Record<string, string>>, io: CliIo): Promise<number> {
  const missing = missingParams(LOGS_PARAMS, params);
  const { accountKey, containerSas } = credentialsFrom(params, io.env);
  if (!accountKey && !containerSas) missing.push('/sk or /csas');
  if (missing.length) throw new WaieError({ code: 'BAD_INPUT', title: `Missing ${missing.join(', ')}`, detail: 'Logs needs /sn and one of /sk or /csas. Run "waie help Logs" for what each one is.' });
  const manifestMd5 = params.manifesthash ? normalizeMd5(params.manifesthash) : undefined;
  if (manifestMd5 && !params.driveid) throw new WaieError({ code: 'BAD_INPUT', title: '/ManifestHash needs /DriveId', detail: 'A ManifestHash belongs to one drive: give that drive with /DriveId.' });
  const creds: StorageCredentials = { accountName: params.sn!, ...(accountKey ? { accountKey } : {}), ...(containerSas ? { containerSas } : {}), ...(params.blobendpoint ? { blobEndpoint: params.blobendpoint } : {}) };
  const secrets = secretsOf(creds);
  const say = (s: string): void => void io.out.write(redact(s, secrets));
  try {
    const listing = await findJobLogs(creds, {
      ...(params.statespath ? { statesPath: params.statespath } : {}),
      ...(params.diagnosticspath ? { diagnosticsPath: params.diagnosticspath } : {}),
      ...(params.job ? { jobName: params.job } : {}),
      ...(params.driveid ? { driveId: params.driveid } : {}),
    });
    say(formatListing(listing));
    if (listing.logs.length === 0) {
      io.err.write(
        redact(
          `No logs found${params.job ? ` for job ${params.job}` : ''}${params.driveid ? ` and drive ${params.driveid}` : ''}. The service writes them once a drive has been processed. If the job was created with another ImportExportStatesPath, give it with /StatesPath; with a container SAS, use the SAS the job was created with.\n`,
          secrets,
        ),
      );
      return 1;
    }
    if (params.list === 'true') return 0;
    const out = resolve(params.out ?? process.cwd());
    say(`\nDownloading the newest logs into ${out}:\n`);
    const downloads = await downloadJobLogs(creds, newestLogs(listing), out, {
      ...(manifestMd5 && params.driveid ? { manifestMd5ByDrive: { [params.driveid]: manifestMd5 } } : {}),
      onLog: (d) => say(formatDownload(d)),
    });
    if (manifestMd5 && !downloads.some((d) => d.log.kind === 'manifest')) io.err.write(`No manifest backup of drive ${params.driveid} was found, so /ManifestHash was not checked.\n`);
    const firstLog = downloads.find((d) => d.ok && (d.log.kind === 'error' || d.log.kind === 'copyLog'));
    if (firstLog?.file) say(`\nNext: waie Review /CopyLogFile:"${firstLog.file}"\n`);
    return downloads.every((d) => d.ok) ? 0 : 1;
  } catch (err) {
    const info = toErrorInfo(err);
    if (info.code === 'BAD_INPUT') throw err;
    io.err.write(redact(formatError(info), secrets));
    return 3;
  }
}

/** The `waie Logs` command for the registry (`commands/index.ts`). */
export const logsCommand: CliCommand = {
  name: 'Logs',
  summary:
    "Find a job's copy logs (error and verbose) and drive manifest backups in the storage account, where the Import/Export service writes them (container waimportexport, the job's ImportExportStatesPath, or the waimportexport folder of a container SAS; also databoxcopylog), list them per drive and time, and download the newest of each.",
  usage: `Logs /sn:<StorageAccountName> (/sk:<StorageAccountKey> | /csas:<ContainerSas>) [/job:<JobName>]
             [/DriveId:<DriveId>] [/StatesPath:<path>] [/DiagnosticsPath:<path>] [/ManifestHash:<md5>]
             [/out:<Directory>] [/BlobEndpoint:<url>] [/list]`,
  params: LOGS_PARAMS,
  notes: `Blob names read: waies/<job>_<driveid>_<YYYYMMDD-HHMMSS-mmm>_<error|verbose|manifest>.xml (time in UTC) and,
in container databoxcopylog, <order>_<serial>_<CopyLog|VerboseLog>_<id>.xml (ordered by upload time).
Job names may contain "_"; drive IDs are taken not to (give /job when one does).

Exit codes: 0 found and downloaded (every MD5 check passed); 1 nothing found, or a download failed its
check (it is not kept); 2 bad input; 3 the storage account refused (wrong key, SAS without List/Read)
or could not be reached, or a file could not be written.

Examples:
  waie Logs /sn:bobmediaaccount /sk:<key> /list
  waie Logs /sn:bobmediaaccount /csas:mycontainer?sv=… /job:myjob /out:C:\\WAImportExport
  waie Logs /sn:bobmediaaccount /sk:<key> /job:myjob /DriveId:9WM35C3U /ManifestHash:<hash from Get Job>`,
  run: (params, io) => runLogsCommand(params, io),
};
