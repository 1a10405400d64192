/**
 * The Linux BitLocker adapter for real: dislocker, ntfs-3g, cryptsetup and blkid on cryptsetup's real
 * BitLocker test images (extracted from ../shared at test time, never committed), plus real ntfs-3g and
 * bind mounts for locking. Skipped, with the reason printed, when not root, not Linux, or the tools or the
 * shared test data are absent (CI installs the tools, so there they run).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WaieError, type ErrorInfo } from '../../../src-shared/errors.ts';
import { createLinuxUnlocker, findToolOnPath, type LinuxUnlockerOptions } from './linux.ts';
import { listUnlockSessions } from './linux-sessions.ts';
import { createFakeSession, extractImages, makeNtfsImage, mountsUnder, realToolsSkipReason, type ExtractedImages } from './test-images.ts';

const skip = await realToolsSkipReason();
if (skip) console.log(`# skipped Linux BitLocker tests: ${skip}`);

const WRONG_KEY = '235818-357951-253979-013365-241120-245575-342914-591921'; // well formed, unlocks nothing

/** Runs `fn`, expecting a WaieError; returns its info. */
async function failure(fn: () => Promise<unknown>): Promise<ErrorInfo> {
  try {
    await fn();
  } catch (err) {
    assert.ok(err instanceof WaieError, `a WaieError, not ${String(err)}`);
    return err.info;
  }
  assert.fail('expected a failure');
}

/** The key in none of its forms appears in `info`. */
function assertNoKey(info: ErrorInfo, key: string): void {
  const text = JSON.stringify(info);
  for (const form of [key, key.replace(/-/g, ''), key.replace(/-/g, ' ')]) assert.ok(!text.includes(form), `key absent from ${text}`);
  for (const group of key.split('-')) assert.ok(!text.includes(group), `no group of the key in ${text}`);
}

