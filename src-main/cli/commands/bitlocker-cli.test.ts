/**
 * `waie Unlock`, `waie Lock`, `waie Drives` and `RepairExport /bk`: as child processes the way an operator
 * runs them (real lsblk; real dislocker, ntfs-3g and cryptsetup on cryptsetup's BitLocker test images when
 * root and the tools are there), and in-process with injected adapters for what this machine cannot show
 * (a Windows drive, a matching serial number, a successful unlock followed by a repair). Errors are one
 * paragraph without a stack trace, and the key is never printed.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { EngineJob } from '../../../src-shared/engine-protocol.ts';
import { WaieError } from '../../../src-shared/errors.ts';
import type { BitLockerUnlocker, UnlockRequest } from '../../engine/bitlocker/index.ts';
import { extractImages, mountsUnder, realToolsSkipReason, type ExtractedImages } from '../../engine/bitlocker/test-images.ts';
import type { DriveVolume } from '../../engine/drives/index.ts';
import { copyLogDriveId, createDrivesCommand, formatDrivesTable, formatSize } from './drives.ts';
import { createLockCommand } from './lock.ts';
import { linuxTargetDir, repairExportBitLocker, runRepairExportCommand, volumeSubPath } from './repair-export.ts';
import type { CliIo } from './types.ts';
import { createUnlockCommand } from './unlock.ts';

const waie = fileURLToPath(new URL('../../../bin/waie.js', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../engine/formats/fixtures/', import.meta.url));
const EXPORT_LOG = join(FIXTURES, 'seed000-export-error.xml'); // DriveId 9WM35C3U
const MS_KEY = '238810-662376-448998-450120-652806-203390-606320-483076';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [waie, ...args], { env: { ...process.env, NODE_OPTIONS: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** One paragraph (no blank line inside), starting with "error:", no stack trace. */
function assertOneParagraph(r: Run): void {
  assert.match(r.stderr, /^error: /);
  assert.ok(!r.stderr.trim().includes('\n\n'), `one paragraph: ${r.stderr}`);
  assert.doesNotMatch(r.stderr + r.stdout, /\n\s+at .+:\d+:\d+/, 'no stack trace');
}

function assertNoKey(r: Run | string, key: string): void {
  const text = typeof r === 'string' ? r : r.stdout + r.stderr;
  for (const form of [key, key.replace(/-/g, ''), key.replace(/-/g, ' ')]) assert.ok(!text.includes(form), `key printed: ${text}`);
  for (const group of key.split('-')) assert.ok(!text.includes(group), `a group of the key printed: ${text}`);
}

/** A CliIo capturing what a command prints. */
function captureIo(env: NodeJS.ProcessEnv = {}): CliIo & { text(): { out: string; err: string } } {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        append(chunk.toString());
        cb();
      },
    });
  return {
    out: sink((s) => (out += s)),
    err: sink((s) => (err += s)) as unknown as NodeJS.WriteStream,
    env,
    text: () => ({ out, err }),
  };
}

test('help lists Drives, Unlock and Lock; RepairExport documents /bk and /device', async () => {
  const general = await run(['help']);
  assert.equal(general.code, 0);
  for (const c of ['waie Drives', 'waie Unlock', 'waie Lock']) assert.ok(general.stdout.includes(c), c);
  const rx = await run(['help', 'RepairExport']);
  assert.match(rx.stdout, /\/device:<device>/);
  assert.match(rx.stdout, /\/d:\/ \(or \/d:\\, or a Windows path such as \/d:G:\\\) is its root/);
  assert.doesNotMatch(rx.stdout, /Not available yet/i);
  const unlock = await run(['help', 'Unlock']);
  for (const p of ['/bk:', '/driveLetter:', '/device:', '/mount:', 'WAIE_BITLOCKER_KEY']) assert.ok(unlock.stdout.includes(p), p);
});

