/**
 * The Linux adapter's paths that the real images cannot reach (no root, tools missing, a hibernated NTFS,
 * FUSE missing), with an injected command runner, tool lookup and /proc/mounts; and its message parsers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WaieError, type ErrorInfo } from '../../../src-shared/errors.ts';
import type { CommandRunner } from '../drives/command-runner.ts';
import { bitlkProtectors, classifyDislocker, createLinuxUnlocker, dislockerMessages, ntfsMessage, shellQuote, type LinuxUnlockerOptions } from './linux.ts';
import { parseMounts } from './linux-sessions.ts';

const KEY = '238810-662376-448998-450120-652806-203390-606320-483076';

async function failure(p: Promise<unknown>): Promise<ErrorInfo> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof WaieError, String(err));
    return err.info;
  }
  assert.fail('expected a failure');
}

/** A fake Linux with every tool; `ntfsExit` and `dislockerOutput` choose the outcome. Tracks mounts. */
async function fakeLinux(opts: { ntfsExit?: number; ntfsStderr?: string; dislocker?: { code: number; output: string } } = {}) {
  const tmp = await mkdtemp(join(tmpdir(), 'waie-bl-fake-'));
  const device = join(tmp, 'disk.img');
  await writeFile(device, 'not really a disk');
  const mounts = new Set<string>();
  const calls: { cmd: string; args: readonly string[]; input?: string }[] = [];
  const run: CommandRunner = async (cmd, args, o) => {
    calls.push({ cmd, args, ...(o?.input !== undefined ? { input: o.input } : {}) });
    const name = cmd.split('/').pop();
    const last = args[args.length - 1]!;
    switch (name) {
      case 'blkid':
        return { code: 0, stdout: last.endsWith('dislocker-file') ? 'TYPE=ntfs\n' : 'TYPE=BitLocker\n', stderr: '' };
      case 'cryptsetup':
        return args[0] === 'bitlkDump' ? { code: 0, stdout: 'Keyslots:\n 0: VMK\n\tProtection: \tVMK protected with recovery passphrase\n', stderr: '' } : { code: 0, stdout: '', stderr: '' };
      case 'dislocker': {
        const d = opts.dislocker ?? { code: 0, output: '' };
        if (d.code === 0) mounts.add(last);
        return { code: d.code, stdout: d.output, stderr: '' };
      }
      case 'ntfs-3g':
        if (!opts.ntfsExit) mounts.add(last);
        return { code: opts.ntfsExit ?? 0, stdout: '', stderr: opts.ntfsStderr ?? '' };
      case 'umount':
      case 'fusermount':
        mounts.delete(last);
        return { code: 0, stdout: '', stderr: '' };
      default:
        return { code: 127, stdout: '', stderr: '' };
    }
  };
  const options: LinuxUnlockerOptions = {
    run,
    findTool: async (n) => (n === 'script' ? undefined : `/usr/bin/${n}`),
    isRoot: () => true,
    sessionRoot: join(tmp, 'sessions'),
    readMounts: async () => [...mounts].map((m) => `fake ${m} fuse rw 0 0`).join('\n'),
    exitWaitMs: 1000,
  };
  return { tmp, device, calls, mounts, options, cleanup: () => rm(tmp, { recursive: true, force: true }) };
}