describe('Linux adapter on real BitLocker images (dislocker, ntfs-3g, cryptsetup)', { skip }, () => {
  let img: ExtractedImages;
  let tmp: string;
  let sessionRoot: string;
  let n = 0;
  const mountDir = (): string => join(tmp, `mnt-${++n}`);
  const unlocker = (o: LinuxUnlockerOptions = {}) => createLinuxUnlocker({ sessionRoot, ...o });
  /** A tool lookup that pretends `hidden` are not installed. */
  const without = (...hidden: string[]) => (name: string) => (hidden.includes(name) ? Promise.resolve(undefined) : findToolOnPath(name));

  before(async () => {
    img = await extractImages();
    tmp = await mkdtemp(join(tmpdir(), 'waie-bl-test-'));
    sessionRoot = join(tmp, 'sessions');
  });
  after(async () => {
    const left = [...mountsUnder(tmp), ...mountsUnder(img.dir)];
    for (const m of left) spawnSync('umount', ['-l', m.split(' on ')[1]!]);
    await img.remove();
    await rm(tmp, { recursive: true, force: true });
    assert.deepEqual(left, [], 'nothing stayed mounted');
  });

  /** Nothing mounted under the test folders, no work directory left, no dislocker or ntfs-3g running on them. */
  async function assertClean(): Promise<void> {
    assert.deepEqual(mountsUnder(tmp), [], 'nothing mounted (/proc/mounts)');
    assert.deepEqual(mountsUnder(img.dir), []);
    const dirs = existsSync(sessionRoot) ? (await readdir(sessionRoot)).filter((d) => d.startsWith('bitlocker-')) : [];
    assert.deepEqual(dirs, [], 'no work directory left');
  }

  test('the right key unlocks: dislocker decrypts, and the zeroed NTFS inside gives VolumeNotNtfs; nothing stays mounted', async () => {
    for (const name of ['bitlk-aes-xts-128', 'bitlk-aes-cbc-256', 'bitlk-aes-cbc-elephant-128', 'bitlk-aes-xts-128-4k', 'bitlk-aes-xts-128-first-recovery', 'bitlk-aes-xts-128-two-recovery', 'bitlk-aes-xts-128-unicode']) {
      const { rp } = img.image(name);
      const mnt = mountDir();
      const info = await failure(() => unlocker().unlock({ key: rp, device: img.path(name), mountPoint: mnt }));
      assert.equal(info.code, 'VOLUME_NOT_NTFS', `${name}: ${info.detail}`);
      assert.equal(info.statusCode, 'VolumeNotNtfs');
      // ntfs-3g found an NTFS boot sector in the decrypted data (exit 13, "cannot read"): it was really decrypted.
      assert.match(info.detail, /decrypted, but it holds an NTFS file system that ntfs-3g cannot read/);
      assert.match(info.title, /is unlocked, but the volume inside is not NTFS/);
      assertNoKey(info, rp);
      assert.ok(!existsSync(mnt), 'the mount point waie created is removed again');
      await assertClean();
    }
  });

  test('BitLocker To Go: decrypted data holds FAT (blkid reads it), so VolumeNotNtfs names vfat; keys with spaces work', async () => {
    const { rp } = img.image('bitlk-togo-aes-xts-128');
    const info = await failure(() => unlocker().unlock({ key: rp.replace(/-/g, ' '), device: img.path('bitlk-togo-aes-xts-128'), mountPoint: mountDir() }));
    assert.equal(info.statusCode, 'VolumeNotNtfs');
    assert.match(info.detail, /holds a file system of type vfat/);
    assertNoKey(info, rp);
    await assertClean();
  });

  test('the key never appears on a command line with the pseudo-terminal transport; -p on the command line works too', async () => {
    // An image whose key no other test puts on a command line (tests run in parallel: `waie /bk:…` would count).
    const name = 'bitlk-aes-cbc-elephant-256';
    const { rp } = img.image(name);
    const digits = rp.replace(/-/g, '');
    let seen = false;
    let scans = 0;
    const timer = setInterval(() => {
      scans++;
      for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
        try {
          const cmd = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
          if (cmd.includes(rp) || cmd.includes(digits) || cmd.includes(rp.split('-').slice(0, 3).join('-'))) seen = true;
        } catch {
          // gone
        }
      }
    }, 1);
    try {
      const info = await failure(() => unlocker({ keyTransport: 'pty' }).unlock({ key: rp, device: img.path(name), mountPoint: mountDir() }));
      assert.equal(info.statusCode, 'VolumeNotNtfs', info.detail);
    } finally {
      clearInterval(timer);
    }
    assert.ok(scans > 10, `scanned /proc ${scans} times`);
    assert.equal(seen, false, 'no process had the key on its command line');
    const argv = await failure(() => unlocker({ keyTransport: 'argv' }).unlock({ key: rp, device: img.path(name), mountPoint: mountDir() }));
    assert.equal(argv.statusCode, 'VolumeNotNtfs', argv.detail);
    await assertClean();
  });

  test('a wrong but well-formed key gives BitLockerKeyInvalid (cryptsetup + dislocker, and dislocker alone)', async () => {
    for (const opts of [{}, { findTool: without('cryptsetup') }, { findTool: without('cryptsetup', 'blkid'), keyTransport: 'argv' as const }]) {
      const info = await failure(() => unlocker(opts).unlock({ key: WRONG_KEY, device: img.path('bitlk-aes-xts-128'), mountPoint: mountDir() }));
      assert.equal(info.code, 'BITLOCKER_KEY_INVALID', info.detail);
      assert.equal(info.statusCode, 'BitLockerKeyInvalid');
      assertNoKey(info, WRONG_KEY);
      await assertClean();
    }
    // A key of another image is just as wrong.
    const other = await failure(() => unlocker().unlock({ key: img.image('bitlk-aes-cbc-128').rp, device: img.path('bitlk-aes-xts-256'), mountPoint: mountDir() }));
    assert.equal(other.statusCode, 'BitLockerKeyInvalid');
  });

  test('the clear-key-only image gives BitLockerProtectorNotFound (cryptsetup bitlkDump, and dislocker alone)', async () => {
    const device = img.path('bitlk-aes-xts-128-clearkey-only');
    const info = await failure(() => unlocker().unlock({ key: WRONG_KEY, device, mountPoint: mountDir() }));
    assert.equal(info.code, 'BITLOCKER_PROTECTOR_NOT_FOUND', info.detail);
    assert.equal(info.statusCode, 'BitLockerProtectorNotFound');
    assert.match(info.detail, /clear key/);
    const alone = await failure(() => unlocker({ findTool: without('cryptsetup') }).unlock({ key: WRONG_KEY, device, mountPoint: mountDir() }));
    assert.equal(alone.statusCode, 'BitLockerProtectorNotFound', alone.detail);
    await assertClean();
  });

  test('a zero-filled image gives BitLockerVolumeNotFound (blkid, and dislocker alone); a plain NTFS image BitLockerNotActivated', async () => {
    const zero = join(tmp, 'zero.img');
    spawnSync('truncate', ['-s', '64M', zero]);
    const info = await failure(() => unlocker().unlock({ key: WRONG_KEY, device: zero, mountPoint: mountDir() }));
    assert.equal(info.code, 'BITLOCKER_VOLUME_NOT_FOUND', info.detail);
    assert.equal(info.statusCode, 'BitLockerVolumeNotFound');
    const alone = await failure(() => unlocker({ findTool: without('cryptsetup', 'blkid') }).unlock({ key: WRONG_KEY, device: zero, mountPoint: mountDir() }));
    assert.equal(alone.statusCode, 'BitLockerVolumeNotFound', alone.detail);
    assert.match(alone.detail, /Cannot parse volume header/);

    const plain = join(tmp, 'plain.ntfs');
    makeNtfsImage(plain);
    const ntfs = await failure(() => unlocker().unlock({ key: WRONG_KEY, device: plain, mountPoint: mountDir() }));
    assert.equal(ntfs.code, 'BITLOCKER_NOT_ACTIVATED', ntfs.detail);
    assert.equal(ntfs.statusCode, 'BitLockerNotActivated');
    assert.match(ntfs.detail, /a file system of type ntfs/);
    await assertClean();
  });

  test("a volume's second recovery password: cryptsetup accepts it, dislocker does not → BitLockerUnlockVolumeFailed saying why", async () => {
    const { rp2 } = img.image('bitlk-aes-xts-128-two-recovery');
    assert.ok(rp2);
    const info = await failure(() => unlocker().unlock({ key: rp2, device: img.path('bitlk-aes-xts-128-two-recovery'), mountPoint: mountDir() }));
    assert.equal(info.statusCode, 'BitLockerUnlockVolumeFailed', info.detail);
    assert.match(info.detail, /cryptsetup confirmed it.*first recovery password/);
    assertNoKey(info, rp2);
    await assertClean();
  });

  test('an interrupted (encrypt-on-write) volume gives BitLockerUnlockVolumeFailed', async () => {
    const name = 'bitlk-aes-xts-128-eow';
    const info = await failure(() => unlocker().unlock({ key: img.image(name).rp, device: img.path(name), mountPoint: mountDir() }));
    assert.equal(info.statusCode, 'BitLockerUnlockVolumeFailed', info.detail);
    assert.match(info.detail, /partly encrypted/);
    await assertClean();
  });

  test('bad targets and bad keys are refused before anything runs', async () => {
    const missing = await failure(() => unlocker().unlock({ key: WRONG_KEY, device: join(tmp, 'nope.img') }));
    assert.equal(missing.code, 'DRIVE_NOT_FOUND');
    assert.equal(missing.statusCode, 'DiskNotFound');
    const dir = await failure(() => unlocker().unlock({ key: WRONG_KEY, device: tmp }));
    assert.equal(dir.code, 'BAD_INPUT');
    const malformed = await failure(() => unlocker().unlock({ key: WRONG_KEY.replace('591921', '591922'), device: img.path('bitlk-aes-xts-128') }));
    assert.equal(malformed.code, 'RECOVERY_KEY_FORMAT');
    assert.equal(malformed.statusCode, 'BitLockerKeyInvalid');
    assert.match(malformed.detail, /Group 8 is not a valid group/);
    const notEmpty = mountDir();
    await mkdir(notEmpty);
    await writeFile(join(notEmpty, 'x'), 'x');
    const busy = await failure(() => unlocker().unlock({ key: img.image('bitlk-aes-xts-128').rp, device: img.path('bitlk-aes-xts-128'), mountPoint: notEmpty }));
    assert.equal(busy.code, 'BAD_INPUT');
    assert.match(busy.title, /is not empty/);
    await assertClean();
  });

  test('checkKey tells right from wrong keys without mounting anything', async () => {
    const u = unlocker();
    assert.equal(await u.checkKey!({ key: img.image('bitlk-aes-xts-128').rp, device: img.path('bitlk-aes-xts-128') }), 'valid');
    assert.equal(await u.checkKey!({ key: WRONG_KEY, device: img.path('bitlk-aes-xts-128') }), 'invalid');
    assert.equal(await u.checkKey!({ key: img.image('bitlk-aes-xts-128-two-recovery').rp2!, device: img.path('bitlk-aes-xts-128-two-recovery') }), 'valid');
    assert.equal(await u.checkKey!({ key: img.image('bitlk-aes-xts-128-eow').rp, device: img.path('bitlk-aes-xts-128-eow') }), 'unknown');
    await assertClean();
  });

  describe('locking real mounts (a plain NTFS image standing in for the decrypted volume)', () => {
    let ntfsImage: string;
    let bindSkip: string | undefined;
    before(async () => {
      ntfsImage = join(tmp, 'fake-volume.ntfs');
      makeNtfsImage(ntfsImage);
      const probe = join(tmp, 'bind-probe');
      await mkdir(probe);
      const r = spawnSync('mount', ['--bind', probe, probe]);
      if (r.status !== 0) bindSkip = 'mount --bind is not allowed here';
      else spawnSync('umount', [probe]);
    });

    test('lock writes everything back, unmounts both layers, waits for ntfs-3g, removes the work directory', async (t) => {
      if (bindSkip) return t.skip(bindSkip);
      const mnt = mountDir();
      const { session, store } = await createFakeSession(sessionRoot, ntfsImage, mnt, ntfsImage);
      try {
        const listed = await listUnlockSessions({ root: sessionRoot });
        assert.equal(listed.length, 1);
        assert.equal(listed[0]!.fuseMounted && listed[0]!.filesMounted, true);
        await writeFile(join(mnt, 'repaired.txt'), 'written through ntfs-3g\n');
        await unlocker().lock({ mountPoint: mnt });
        assert.deepEqual(mountsUnder(tmp), []);
        assert.ok(!existsSync(session.workDir), 'work directory removed');
        assert.ok(!existsSync(mnt), 'the mount point waie created is removed');
        // The data is on the volume: mount the same file again and read it.
        const check = join(tmp, 'check');
        await mkdir(check);
        assert.equal(spawnSync('ntfs-3g', ['-o', 'ro', join(store, 'dislocker-file'), check]).status, 0);
        try {
          assert.equal(await readFile(join(check, 'repaired.txt'), 'utf8'), 'written through ntfs-3g\n');
        } finally {
          spawnSync('umount', [check]);
        }
        await assert.rejects(unlocker().lock({ mountPoint: mnt }), (e: WaieError) => e.info.code === 'NOT_UNLOCKED');
      } finally {
        for (const m of mountsUnder(tmp)) spawnSync('umount', ['-l', m.split(' on ')[1]!]);
        await rm(store, { recursive: true, force: true });
      }
    });

    test('unlocking a device waie already unlocked returns its mount point and leaves it unlocked', async (t) => {
      if (bindSkip) return t.skip(bindSkip);
      const mnt = mountDir();
      const device = img.path('bitlk-aes-xts-128');
      const { store } = await createFakeSession(sessionRoot, ntfsImage, mnt, device);
      try {
        const v = await unlocker().unlock({ key: WRONG_KEY, device, mountPoint: mountDir() });
        assert.equal(v.alreadyUnlocked, true);
        assert.equal(v.root, mnt);
        assert.equal(v.lockCommand, `waie Lock /mount:${mnt}`);
        await v.lock(); // does nothing: someone else's unlock
        assert.equal(mountsUnder(mnt).length, 1);
        await unlocker().lock({ mountPoint: mnt });
        await assertClean();
      } finally {
        for (const m of mountsUnder(tmp)) spawnSync('umount', ['-l', m.split(' on ')[1]!]);
        await rm(store, { recursive: true, force: true });
      }
    });

    test('a volume registered to lock on exit is locked when the process exits, and on SIGTERM', async (t) => {
      if (bindSkip) return t.skip(bindSkip);
      const linuxTs = fileURLToPath(new URL('./linux.ts', import.meta.url));
      const supportTs = fileURLToPath(new URL('./test-images.ts', import.meta.url));
      for (const how of ['exit', 'SIGTERM'] as const) {
        const mnt = mountDir();
        const child = join(tmp, `child-${how}.mts`);
        await writeFile(
          child,
          `import { registerLockOnExit } from ${JSON.stringify(linuxTs)};
import { createFakeSession } from ${JSON.stringify(supportTs)};
const { session, store } = await createFakeSession(${JSON.stringify(sessionRoot)}, ${JSON.stringify(ntfsImage)}, ${JSON.stringify(mnt)}, 'fake');
registerLockOnExit(session);
console.log('READY ' + store);
${how === 'exit' ? 'process.exit(0);' : 'setInterval(() => {}, 1000);'}
`,
        );
        const proc = spawn(process.execPath, ['--import', 'tsx', child], { cwd: fileURLToPath(new URL('../../../', import.meta.url)), stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        proc.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (how === 'SIGTERM' && out.includes('READY')) proc.kill('SIGTERM');
        });
        proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
        const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((r) => proc.on('exit', (c, s) => r([c, s])));
        const store = /READY (\S+)/.exec(out)?.[1];
        try {
          assert.ok(store, `child started: ${err}`);
          if (how === 'exit') assert.equal(code, 0, err);
          else assert.equal(signal, 'SIGTERM', `died of SIGTERM (code ${code}) ${err}`);
          assert.deepEqual(mountsUnder(mnt), [], `${how}: nothing left mounted`);
          await assertClean();
        } finally {
          for (const m of mountsUnder(tmp)) spawnSync('umount', ['-l', m.split(' on ')[1]!]);
          if (store) await rm(store, { recursive: true, force: true });
        }
      }
    });
  });
});