test('waie Drives: a table, /json, and the copy log DriveId (child processes, real lsblk)', { skip: process.platform !== 'linux' && 'not Linux' }, async () => {
  const table = await run(['Drives']);
  assert.equal(table.code, 0, table.stderr);
  assert.match(table.stdout, /^\s+Volume\s+Device\s+Label\s+Size\s+File system\s+BitLocker\s+Bus\s+Serial number/);
  const json = await run(['Drives', '/json']);
  assert.equal(json.code, 0, json.stderr);
  const doc = JSON.parse(json.stdout) as { volumes: (DriveVolume & { matchesDriveId: boolean })[] };
  assert.ok(Array.isArray(doc.volumes));
  for (const v of doc.volumes) {
    assert.equal(typeof v.sizeBytes, 'number');
    assert.equal(v.matchesDriveId, false);
  }
  const withLog = await run(['Drives', `/CopyLogFile:${EXPORT_LOG}`]);
  assert.equal(withLog.code, 0, withLog.stderr);
  assert.match(withLog.stdout, /No attached disk has serial number 9WM35C3U/);
  const withLogJson = JSON.parse((await run(['Drives', '/json', `/CopyLogFile:${EXPORT_LOG}`])).stdout) as { driveId: string };
  assert.equal(withLogJson.driveId, '9WM35C3U');
  const badLog = await run(['Drives', '/CopyLogFile:/nonexistent/log.xml']);
  assert.equal(badLog.code, 2);
  assertOneParagraph(badLog);
  const unknown = await run(['Drives', '/frobnicate']);
  assert.equal(unknown.code, 2);
  assertOneParagraph(unknown);
});

test('waie Drives marks the volume whose disk serial number is the DriveId (in-process, injected discovery)', async () => {
  const volumes: DriveVolume[] = [
    { device: '/dev/nvme0n1p1', mountPoint: '/', sizeBytes: 512109142016, fileSystem: 'ext4', diskSerial: 'S4EWNX0R123456', busType: 'NVMe', bitLocker: 'notEncrypted' },
    { device: '/dev/sdb1', sizeBytes: 4000785104896, fileSystem: 'BitLocker', diskSerial: '9WM35C3U', busType: 'USB', bitLocker: 'locked' },
  ];
  const cmd = createDrivesCommand({ discovery: () => ({ listVolumes: async () => volumes }) });
  const io = captureIo();
  assert.equal(await cmd.run({ copylogfile: EXPORT_LOG }, io), 0);
  const lines = io.text().out.split('\n');
  assert.match(lines.find((l) => l.includes('/dev/sdb1'))!, /^\*\s+-\s+\/dev\/sdb1\s+3\.6 TiB\s+BitLocker\s+locked\s+USB\s+9WM35C3U$/);
  assert.match(lines.find((l) => l.includes('/dev/nvme0n1p1'))!, /^\s+\/\s/);
  assert.match(io.text().out, /\* on the disk with serial number 9WM35C3U/);
  const jsonIo = captureIo();
  assert.equal(await cmd.run({ copylogfile: EXPORT_LOG, json: 'true' }, jsonIo), 0);
  const doc = JSON.parse(jsonIo.text().out) as { driveId: string; volumes: { device: string; matchesDriveId: boolean }[] };
  assert.deepEqual(doc.volumes.map((v) => [v.device, v.matchesDriveId]), [['/dev/nvme0n1p1', false], ['/dev/sdb1', true]]);
  const failing = createDrivesCommand({ discovery: () => ({ listVolumes: async () => Promise.reject(new WaieError({ code: 'DRIVES_UNAVAILABLE', title: 'lsblk is not installed', detail: 'd' })) }) });
  const failIo = captureIo();
  assert.equal(await failing.run({}, failIo), 1);
  assert.match(failIo.text().err, /^error: lsblk is not installed/);
  assert.equal(await copyLogDriveId(join(FIXTURES, 'copylog2021.xml')), '5d0c2a1e-93b1-4f6e-9a57-0c1f2e3d4b5a');
  assert.equal(formatSize(0), '0 B');
  assert.equal(formatSize(1536), '1.5 KiB');
  assert.equal(formatSize(4000785104896), '3.6 TiB');
  assert.equal(formatDrivesTable([]).trim().split('\n').length, 1);
});