test('"needs root" is said before anything runs; missing tools name the Debian packages', async () => {
  const calls: string[] = [];
  const run: CommandRunner = async (cmd) => {
    calls.push(cmd);
    return { code: 0, stdout: '', stderr: '' };
  };
  const notRoot = await failure(createLinuxUnlocker({ run, isRoot: () => false }).unlock({ key: KEY, device: '/dev/sdb1' }));
  assert.equal(notRoot.code, 'NEEDS_ROOT');
  assert.match(notRoot.title, /needs root/);
  assert.match(notRoot.detail, /sudo/);
  assert.deepEqual(calls, []);
  const noTools = await failure(createLinuxUnlocker({ run, isRoot: () => true, findTool: async () => undefined }).unlock({ key: KEY, device: '/dev/sdb1' }));
  assert.equal(noTools.code, 'TOOLS_MISSING');
  assert.match(noTools.title, /dislocker and ntfs-3g are not installed/);
  assert.match(noTools.detail, /apt-get install dislocker cryptsetup-bin ntfs-3g/);
  const onlyNtfs = await failure(createLinuxUnlocker({ run, isRoot: () => true, findTool: async (n) => (n === 'dislocker' ? '/usr/bin/dislocker' : undefined) }).unlock({ key: KEY, device: '/dev/sdb1' }));
  assert.match(onlyNtfs.title, /^ntfs-3g is not installed/);
  assert.deepEqual(calls, []);
  assert.equal((await failure(createLinuxUnlocker({ run, isRoot: () => true }).unlock({ key: KEY, driveLetter: 'G' }))).code, 'BAD_INPUT');
  assert.equal((await failure(createLinuxUnlocker({ run, isRoot: () => false }).lock({ mountPoint: '/mnt/x' }))).code, 'NEEDS_ROOT');
  assert.equal((await failure(createLinuxUnlocker({ run, isRoot: () => true }).lock({}))).code, 'BAD_INPUT');
});

test('a hibernated NTFS: unlocked, but ntfs-3g refuses (exit 14) → DiskOperationFailed, dislocker unmounted, work directory removed', async () => {
  const f = await fakeLinux({ ntfsExit: 14, ntfsStderr: 'Windows is hibernated, refused to mount.\nThe disk contains an unclean file system (0, 0).\n' });
  try {
    const info = await failure(createLinuxUnlocker({ ...f.options, keyTransport: 'argv' }).unlock({ key: KEY, device: f.device, mountPoint: join(f.tmp, 'mnt') }));
    assert.equal(info.code, 'NTFS_MOUNT_FAILED');
    assert.equal(info.statusCode, 'DiskOperationFailed');
    assert.match(info.detail, /hibernated/);
    assert.match(info.detail, /chkdsk/);
    assert.deepEqual([...f.mounts], [], 'dislocker was unmounted again');
    assert.deepEqual(await readdir(join(f.tmp, 'sessions')), [], 'work directory removed');
    const order = f.calls.map((c) => `${c.cmd.split('/').pop()} ${c.args[0]}`);
    assert.deepEqual(order, ['blkid -p', 'cryptsetup bitlkDump', 'cryptsetup open', 'dislocker -v', 'blkid -p', 'ntfs-3g -o', 'umount ' + f.calls.at(-1)!.args[0]]);
    const crypt = f.calls.find((c) => c.args[0] === 'open')!;
    assert.equal(crypt.input, KEY, 'cryptsetup reads the key on stdin');
    assert.ok(!crypt.args.join(' ').includes(KEY));
    assert.ok(f.calls.find((c) => c.cmd.endsWith('dislocker'))!.args.includes(`-p${KEY}`), 'argv transport: -p<key>');
  } finally {
    await f.cleanup();
  }
});

test('success: the session is written without the key, and lock unmounts files then dislocker', async () => {
  const f = await fakeLinux();
  try {
    const mnt = join(f.tmp, 'mnt');
    const v = await createLinuxUnlocker({ ...f.options, keyTransport: 'argv' }).unlock({ key: KEY, device: f.device, mountPoint: mnt });
    assert.equal(v.root, mnt);
    assert.equal(v.alreadyUnlocked, false);
    assert.equal(v.lockCommand, `waie Lock /mount:${mnt}`);
    const [dir] = await readdir(join(f.tmp, 'sessions'));
    const session = await readFile(join(f.tmp, 'sessions', dir!, 'session.json'), 'utf8');
    for (const form of [KEY, KEY.replace(/-/g, '')]) assert.ok(!session.includes(form), 'no key in session.json');
    assert.equal(JSON.parse(session).mountPoint, mnt);
    assert.equal(f.mounts.size, 2);
    await v.lock();
    assert.equal(f.mounts.size, 0);
    const umounts = f.calls.filter((c) => c.cmd.endsWith('umount')).map((c) => c.args[0]);
    assert.deepEqual(umounts, [mnt, join(f.tmp, 'sessions', dir!, 'fuse')], 'files first, then dislocker');
    assert.deepEqual(await readdir(join(f.tmp, 'sessions')), []);
    await v.lock(); // idempotent
  } finally {
    await f.cleanup();
  }
});

