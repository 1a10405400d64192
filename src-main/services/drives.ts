/**
 * Drive discovery and unlock for the wizard's Drive step, over the platform adapters of
 * src-main/engine/drives and src-main/engine/bitlocker. A volume's id is its drive letter (`G:`) on
 * Windows and its device (`/dev/sdb1`) elsewhere; unlocking keeps the volume open until the app
 * exits (Linux: locked again on exit, like `RepairExport /bk`).
 */
import type { VolumeInfo } from '../../src-shared/ipc/contract.ts';
import { WaieError } from '../../src-shared/errors.ts';
import { createDriveDiscovery, matchesDriveId, type DriveDiscovery, type DriveVolume } from '../engine/drives/index.ts';
import { createBitLockerUnlocker, type BitLockerUnlocker } from '../engine/bitlocker/index.ts';
import type { DriveAdapter } from './api.ts';

/** The wizard's view of a volume. */
export function toVolumeInfo(v: DriveVolume, driveId?: string): VolumeInfo {
  return {
    id: v.driveLetter ? `${v.driveLetter}:` : v.device,
    mountPath: v.mountPoint,
    device: v.device,
    label: v.label,
    sizeBytes: v.sizeBytes || undefined,
    fileSystem: v.fileSystem,
    serialNumber: v.diskSerial,
    busType: v.busType,
    bitLocker: v.bitLocker,
    matchesDriveId: matchesDriveId(v.diskSerial, driveId),
  };
}

export function createDriveAdapter(deps: { discovery?: DriveDiscovery; unlocker?: BitLockerUnlocker } = {}): DriveAdapter {
  const discovery = deps.discovery ?? createDriveDiscovery();
  const unlocker = (): BitLockerUnlocker => deps.unlocker ?? createBitLockerUnlocker();
  return {
    async list(driveId) {
      const volumes = await discovery.listVolumes();
      return volumes.map((v) => toVolumeInfo(v, driveId));
    },
    async unlock(volumeId, recoveryPassword) {
      if (!volumeId) throw new WaieError({ code: 'BAD_INPUT', title: 'Choose a drive to unlock', detail: 'Pick the locked drive in the list first.', statusCode: 'BitLockerVolumeNotFound' });
      const windowsLetter = /^[A-Za-z]:?\\?$/.test(volumeId) ? volumeId[0] : undefined;
      const r = await unlocker().unlock(windowsLetter ? { key: recoveryPassword, driveLetter: windowsLetter } : { key: recoveryPassword, device: volumeId, lockOnExit: true });
      return { mountPath: r.root };
    },
  };
}
