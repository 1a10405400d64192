/**
 * Drive discovery: lsblk's JSON (recorded shapes: tree, flat with PKNAME, old util-linux with string
 * sizes, a BitLocker partition locked, opened by waie and by cryptsetup), Windows PowerShell/CIM output
 * (recorded Windows outputs, elevated and not), the DriveId match rule, the platform switch, and a real
 * lsblk run on Linux.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WaieError } from '../../../src-shared/errors.ts';
import { DISCOVERY_ELEVATED, DISCOVERY_NOT_ELEVATED } from '../bitlocker/windows-recorded.ts';
import { createDriveDiscovery, findDriveIdMatches, matchesDriveId, runCommand, type CommandRunner } from './index.ts';
import { busName, LSBLK_ARGS, listLinuxVolumes, parseBlkidExport, parseLsblk } from './linux.ts';
import { POWERSHELL, POWERSHELL_ARGS } from './powershell.ts';
import { listWindowsVolumes, parseWindowsVolumes, windowsBusName } from './windows.ts';

/** A USB export disk (BitLocker partition), a SATA disk with ext4 and a dm-crypt child, an NVMe system disk, a loop device. */
const LSBLK_TREE = JSON.stringify({
  blockdevices: [
    {
      name: 'sda', path: '/dev/sda', size: 4000787030016, fstype: null, label: null, mountpoint: null, serial: 'WD-WX21D9 4ALJX3', tran: 'usb', type: 'disk', pkname: null,
      children: [
        { name: 'sda1', path: '/dev/sda1', size: 16777216, fstype: null, label: null, mountpoint: null, serial: null, tran: null, type: 'part', pkname: 'sda' },
        { name: 'sda2', path: '/dev/sda2', size: 4000768000000, fstype: 'BitLocker', label: null, mountpoint: null, serial: null, tran: null, type: 'part', pkname: 'sda' },
      ],
    },
    {
      name: 'sdb', path: '/dev/sdb', size: 2000398934016, fstype: null, label: null, mountpoint: null, serial: '9WM35C3U', tran: 'sata', type: 'disk', pkname: null,
      children: [
        { name: 'sdb1', path: '/dev/sdb1', size: 2000397868544, fstype: 'BitLocker', label: null, mountpoint: null, serial: null, tran: null, type: 'part', pkname: 'sdb',
          children: [{ name: 'bitlk', path: '/dev/mapper/bitlk', size: 2000397836288, fstype: 'ntfs', label: 'EXPORT', mountpoint: '/media/export', serial: null, tran: null, type: 'crypt', pkname: 'sdb1' }] },
      ],
    },
    {
      name: 'nvme0n1', path: '/dev/nvme0n1', size: 512110190592, fstype: null, label: null, mountpoint: null, serial: 'S4EWNX0R123456', tran: 'nvme', type: 'disk', pkname: null,
      children: [{ name: 'nvme0n1p1', path: '/dev/nvme0n1p1', size: 512109142016, fstype: 'ext4', label: 'root', mountpoint: '/', serial: null, tran: null, type: 'part', pkname: 'nvme0n1' }],
    },
    { name: 'loop0', path: '/dev/loop0', size: 104857600, fstype: 'BitLocker', label: null, mountpoint: null, serial: null, tran: null, type: 'loop', pkname: null },
    { name: 'sr0', path: '/dev/sr0', size: 1073741312, fstype: null, label: null, mountpoint: null, serial: 'HL-DT-ST_DVD', tran: 'sata', type: 'rom', pkname: null },
  ],
});

/** util-linux before 2.33 wrote numbers as strings; `lsblk -l` (flat) links partitions by PKNAME. */
const LSBLK_FLAT_OLD = JSON.stringify({
  blockdevices: [
    { name: 'sdc', path: '/dev/sdc', size: '1000204886016', fstype: null, label: null, mountpoint: null, serial: 'Z1D2 ABCD', tran: 'usb', type: 'disk', pkname: null },
    { name: 'sdc1', path: '/dev/sdc1', size: '1000203091968', fstype: 'ntfs', label: 'BACKUP', mountpoint: '/mnt/backup', serial: null, tran: null, type: 'part', pkname: 'sdc' },
  ],
});

