import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDriveAdapter, toVolumeInfo } from './drives.ts';
import type { DriveVolume } from '../engine/drives/index.ts';

const volumes: DriveVolume[] = [
  { device: '\\\\?\\Volume{1}\\', driveLetter: 'G', mountPoint: 'G:\\', label: 'EXPORT', sizeBytes: 4e12, fileSystem: 'NTFS', diskSerial: '9WM35C3U', busType: 'USB', bitLocker: 'unlocked' },
  { device: '/dev/sdc1', sizeBytes: 2e12, fileSystem: 'BitLocker', diskSerial: 'WCC4N2XK', bitLocker: 'locked' },
];

test('volumes are shown with their id, and the copy log\'s DriveId is matched case-insensitively', async () => {
  const adapter = createDriveAdapter({ discovery: { listVolumes: async () => volumes }, unlocker: { unlock: async () => { throw new Error('unused'); }, lock: async () => undefined } as never });
  const list = await adapter.list('wcc4n2xk');
  assert.deepEqual(list.map((v) => [v.id, v.matchesDriveId, v.bitLocker]), [['G:', false, 'unlocked'], ['/dev/sdc1', true, 'locked']]);
  assert.equal(toVolumeInfo(volumes[0]!).mountPath, 'G:\\');
});

test('unlock passes a drive letter on Windows and a device elsewhere, and returns where the files are', async () => {
  const calls: unknown[] = [];
  const unlocker = { unlock: async (r: unknown) => (calls.push(r), { root: '/mnt/waie-sdc1', alreadyUnlocked: false, lockCommand: '', lock: async () => undefined }), lock: async () => undefined };
  const adapter = createDriveAdapter({ discovery: { listVolumes: async () => volumes }, unlocker: unlocker as never });
  assert.deepEqual(await adapter.unlock('/dev/sdc1', 'k'), { mountPath: '/mnt/waie-sdc1' });
  await adapter.unlock('G:', 'k');
  assert.deepEqual(calls, [{ key: 'k', device: '/dev/sdc1', lockOnExit: true }, { key: 'k', driveLetter: 'G' }]);
});