test('waie Unlock and Lock: bad input is refused with exit code 2 before anything runs, the key never printed', async () => {
  const malformed = MS_KEY.replace('483076', '483077');
  const bad = await run(['Unlock', `/bk:${malformed}`, '/device:/dev/null']);
  assert.equal(bad.code, 2);
  assertOneParagraph(bad);
  assert.match(bad.stderr, /Group 8 is not a valid group/);
  assert.match(bad.stderr, /Status code: BitLockerKeyInvalid/);
  assertNoKey(bad, malformed);
  const viaEnv = await run(['Unlock', '/device:/dev/null'], { WAIE_BITLOCKER_KEY: malformed });
  assert.equal(viaEnv.code, 2);
  assert.match(viaEnv.stderr, /Group 8/);
  assertNoKey(viaEnv, malformed);
  const noKey = await run(['Unlock', '/device:/dev/null'], { WAIE_BITLOCKER_KEY: '' });
  assert.equal(noKey.code, 2);
  assert.match(noKey.stderr, /^error: Missing \/bk/);
  const noTarget = await run(['Unlock', `/bk:${MS_KEY}`]);
  assert.equal(noTarget.code, 2);
  assert.match(noTarget.stderr, /Missing \/driveLetter or \/device/);
  assertNoKey(noTarget, MS_KEY);
  const noLockTarget = await run(['Lock']);
  assert.equal(noLockTarget.code, 2);
  assertOneParagraph(noLockTarget);
  const rx = await run(['RepairExport', '/r:x.rep', '/d:/', '/sn:acct', '/sk:a2V5', `/CopyLogFile:${EXPORT_LOG}`, `/bk:${malformed}`, '/device:/dev/null']);
  assert.equal(rx.code, 2);
  assert.match(rx.stderr, /^error: The BitLocker recovery key is not valid\.\nGroup 8 is not a valid group/);
  assertNoKey(rx, malformed);
  if (process.platform === 'linux') {
    const noDevice = await run(['RepairExport', '/r:x.rep', '/d:/', '/sn:acct', '/sk:a2V5', `/CopyLogFile:${EXPORT_LOG}`, `/bk:${MS_KEY}`]);
    assert.equal(noDevice.code, 2);
    assert.match(noDevice.stderr, /With \/bk, give \/device/);
    assertNoKey(noDevice, MS_KEY);
    const letter = await run(['Unlock', `/bk:${MS_KEY}`, '/driveLetter:G']);
    assert.equal(letter.code, 2);
    assert.match(letter.stderr, /Drive letters are for Windows/);
  }
});

describe('waie Unlock, Lock and RepairExport /bk on real BitLocker images (child processes)', { skip: await realToolsSkipReason() }, () => {
  let img: ExtractedImages;
  let tmp: string;
  before(async () => {
    img = await extractImages();
    tmp = await mkdtemp(join(tmpdir(), 'waie-cli-bl-'));
  });
  after(async () => {
    assert.deepEqual([...mountsUnder(tmp), ...mountsUnder(img.dir)], [], 'nothing stays mounted');
    await img.remove();
    await rm(tmp, { recursive: true, force: true });
  });

  test('the right key: unlocked, but not NTFS inside (exit 1, VolumeNotNtfs); a wrong key: BitLockerKeyInvalid; no key printed', async () => {
    const { rp } = img.image('bitlk-aes-xts-128');
    const device = img.path('bitlk-aes-xts-128');
    const right = await run(['Unlock', `/bk:${rp}`, `/device:${device}`, `/mount:${join(tmp, 'm1')}`]);
    assert.equal(right.code, 1, right.stderr);
    assertOneParagraph(right);
    assert.match(right.stderr, /is unlocked, but the volume inside is not NTFS/);
    assert.match(right.stderr, /Status code: VolumeNotNtfs/);
    assertNoKey(right, rp);
    const wrong = await run(['Unlock', `/device:${device}`], { WAIE_BITLOCKER_KEY: MS_KEY });
    assert.equal(wrong.code, 1, wrong.stderr);
    assertOneParagraph(wrong);
    assert.match(wrong.stderr, /Status code: BitLockerKeyInvalid/);
    assertNoKey(wrong, MS_KEY);
    const clear = await run(['Unlock', `/bk:${MS_KEY}`, `/device:${img.path('bitlk-aes-xts-128-clearkey-only')}`]);
    assert.equal(clear.code, 1);
    assert.match(clear.stderr, /Status code: BitLockerProtectorNotFound/);
    const lock = await run(['Lock', `/mount:${join(tmp, 'm1')}`]);
    assert.equal(lock.code, 1);
    assert.match(lock.stderr, /^error: Nothing unlocked by waie is mounted on/);
    assert.deepEqual(mountsUnder(tmp), []);
  });

  test('RepairExport /bk /device: the unlock failure stops it with exit code 2 before anything is written, no key printed', async () => {
    const { rp } = img.image('bitlk-aes-xts-128');
    const rep = join(tmp, 'r.rep');
    const r = await run(['RepairExport', `/r:${rep}`, '/d:/', '/sn:acct', '/sk:a2V5', `/CopyLogFile:${EXPORT_LOG}`, `/logdir:${tmp}`, `/bk:${rp}`, `/device:${img.path('bitlk-aes-xts-128')}`]);
    assert.equal(r.code, 2, r.stderr);
    assertOneParagraph(r);
    assert.match(r.stderr, /VolumeNotNtfs/);
    assertNoKey(r, rp);
    assert.deepEqual(mountsUnder(tmp), []);
  });
});