test('readOnly: dislocker -r and ntfs-3g -o ro; read-write by default', async () => {
  for (const readOnly of [true, false]) {
    const f = await fakeLinux();
    try {
      const v = await createLinuxUnlocker({ ...f.options, keyTransport: 'argv' }).unlock({ key: KEY, device: f.device, mountPoint: join(f.tmp, 'mnt'), readOnly });
      assert.equal(v.readOnly, readOnly);
      const dis = f.calls.find((c) => c.cmd.endsWith('dislocker'))!;
      const ntfs = f.calls.find((c) => c.cmd.endsWith('ntfs-3g'))!;
      assert.equal(dis.args.includes('-r'), readOnly);
      assert.deepEqual(ntfs.args.slice(0, 2), ['-o', readOnly ? 'ro' : 'rw']);
      await v.lock();
    } finally {
      await f.cleanup();
    }
  }
});

test('dislocker without FUSE gives a clear BitLockerFailed', async () => {
  const f = await fakeLinux({ dislocker: { code: 1, output: "fuse: device not found, try 'modprobe fuse' first\n" } });
  try {
    const info = await failure(createLinuxUnlocker({ ...f.options, keyTransport: 'argv' }).unlock({ key: KEY, device: f.device, mountPoint: join(f.tmp, 'mnt') }));
    assert.equal(info.statusCode, 'BitLockerFailed');
    assert.match(info.detail, /\/dev\/fuse/);
  } finally {
    await f.cleanup();
  }
});

test('message parsers: dislocker tags only, never the prompt; cryptsetup protectors; ntfs-3g lines; quoting; /proc/mounts escapes', () => {
  const out = `Enter the recovery password: ${KEY}\r\nValid password format, continuing.\r\nSat Nov 21 08:06:56 2026 [ERROR] The MACs don't match.\nSat Nov 21 08:06:56 2026 [CRITICAL] None of the provided decryption mean is decrypting the keys. Abort.\n`;
  assert.deepEqual(dislockerMessages(out), ["The MACs don't match.", 'None of the provided decryption mean is decrypting the keys. Abort.']);
  assert.ok(!dislockerMessages(out).join(' ').includes('662376'));
  assert.equal(classifyDislocker(out), 'keyInvalid');
  assert.equal(classifyDislocker('[ERROR] Error, can\'t find a valid and matching VMK datum. Abort.\n[CRITICAL] None of the provided decryption mean is decrypting the keys. Abort.'), 'protectorNotFound');
  assert.equal(classifyDislocker('[CRITICAL] Cannot parse volume header. Abort.'), 'notBitLocker');
  assert.equal(classifyDislocker('[CRITICAL] Something new.'), 'other');
  assert.deepEqual(bitlkProtectors('\tProtection: \tVMK protected with passphrase\n\tProtection: \tVMK protected with recovery passphrase\n'), ['passphrase', 'recovery passphrase']);
  assert.equal(ntfsMessage('ntfs_mst_post_read_fixup_warn: magic: 0x0\nFailed to mount \'/x\': Input/output error\nNTFS is either inconsistent'), "Failed to mount '/x': Input/output error");
  assert.equal(shellQuote("a b'c"), `'a b'\\''c'`);
  assert.deepEqual(parseMounts('/dev/sdb1 /mnt/my\\040disk fuseblk rw 0 0\n'), [{ source: '/dev/sdb1', target: '/mnt/my disk', type: 'fuseblk' }]);
});
