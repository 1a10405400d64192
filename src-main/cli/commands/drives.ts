/**
 * `waie Drives [/json] [/CopyLogFile:<log>]`: the attached volumes as a table (or JSON), marking the ones
 * on the disk whose serial number is the copy log's DriveId (platform.md: the DriveId is the disk's
 * hardware serial number without spaces). Exit codes: 0 listed; 1 the list cannot be read; 2 bad input
 * (e.g. an unreadable copy log).
 */
import type { ErrorInfo } from '../../../src-shared/errors.ts';
import { WaieError } from '../../../src-shared/errors.ts';
import { createDriveDiscovery, findDriveIdMatches, matchesDriveId, type DriveDiscovery, type DriveVolume } from '../../engine/drives/index.ts';
import { readCopyLog } from '../../engine/formats/copy-log.ts';
import type { ParamSpecs } from '../args.ts';
import { formatError } from '../run-job.ts';
import type { CliCommand, CliIo } from './types.ts';

/** Parameters of `waie Drives`. */
export const DRIVES_PARAMS = {
  json: { required: false, flag: true, value: '', help: 'Print JSON instead of a table: { driveId?, copyLogFile?, volumes: [ { device, driveLetter?, mountPoint?, label?, sizeBytes, fileSystem?, diskSerial?, disk?, diskModel?, busType?, bitLocker, matchesDriveId } ] }.' },
  copylogfile: { name: 'CopyLogFile', required: false, value: '<DriveCopyLogFile>', help: "A drive's copy log: the volumes on the disk whose serial number is its DriveId are marked with *." },
} as const satisfies ParamSpecs;

/**
 * The DriveId of a copy log: from its header, or (2021-08-01 logs) from its end. Reads the whole log only
 * when the header has none. Throws the reader's WaieError (`XML_PARSE`, `FILE_READ`).
 */
export async function copyLogDriveId(file: string): Promise<string | undefined> {
  for await (const item of readCopyLog(file)) {
    if (item.type === 'header' && item.driveId) return item.driveId;
    if (item.type === 'end') return item.driveId;
  }
  return undefined;
}

/** A byte count as an operator reads it: `931.5 GiB`, `512 MiB`, `0 B`. */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 || v >= 100 ? Math.round(v) : v.toFixed(1).replace(/\.0$/, '')} ${units[i]}`;
}

const STATE_WORDS: Record<DriveVolume['bitLocker'], string> = { locked: 'locked', unlocked: 'unlocked', notEncrypted: 'not encrypted', unknown: 'unknown' };

/** The table `waie Drives` prints: a header, one row per volume (`*` marks a DriveId match), aligned columns. */
export function formatDrivesTable(volumes: readonly DriveVolume[], driveId?: string): string {
  const header = ['', 'Volume', 'Device', 'Label', 'Size', 'File system', 'BitLocker', 'Bus', 'Serial number'];
  const rows = volumes.map((v) => [
    driveId && matchesDriveId(v.diskSerial, driveId) ? '*' : '',
    v.mountPoint ?? '-',
    v.device || '-',
    v.label ?? '',
    formatSize(v.sizeBytes),
    v.fileSystem ?? '',
    STATE_WORDS[v.bitLocker],
    v.busType ?? '',
    v.diskSerial ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** Builds `waie Drives` with its dependencies (an injected discovery in tests). */
export function createDrivesCommand(deps: { discovery?: () => DriveDiscovery } = {}): CliCommand {
  return {
    name: 'Drives',
    summary: "List the attached drives with their letter or mount point, label, size, file system, BitLocker state, bus and the disk's serial number. With /CopyLogFile, mark the drive whose serial number is the copy log's DriveId.",
    usage: 'Drives [/json] [/CopyLogFile:<DriveCopyLogFile>]',
    params: DRIVES_PARAMS,
    notes: `The copy log's DriveId is the export disk's hardware serial number. Some USB enclosures do not pass
the serial number on; then compare the drive ID written on the disk's label.
On Windows the BitLocker state is "unknown" unless the terminal runs as administrator.
Exit codes: 0 listed; 1 the list of drives cannot be read; 2 bad input.`,
    async run(params, io: CliIo): Promise<number> {
      const driveId = params.copylogfile ? await copyLogDriveId(params.copylogfile) : undefined;
      if (params.copylogfile && !driveId) {
        throw new WaieError({ code: 'BAD_INPUT', title: 'The copy log names no drive', detail: `${params.copylogfile} has no DriveId. Use the copy log of the export drive.`, file: params.copylogfile });
      }
      let volumes: DriveVolume[];
      try {
        volumes = await (deps.discovery ?? (() => createDriveDiscovery()))().listVolumes();
      } catch (err) {
        if (!(err instanceof WaieError)) throw err;
        io.err.write(formatError(err.info as ErrorInfo));
        return 1;
      }
      const matches = findDriveIdMatches(volumes, driveId);
      if (params.json === 'true') {
        const doc = {
          ...(driveId ? { driveId, copyLogFile: params.copylogfile } : {}),
          volumes: volumes.map((v) => ({ ...v, matchesDriveId: driveId ? matchesDriveId(v.diskSerial, driveId) : false })),
        };
        io.out.write(JSON.stringify(doc, null, 2) + '\n');
        return 0;
      }
      let text = volumes.length ? formatDrivesTable(volumes, driveId) : 'No drives found.\n';
      if (driveId) {
        text += matches.length
          ? `\n* on the disk with serial number ${driveId}, the DriveId of ${params.copylogfile}.\n`
          : `\nNo attached disk has serial number ${driveId} (the DriveId of ${params.copylogfile}). Connect the export drive; if it is connected through a USB enclosure that hides the serial number, compare the drive ID on the disk's label.\n`;
      }
      if (volumes.some((v) => v.bitLocker === 'unknown') && process.platform === 'win32') text += 'BitLocker state "unknown": run the terminal as administrator to see it.\n';
      io.out.write(text);
      return 0;
    },
  };
}

/** `waie Drives` with the real discovery of this platform. */
export const drivesCommand: CliCommand = createDrivesCommand();