test('lsblk tree: volumes, serials from their disk without spaces, bus names, BitLocker states', () => {
  const sessions = [{ device: '/dev/loop0', mountPoint: '/mnt/waie-loop0', fuseMounted: true, filesMounted: true }];
  const v = parseLsblk(LSBLK_TREE, sessions);
  assert.deepEqual(
    v.map((x) => [x.device, x.bitLocker, x.mountPoint ?? null, x.diskSerial ?? null, x.busType ?? null, x.disk ?? null]),
    [
      ['/dev/sda1', 'unknown', null, 'WD-WX21D94ALJX3', 'USB', '/dev/sda'],
      ['/dev/sda2', 'locked', null, 'WD-WX21D94ALJX3', 'USB', '/dev/sda'],
      ['/dev/sdb1', 'unlocked', '/media/export', '9WM35C3U', 'SATA', '/dev/sdb'],
      ['/dev/nvme0n1p1', 'notEncrypted', '/', 'S4EWNX0R123456', 'NVMe', '/dev/nvme0n1'],
      ['/dev/loop0', 'unlocked', '/mnt/waie-loop0', null, null, '/dev/loop0'],
      ['/dev/sr0', 'unknown', null, 'HL-DT-ST_DVD', 'SATA', '/dev/sr0'],
    ],
  );
  const sda2 = v[1]!;
  assert.equal(sda2.sizeBytes, 4000768000000);
  assert.equal(sda2.fileSystem, 'BitLocker');
  assert.equal(v[3]!.label, 'root');
  // Opened by waie but its files not mounted (half-closed): unlocked, no mount point claimed.
  const half = parseLsblk(LSBLK_TREE, [{ device: '/dev/loop0', mountPoint: '/mnt/x', fuseMounted: true, filesMounted: false }]);
  assert.equal(half.find((x) => x.device === '/dev/loop0')!.bitLocker, 'unlocked');
  assert.equal(half.find((x) => x.device === '/dev/loop0')!.mountPoint, undefined);
  // A stale session (nothing mounted) does not count.
  assert.equal(parseLsblk(LSBLK_TREE, [{ device: '/dev/loop0', mountPoint: '/mnt/x', fuseMounted: false, filesMounted: false }]).find((x) => x.device === '/dev/loop0')!.bitLocker, 'locked');
});

test('lsblk flat output of old util-linux (string sizes, PKNAME links), blkid probes, bad output', () => {
  const v = parseLsblk(LSBLK_FLAT_OLD);
  assert.equal(v.length, 1);
  assert.deepEqual({ ...v[0] }, { device: '/dev/sdc1', sizeBytes: 1000203091968, bitLocker: 'notEncrypted', mountPoint: '/mnt/backup', label: 'BACKUP', fileSystem: 'ntfs', diskSerial: 'Z1D2ABCD', disk: '/dev/sdc', busType: 'USB' });
  const probed = parseLsblk(LSBLK_TREE, [], new Map([['/dev/sda1', 'BitLocker']]));
  assert.equal(probed[0]!.bitLocker, 'locked', 'blkid fills in what lsblk did not know (no udev in containers)');
  assert.deepEqual(parseBlkidExport('DEVNAME=x.img\nVERSION=2\nTYPE=BitLocker\nUSAGE=crypto\n'), { DEVNAME: 'x.img', VERSION: '2', TYPE: 'BitLocker', USAGE: 'crypto' });
  assert.throws(() => parseLsblk('lsblk: unknown column'), (e: WaieError) => e.info.code === 'DRIVES_UNAVAILABLE');
  assert.throws(() => parseLsblk('{"devices":[]}'), (e: WaieError) => e.info.code === 'DRIVES_UNAVAILABLE');
  assert.equal(busName('usb'), 'USB');
  assert.equal(busName('nvme'), 'NVMe');
  assert.equal(busName('weird'), 'WEIRD');
  assert.equal(busName(null), undefined);
});

