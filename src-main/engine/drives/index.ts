/**
 * Drive discovery behind one interface ({@link DriveDiscovery}), one adapter per platform, the command
 * runner injected. The wizard's Drive step and `waie Drives` use {@link createDriveDiscovery} and
 * {@link findDriveIdMatches}.
 */
import { WaieError } from '../../../src-shared/errors.ts';
import { runCommand, type CommandRunner } from './command-runner.ts';
import { listLinuxVolumes, type LinuxDiscoveryOptions } from './linux.ts';
import { matchesDriveId, type DriveDiscovery, type DriveVolume } from './types.ts';
import { listWindowsVolumes } from './windows.ts';

export type { BitLockerState, DriveDiscovery, DriveVolume } from './types.ts';
export { cleanSerial, matchesDriveId } from './types.ts';
export { COMMAND_NOT_FOUND, COMMAND_TIMED_OUT, runCommand } from './command-runner.ts';
export type { CommandOptions, CommandResult, CommandRunner } from './command-runner.ts';

/** Options of {@link createDriveDiscovery}. */
export interface DriveDiscoveryOptions {
  /** Default `process.platform`. */
  platform?: NodeJS.Platform;
  /** Default {@link runCommand} (real processes). */
  run?: CommandRunner;
  /** Linux only: where `waie Unlock` sessions come from, and whether blkid probes untyped volumes. */
  linux?: LinuxDiscoveryOptions;
}

/**
 * The discovery adapter for `platform`: Windows (PowerShell/CIM), Linux (lsblk + blkid); any other
 * platform gets an adapter whose `listVolumes` throws WaieError `NOT_SUPPORTED`.
 */
export function createDriveDiscovery(options: DriveDiscoveryOptions = {}): DriveDiscovery {
  const platform = options.platform ?? process.platform;
  const run = options.run ?? runCommand;
  if (platform === 'win32') return { listVolumes: () => listWindowsVolumes(run) };
  if (platform === 'linux') return { listVolumes: () => listLinuxVolumes(run, options.linux) };
  return {
    listVolumes: () =>
      Promise.reject(
        new WaieError({
          code: 'NOT_SUPPORTED',
          title: `Listing drives is not supported on ${platform === 'darwin' ? 'macOS' : platform} yet`,
          detail: 'waie lists drives on Windows and Linux. On macOS, "diskutil list" shows the attached disks; their serial numbers are in "system_profiler SPUSBDataType" or "SPSerialATADataType".',
        }),
      ),
  };
}

/** The volumes whose disk serial number is `driveId` ({@link matchesDriveId}), in list order. */
export function findDriveIdMatches(volumes: readonly DriveVolume[], driveId: string | undefined): DriveVolume[] {
  if (!driveId) return [];
  return volumes.filter((v) => matchesDriveId(v.diskSerial, driveId));
}