/** A fake adapter: records requests, unlocks to `root`, counts locks. */
function fakeUnlocker(root: string, opts: { fail?: WaieError; already?: boolean } = {}) {
  const requests: UnlockRequest[] = [];
  let locks = 0;
  const unlocker: BitLockerUnlocker = {
    platform: 'linux',
    async unlock(req) {
      requests.push(req);
      if (opts.fail) throw opts.fail;
      return {
        root,
        device: req.device ?? req.driveLetter ?? '',
        alreadyUnlocked: opts.already === true,
        readOnly: false,
        lockCommand: req.driveLetter ? `waie Lock /driveLetter:${req.driveLetter}` : `waie Lock /mount:${root}`,
        async lock() {
          locks++;
        },
      };
    },
    async lock() {
      locks++;
    },
  };
  return { unlocker, requests, locks: () => locks };
}

describe('RepairExport /bk (in-process, injected adapter and job runner)', () => {
  const base = { r: 'x.rep', sn: 'acct', sk: 'a2V5', copylogfile: EXPORT_LOG };

  test('Linux: unlocks /device, repairs /d under the mount, locks again afterwards, and the key is not in the engine request', async () => {
    for (const [d, expected] of [['/', '/mnt/waie-sdb1'], ['\\', '/mnt/waie-sdb1'], ['G:\\exports\\2024', '/mnt/waie-sdb1/exports/2024'], ['/mnt/waie-sdb1/sub', '/mnt/waie-sdb1/sub']] as const) {
      const fake = fakeUnlocker('/mnt/waie-sdb1');
      const jobs: EngineJob[] = [];
      const io = captureIo();
      const code = await runRepairExportCommand({ ...base, d, bk: MS_KEY.replace(/-/g, ' '), device: '/dev/sdb1' }, io, { platform: 'linux', unlocker: () => fake.unlocker, runJob: async (job) => (jobs.push(job), 0) });
      assert.equal(code, 0);
      assert.equal(fake.requests[0]!.key, MS_KEY);
      assert.equal(fake.requests[0]!.device, '/dev/sdb1');
      assert.equal(fake.requests[0]!.lockOnExit, true);
      assert.equal(jobs[0]!.kind === 'RepairExport' && jobs[0]!.request.targetDir, expected, d);
      assertNoKey(JSON.stringify(jobs), MS_KEY);
      assert.equal(fake.locks(), 1, 'locked again after the repair');
      assert.match(io.text().err, /Unlocked \/dev\/sdb1; its files are in \/mnt\/waie-sdb1\.\nLocked \/dev\/sdb1 again\./);
      assertNoKey(io.text().err + io.text().out, MS_KEY);
    }
  });

  test('the volume is locked again when the repair fails, and not when someone else had unlocked it', async () => {
    const fake = fakeUnlocker('/mnt/x');
    await assert.rejects(runRepairExportCommand({ ...base, d: '/', bk: MS_KEY, device: '/dev/sdb1' }, captureIo(), { platform: 'linux', unlocker: () => fake.unlocker, runJob: async () => Promise.reject(new Error('worker died')) }), /worker died/);
    assert.equal(fake.locks(), 1);
    const already = fakeUnlocker('/mnt/x', { already: true });
    const io = captureIo();
    assert.equal(await runRepairExportCommand({ ...base, d: '/', bk: MS_KEY, device: '/dev/sdb1' }, io, { platform: 'linux', unlocker: () => already.unlocker, runJob: async () => 1 }), 1);
    assert.equal(already.locks(), 0);
    assert.match(io.text().err, /is already unlocked/);
  });

  test('Windows: unlocks the drive of /d, repairs /d as given, leaves it unlocked and says how to lock it', async () => {
    const fake = fakeUnlocker('G:\\');
    const jobs: EngineJob[] = [];
    const io = captureIo();
    await runRepairExportCommand({ ...base, d: 'g:\\export', bk: MS_KEY }, io, { platform: 'win32', unlocker: () => fake.unlocker, runJob: async (job) => (jobs.push(job), 0) });
    assert.equal(fake.requests[0]!.driveLetter, 'G');
    assert.equal(fake.requests[0]!.lockOnExit, false);
    assert.equal(jobs[0]!.kind === 'RepairExport' && jobs[0]!.request.targetDir, 'g:\\export');
    assert.equal(fake.locks(), 0);
    assert.match(io.text().err, /G: stays unlocked\. To lock it: waie Lock \/driveLetter:G/);
  });

  test('an unlock failure stops RepairExport before the job starts; parameters are checked before unlocking', async () => {
    const fake = fakeUnlocker('/mnt/x', { fail: new WaieError({ code: 'BITLOCKER_KEY_INVALID', title: 't', detail: 'd', statusCode: 'BitLockerKeyInvalid' }) });
    let started = false;
    await assert.rejects(runRepairExportCommand({ ...base, d: '/', bk: MS_KEY, device: '/dev/sdb1' }, captureIo(), { platform: 'linux', unlocker: () => fake.unlocker, runJob: async () => ((started = true), 0) }), (e: WaieError) => e.info.code === 'BITLOCKER_KEY_INVALID');
    assert.equal(started, false);
    const untouched = fakeUnlocker('/mnt/x');
    await assert.rejects(runRepairExportCommand({ d: '/', bk: MS_KEY, device: '/dev/sdb1' }, captureIo(), { platform: 'linux', unlocker: () => untouched.unlocker }), (e: WaieError) => /^Missing/.test(e.info.title));
    assert.equal(untouched.requests.length, 0, 'a command line that cannot run unlocks nothing');
    await assert.rejects(runRepairExportCommand({ ...base, d: '/', device: '/dev/sdb1' }, captureIo(), { platform: 'linux', unlocker: () => untouched.unlocker }), (e: WaieError) => /\/device is used with \/bk/.test(e.info.title));
  });

  test('/bk parameter rules per platform', () => {
    assert.equal(repairExportBitLocker({ d: '/' }, 'linux'), undefined);
    assert.deepEqual(repairExportBitLocker({ d: 'G:\\', bk: MS_KEY }, 'win32'), { key: MS_KEY, driveLetter: 'G' });
    assert.throws(() => repairExportBitLocker({ d: '\\\\server\\share', bk: MS_KEY }, 'win32'), /drive letter/);
    assert.throws(() => repairExportBitLocker({ d: 'G:\\', bk: MS_KEY, device: '/dev/sdb1' }, 'win32'), /\/device is for Linux/);
    assert.deepEqual(repairExportBitLocker({ d: '/', bk: MS_KEY, device: '/dev/sdb1' }, 'linux'), { key: MS_KEY, device: '/dev/sdb1', subPath: '' });
    assert.deepEqual(repairExportBitLocker({ d: 'x', bk: MS_KEY }, 'darwin'), { key: MS_KEY });
    assert.equal(volumeSubPath('G:\\a\\.\\b\\'), 'a/b');
    assert.equal(volumeSubPath(''), '');
    assert.throws(() => volumeSubPath('/a/../../etc'), /"\.\." is not allowed/);
    assert.equal(linuxTargetDir('/mnt/v', '/mnt/v', ''), '/mnt/v');
    assert.equal(linuxTargetDir('/mnt/other', '/mnt/v', 'mnt/other'), '/mnt/v/mnt/other');
    assert.equal(linuxTargetDir('/mnt/vv', '/mnt/v', 'mnt/vv'), '/mnt/v/mnt/vv', 'a sibling with the same prefix is not inside');
  });
});