test('listLinuxVolumes runs lsblk with the documented columns and blkid -p for untyped volumes, in the C locale', async () => {
  const calls: [string, readonly string[], Record<string, string> | undefined][] = [];
  const run: CommandRunner = async (cmd, args, o) => {
    calls.push([cmd, args, o?.env as Record<string, string> | undefined]);
    if (cmd === 'lsblk') return { code: 0, stdout: LSBLK_TREE, stderr: '' };
    if (cmd === 'blkid' && args.includes('/dev/sda1')) return { code: 0, stdout: 'TYPE=vfat\n', stderr: '' };
    return { code: 2, stdout: '', stderr: '' };
  };
  const v = await listLinuxVolumes(run, { sessions: async () => [] });
  assert.deepEqual(calls[0]!.slice(0, 2), ['lsblk', ['-J', '-b', '-o', 'NAME,PATH,SIZE,FSTYPE,LABEL,MOUNTPOINT,SERIAL,TRAN,TYPE,PKNAME']]);
  assert.deepEqual(LSBLK_ARGS, calls[0]![1]);
  assert.equal(calls[0]![2]?.LC_ALL, 'C');
  assert.deepEqual(calls.slice(1).map((c) => c[1].at(-1)), ['/dev/sda1', '/dev/sr0']);
  assert.equal(v[0]!.fileSystem, 'vfat');
  assert.equal(v[0]!.bitLocker, 'notEncrypted');
  const missing = await listLinuxVolumes(async () => ({ code: 127, stdout: '', stderr: '' }), { sessions: async () => [] }).catch((e: WaieError) => e.info);
  assert.equal((missing as { code: string }).code, 'DRIVES_UNAVAILABLE');
  assert.match((missing as { detail: string }).detail, /util-linux/);
});

test('Windows volumes from Get-Volume, Get-Partition, Get-Disk and Win32_EncryptableVolume, elevated (recorded Windows outputs)', () => {
  const v = parseWindowsVolumes(DISCOVERY_ELEVATED);
  assert.deepEqual(
    v.map((x) => [x.driveLetter ?? null, x.mountPoint ?? null, x.bitLocker, x.diskSerial, x.busType, x.fileSystem ?? null, x.sizeBytes]),
    [
      ['C', 'C:\\', 'unlocked', 'E823_8FA6_BF53_0001_001B_448B_4A2B_1C55.', 'NVMe', 'NTFS', 510770802688],
      ['G', 'G:\\', 'locked', '9WM35C3U', 'USB', null, 4000785104896],
      ['E', 'E:\\', 'notEncrypted', 'AA00000000000489', 'USB', 'FAT32', 15518924800],
      [null, null, 'notEncrypted', 'E823_8FA6_BF53_0001_001B_448B_4A2B_1C55.', 'NVMe', 'NTFS', 680521728],
    ],
  );
  assert.equal(v[1]!.disk, 'Disk 2');
  assert.equal(v[1]!.diskModel, 'ST4000DM004-2CV104');
  assert.equal(v[1]!.device, '\\\\?\\Volume{5e7c2d10-9b1e-4c7e-8a7e-2f9d3c0a1b22}\\');
  assert.deepEqual(findDriveIdMatches(v, '9wm35c3u').map((x) => x.driveLetter), ['G']);
});

test('without administrator rights the BitLocker state is unknown, never "not encrypted" (recorded Windows outputs)', () => {
  const v = parseWindowsVolumes('\uFEFF' + DISCOVERY_NOT_ELEVATED);
  assert.equal(v.length, 1, 'a single volume arrives unwrapped');
  assert.equal(v[0]!.bitLocker, 'unknown');
  assert.equal(v[0]!.diskSerial, '9WM35C3U');
  assert.throws(() => parseWindowsVolumes('Get-Volume : The term is not recognized'), (e: WaieError) => e.info.code === 'DRIVES_UNAVAILABLE');
  assert.equal(windowsBusName(7), 'USB');
  assert.equal(windowsBusName('11'), 'SATA');
  assert.equal(windowsBusName('0'), undefined);
  assert.equal(windowsBusName('NVMe'), 'NVMe');
});

test('listWindowsVolumes: one PowerShell reading its script from stdin, no secrets (recorded Windows outputs)', async () => {
  const calls: { cmd: string; args: readonly string[]; input: string }[] = [];
  const run: CommandRunner = async (cmd, args, o) => {
    calls.push({ cmd, args, input: o?.input ?? '' });
    return { code: 0, stdout: DISCOVERY_ELEVATED, stderr: '' };
  };
  const v = await listWindowsVolumes(run);
  assert.equal(v.length, 4);
  assert.equal(calls.length, 1);
  assert.equal(calls[0]!.cmd, POWERSHELL);
  assert.deepEqual(calls[0]!.args, POWERSHELL_ARGS);
  for (const part of ['Get-Volume', 'Get-Partition', 'Get-Disk', 'Win32_EncryptableVolume', 'GetLockStatus', 'GetConversionStatus', 'ConvertTo-Json']) assert.ok(calls[0]!.input.includes(part), part);
  assert.ok(calls[0]!.input.includes('$blOk = $bl.Count -gt 0'), 'an empty BitLocker answer (not elevated) is no answer');
  assert.ok(!calls[0]!.input.trimEnd().includes('\n'), 'one line for -Command -');
  const failed = await listWindowsVolumes(async () => ({ code: 1, stdout: '', stderr: 'Get-Volume : Access denied' })).catch((e: WaieError) => e.info);
  assert.match((failed as { detail: string }).detail, /Access denied/);
  const absent = await listWindowsVolumes(async () => ({ code: 127, stdout: '', stderr: '' })).catch((e: WaieError) => e.info);
  assert.match((absent as { title: string }).title, /PowerShell cannot be started/);
});

test('matchesDriveId: spaces removed, case-insensitive, never empty', () => {
  assert.ok(matchesDriveId('9WM35C3U', '9WM35C3U'));
  assert.ok(matchesDriveId(' 9wm3 5c3u  ', '9WM35C3U'));
  assert.ok(matchesDriveId('WD-WX21D9 4ALJX3', 'wd-wx21d94aljx3'));
  assert.ok(matchesDriveId('9WM35C3U', '\t9WM35C3U\n'));
  assert.ok(!matchesDriveId('9WM35C3U', '9WM35C3V'));
  assert.ok(!matchesDriveId('9WM35C3U', '9WM35C3'));
  assert.ok(!matchesDriveId('', ''));
  assert.ok(!matchesDriveId('   ', ' '));
  assert.ok(!matchesDriveId(undefined, '9WM35C3U'));
  assert.ok(!matchesDriveId('9WM35C3U', null));
  assert.deepEqual(findDriveIdMatches([{ device: 'a', sizeBytes: 0, bitLocker: 'unknown' }], '9WM35C3U'), []);
  assert.deepEqual(findDriveIdMatches([{ device: 'a', sizeBytes: 0, bitLocker: 'unknown', diskSerial: 'X' }], undefined), []);
});

test('createDriveDiscovery picks the adapter per platform; macOS says "not supported yet"', async () => {
  let used = '';
  const run: CommandRunner = async (cmd) => {
    used = cmd;
    return { code: 0, stdout: cmd === 'lsblk' ? LSBLK_FLAT_OLD : DISCOVERY_NOT_ELEVATED, stderr: '' };
  };
  await createDriveDiscovery({ platform: 'linux', run, linux: { sessions: async () => [], probe: false } }).listVolumes();
  assert.equal(used, 'lsblk');
  await createDriveDiscovery({ platform: 'win32', run }).listVolumes();
  assert.equal(used, POWERSHELL);
  await assert.rejects(createDriveDiscovery({ platform: 'darwin', run }).listVolumes(), (e: WaieError) => e.info.code === 'NOT_SUPPORTED' && /macOS/.test(e.info.title));
});

test('real lsblk on this machine gives volumes with sizes in bytes', { skip: process.platform !== 'linux' && 'not Linux' }, async () => {
  const probe = await runCommand('lsblk', ['--version']);
  if (probe.code !== 0) return;
  const v = await createDriveDiscovery({ linux: { probe: false } }).listVolumes();
  for (const x of v) {
    assert.ok(x.device.startsWith('/dev/'), x.device);
    assert.ok(Number.isSafeInteger(x.sizeBytes) && x.sizeBytes >= 0);
    assert.ok(['locked', 'unlocked', 'notEncrypted', 'unknown'].includes(x.bitLocker));
  }
});