test('waie Unlock / Lock print where the files are and how to lock, with exit codes 0 / 1 / 2 (in-process, injected adapter)', async () => {
  const fake = fakeUnlocker('G:\\');
  const io = captureIo();
  assert.equal(await createUnlockCommand({ unlocker: () => fake.unlocker }).run({ bk: MS_KEY, driveletter: 'G' }, io), 0);
  assert.equal(io.text().out, 'Unlocked G:.\nThe files are in G:\\.\nTo lock it again: waie Lock /driveLetter:G\n');
  assert.equal(fake.requests[0]!.lockOnExit, false, 'waie Unlock leaves the drive unlocked');
  const failing = fakeUnlocker('x', { fail: new WaieError({ code: 'NEEDS_ADMIN', title: 'Unlocking a BitLocker drive needs administrator rights', detail: 'd' }) });
  const failIo = captureIo();
  assert.equal(await createUnlockCommand({ unlocker: () => failing.unlocker }).run({ bk: MS_KEY, driveletter: 'G' }, failIo), 1);
  assert.match(failIo.text().err, /^error: Unlocking a BitLocker drive needs administrator rights\./);
  const badIo = captureIo();
  const bad = fakeUnlocker('x', { fail: new WaieError({ code: 'RECOVERY_KEY_FORMAT', title: 't', detail: 'd' }) });
  assert.equal(await createUnlockCommand({ unlocker: () => bad.unlocker }).run({ bk: MS_KEY, driveletter: 'G' }, badIo), 2);
  const lockIo = captureIo();
  assert.equal(await createLockCommand({ unlocker: () => fake.unlocker }).run({ driveletter: 'g:' }, lockIo), 0);
  assert.equal(lockIo.text().out, 'Locked G:. The drive can be removed.\n');
});
