/**
 * BitLocker on Linux (platform.md §Linux): dislocker (FUSE) decrypts the volume and exposes it as
 * `<dir>/dislocker-file`; ntfs-3g mounts the NTFS inside read-write (a repair writes to it); cryptsetup
 * checks a key without mounting (`cryptsetup open --type bitlk --test-passphrase`, key on stdin) and lists
 * the protectors (`cryptsetup bitlkDump`); `blkid -p` tells BitLocker from other file systems first.
 *
 * Steps of {@link createLinuxUnlocker}'s `unlock`, each failure mapped to a status code:
 * 1. key format, root (`NEEDS_ROOT`), tools (`TOOLS_MISSING`, naming the Debian packages), device
 *    (`DRIVE_NOT_FOUND`) — before anything is tried;
 * 2. `blkid -p`: not BitLocker → `BitLockerNotActivated` (another file system) or `BitLockerVolumeNotFound`;
 * 3. `cryptsetup bitlkDump`: no recovery-password protector → `BitLockerProtectorNotFound`;
 *    `--test-passphrase` exit 2 → `BitLockerKeyInvalid`;
 * 4. dislocker: "None of the provided decryption mean…" → `BitLockerKeyInvalid` (or, when cryptsetup said
 *    the key is right, `BitLockerUnlockVolumeFailed`: dislocker tries only the first recovery protector);
 *    "can't find a valid and matching VMK datum" → `BitLockerProtectorNotFound`; "Cannot parse volume
 *    header" → `BitLockerVolumeNotFound` (or `BitLockerUnlockVolumeFailed` when blkid saw BitLocker);
 * 5. ntfs-3g: exit 12 (not NTFS) or 13 (NTFS damaged, as in cryptsetup's test images whose NTFS is zeroed)
 *    → `VolumeNotNtfs` ("unlocked, but the volume inside is not NTFS"); other failures →
 *    `DiskOperationFailed`. dislocker is unmounted again on any failure: nothing stays mounted.
 *
 * The key: cryptsetup reads it from stdin. dislocker takes a recovery password only as `-p<key>` on its
 * command line or, with a bare `-p`, from a prompt on its terminal; so by default it runs under a
 * pseudo-terminal made by util-linux `script` and the key is typed into the prompt: it is on no command
 * line. Without `script`, `-p<key>` is used: dislocker overwrites its own copy of the argument with X's as
 * soon as it has parsed it (seen here: `ps` shows `-pXXXX…`), so the key is readable in
 * /proc/<pid>/cmdline for milliseconds, by root-owned processes' readers only. Tool outputs are parsed in
 * memory and only dislocker's tagged `[ERROR]`/`[CRITICAL]` lines are quoted (redacted), never the prompt.
 *
 * All tools run with `LC_ALL=C`, so their messages are the English ones matched here.
 */
import { spawnSync } from 'node:child_process';
import { constants, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { access, mkdir, mkdtemp, readdir, realpath, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, delimiter, join, resolve } from 'node:path';
import { WaieError } from '../../../src-shared/errors.ts';
import { redact } from '../../../src-shared/redact.ts';
import { COMMAND_NOT_FOUND, runCommand, type CommandRunner } from '../drives/command-runner.ts';
import { parseBlkidExport } from '../drives/linux.ts';
import { bitLockerError, keyForms, requireRecoveryKey, WHERE_KEYS_ARE } from './errors.ts';
import { defaultSessionRoot, listUnlockSessions, parseMounts, readProcMounts, SESSION_DIR_PREFIX, SESSION_FILE, type LinuxUnlockSession, type LinuxUnlockSessionState } from './linux-sessions.ts';
import type { BitLockerUnlocker, LockRequest, UnlockedVolume, UnlockRequest } from './types.ts';

/** Tools and the Debian packages they come from. */
export const LINUX_TOOLS = {
  dislocker: 'dislocker',
  'ntfs-3g': 'ntfs-3g',
  cryptsetup: 'cryptsetup-bin',
  blkid: 'util-linux',
  umount: 'mount',
  script: 'bsdutils',
} as const;
/** A tool the Linux adapter uses (a key of {@link LINUX_TOOLS}). */
export type LinuxTool = keyof typeof LINUX_TOOLS;

/** Options of {@link createLinuxUnlocker}; every one has a real default. */
export interface LinuxUnlockerOptions {
  run?: CommandRunner;
  /** Absolute path of a tool, or undefined when it is not installed (default: PATH plus the sbin folders). */
  findTool?: (name: string) => Promise<string | undefined>;
  /** True when running as root (default: `process.geteuid() === 0`). */
  isRoot?: () => boolean;
  /** Where sessions live (default `/run/waie`, see linux-sessions.ts). */
  sessionRoot?: string;
  /** The text of /proc/mounts. */
  readMounts?: () => Promise<string>;
  /** How dislocker gets the key: `pty` (util-linux `script`), `argv` (`-p<key>`), `auto` (pty when `script` exists). */
  keyTransport?: 'auto' | 'pty' | 'argv';
  /** How long to wait for ntfs-3g and dislocker to exit after their unmount, ms (default 60 000). */
  exitWaitMs?: number;
}

const C_LOCALE = { LC_ALL: 'C', LANG: 'C', LANGUAGE: 'C' };
const SBIN = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/** Finds `name` on PATH and in the sbin folders (root's tools are there even when PATH lacks them). */
export async function findToolOnPath(name: string): Promise<string | undefined> {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...SBIN];
  for (const dir of new Set(dirs)) {
    const p = join(dir, name);
    try {
      await access(p, constants.X_OK);
      return p;
    } catch {
      // next
    }
  }
  return undefined;
}

/** Quotes one word for `sh -c` (single quotes). */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** dislocker's tagged lines (`[ERROR] …`, `[CRITICAL] …`), without their time stamps. Nothing else is ever quoted. */
export function dislockerMessages(output: string): string[] {
  return [...output.matchAll(/\[(CRITICAL|ERROR|WARNING)\]\s*([^\r\n]*)/g)].map((m) => `${m[2]!.trim()}`);
}

/** The outcome of a failed dislocker run, from its tagged messages. */
export function classifyDislocker(output: string): 'keyInvalid' | 'protectorNotFound' | 'notBitLocker' | 'fuse' | 'other' {
  const text = dislockerMessages(output).join('\n');
  if (/can't find a valid and matching VMK datum/i.test(text)) return 'protectorNotFound';
  if (/None of the provided decryption mean|MACs don't match|Can't decrypt correctly the VMK/i.test(text)) return 'keyInvalid';
  if (/Cannot parse volume header|not a valid BitLocker|Invalid volume header|signature/i.test(text)) return 'notBitLocker';
  if (/fuse|mount ?point|Transport endpoint/i.test(text + output.replace(/Enter the recovery password[^\n]*/g, ''))) return 'fuse';
  return 'other';
}

/** Protection kinds `cryptsetup bitlkDump` lists (`VMK protected with recovery passphrase` → `recovery passphrase`). */
export function bitlkProtectors(dump: string): string[] {
  return [...dump.matchAll(/Protection:\s*VMK protected with ([^\n]+)/g)].map((m) => m[1]!.trim());
}

/** ntfs-3g's exit codes (ntfs-3g's volume.h, `NTFS_VOLUME_*`). */
export const NTFS3G_EXIT = { notNtfs: 12, corrupt: 13, hibernated: 14, unclean: 15, locked: 16, noPrivilege: 19, fuse: 21 } as const;

interface ProcInfo {
  pid: number;
  cmdline: string;
}

/** Live (not zombie) processes whose command line contains `needle`. Sync, for the exit handler too. */
function processesWith(needle: string): ProcInfo[] {
  const out: ProcInfo[] = [];
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((n) => /^\d+$/.test(n));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').join(' ');
      if (!cmdline.includes(needle)) continue;
      const statText = readFileSync(`/proc/${pid}/stat`, 'latin1');
      const state = statText.slice(statText.lastIndexOf(')') + 2, statText.lastIndexOf(')') + 3);
      if (state === 'Z' || state === 'X') continue;
      out.push({ pid: Number(pid), cmdline });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Waits until no live process has `needle` in its command line; false after `timeoutMs`. */
async function waitForExit(needle: string, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (processesWith(needle).length) {
    if (Date.now() > end) return false;
    await sleep(50);
  }
  return true;
}

function waitForExitSync(needle: string, timeoutMs: number): boolean {
  const end = Date.now() + timeoutMs;
  while (processesWith(needle).length) {
    if (Date.now() > end) return false;
    sleepSync(50);
  }
  return true;
}

/**
 * Checks `key` against `device` without mounting: `cryptsetup open --type bitlk --test-passphrase -r`, key on
 * stdin. Verdict (cryptsetup 2.6, seen on every test image): exit 0 → `valid`; exit 2 ("No key available
 * with this passphrase") → `invalid`; exit 1 with nothing on stderr → `invalid` (a well-formed recovery
 * password that decrypts no VMK); anything else (not BITLK, encrypt-on-write, partly decrypted) → `unknown`.
 */
export async function testPassphrase(run: CommandRunner, cryptsetup: string, device: string, key: string): Promise<{ verdict: 'valid' | 'invalid' | 'unknown'; code: number; stderr: string }> {
  const r = await run(cryptsetup, ['open', '--type', 'bitlk', '--test-passphrase', '-r', device], { input: key, env: C_LOCALE, timeoutMs: 120_000 });
  const verdict = r.code === 0 ? 'valid' : r.code === 2 || (r.code === 1 && r.stderr.trim() === '') ? 'invalid' : 'unknown';
  return { verdict, code: r.code, stderr: r.stderr };
}

// ---------------------------------------------------------------------------------------------------
// Locking on process exit

const toLockOnExit = new Map<string, LinuxUnlockSession>();
let exitHooksInstalled = false;

/**
 * Locks `session` synchronously (for the exit handler): unmounts the files (lazily when busy, since the
 * process is going), waits for ntfs-3g to flush and exit, unmounts dislocker, removes the work directory.
 * Never throws.
 */
export function lockSessionSync(session: LinuxUnlockSession, exitWaitMs = 30_000): void {
  const mounts = (): ReturnType<typeof parseMounts> => {
    try {
      return parseMounts(readFileSync('/proc/mounts', 'utf8'));
    } catch {
      return [];
    }
  };
  const unmount = (dir: string): void => {
    if (!mounts().some((m) => m.target === dir)) return;
    const r = spawnSync('umount', [dir], { stdio: 'ignore', env: { ...process.env, ...C_LOCALE } });
    if (r.status !== 0) spawnSync('fusermount', ['-u', dir], { stdio: 'ignore' });
    if (mounts().some((m) => m.target === dir)) spawnSync('umount', ['-l', dir], { stdio: 'ignore' });
  };
  const file = join(session.fuseDir, 'dislocker-file');
  unmount(session.mountPoint);
  waitForExitSync(file, exitWaitMs);
  unmount(session.fuseDir);
  waitForExitSync(session.fuseDir, exitWaitMs);
  try {
    rmSync(join(session.workDir, SESSION_FILE), { force: true });
    rmdirSync(session.fuseDir);
    rmdirSync(session.workDir);
    if (session.createdMountPoint) rmdirSync(session.mountPoint);
  } catch {
    // best effort
  }
}

function lockAllOnExit(): void {
  for (const s of toLockOnExit.values()) lockSessionSync(s);
  toLockOnExit.clear();
}

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', lockAllOnExit);
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      lockAllOnExit();
      process.off(signal, onSignal);
      process.kill(process.pid, signal); // then die of it, as without this handler
    };
    process.on(signal, onSignal);
  }
}

/**
 * Locks `session` with {@link lockSessionSync} when this process exits (normally, or on SIGTERM/SIGHUP,
 * after which it dies of the signal as it would have). Locking it earlier unregisters it.
 */
export function registerLockOnExit(session: LinuxUnlockSession): void {
  toLockOnExit.set(session.workDir, session);
  installExitHooks();
}

// ---------------------------------------------------------------------------------------------------

/** Creates the Linux adapter. */
export function createLinuxUnlocker(options: LinuxUnlockerOptions = {}): BitLockerUnlocker {
  const run = options.run ?? runCommand;
  const findTool = options.findTool ?? findToolOnPath;
  const isRoot = options.isRoot ?? (() => process.geteuid?.() === 0);
  const sessionRoot = options.sessionRoot ?? defaultSessionRoot();
  const readMounts = options.readMounts ?? readProcMounts;
  const exitWaitMs = options.exitWaitMs ?? 60_000;

  async function tools(required: readonly LinuxTool[], optional: readonly LinuxTool[]): Promise<Partial<Record<LinuxTool, string>>> {
    const found: Partial<Record<LinuxTool, string>> = {};
    const missing: LinuxTool[] = [];
    for (const t of [...required, ...optional]) {
      const p = await findTool(t);
      if (p) found[t] = p;
      else if (required.includes(t)) missing.push(t);
    }
    if (missing.length) {
      const pkgs = [...new Set(missing.map((t) => LINUX_TOOLS[t]))];
      throw bitLockerError({
        code: 'TOOLS_MISSING',
        title: `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not installed`,
        explanation: 'On Linux, waie unlocks BitLocker drives with dislocker (decrypts the volume through FUSE), ntfs-3g (mounts its NTFS file system read-write) and cryptsetup (checks the key without mounting).',
        nextStep: `Install them and run the command again: sudo apt-get install dislocker cryptsetup-bin ntfs-3g (Debian and Ubuntu packages; missing now: ${pkgs.join(', ')}).`,
      });
    }
    return found;
  }

  function needsRoot(): WaieError {
    return bitLockerError({
      code: 'NEEDS_ROOT',
      title: 'Unlocking a BitLocker drive on Linux needs root',
      explanation: 'Reading the disk device and mounting the decrypted volume through FUSE need root rights, and this program does not have them. Nothing was tried.',
      nextStep: 'Run the same command with sudo. To keep the key out of the shell history, set WAIE_BITLOCKER_KEY instead of /bk and run sudo --preserve-env=WAIE_BITLOCKER_KEY waie ….',
    });
  }

  async function sessionsNow(): Promise<LinuxUnlockSessionState[]> {
    return listUnlockSessions({ root: sessionRoot, mounts: await readMounts() });
  }

  async function umount(dir: string, umountPath: string | undefined): Promise<{ ok: boolean; busy: boolean; message: string }> {
    const mounted = parseMounts(await readMounts()).some((m) => m.target === dir);
    if (!mounted) return { ok: true, busy: false, message: '' };
    const r = await run(umountPath ?? 'umount', [dir], { env: C_LOCALE, timeoutMs: 120_000 });
    if (r.code === 0) return { ok: true, busy: false, message: '' };
    const f = await run('fusermount', ['-u', dir], { env: C_LOCALE, timeoutMs: 120_000 });
    if (f.code === 0) return { ok: true, busy: false, message: '' };
    const message = `${r.stderr} ${f.stderr}`.trim();
    return { ok: false, busy: /busy/i.test(message), message };
  }

  /** Unmounts files and dislocker, waits for both daemons, removes the work directory. */
  async function lockSession(session: LinuxUnlockSession): Promise<void> {
    const found = await tools([], ['umount']);
    const file = join(session.fuseDir, 'dislocker-file');
    const files = await umount(session.mountPoint, found.umount);
    if (!files.ok) {
      throw bitLockerError({
        code: files.busy ? 'VOLUME_BUSY' : 'LOCK_FAILED',
        statusCode: 'BitLockerFailed',
        title: files.busy ? `${session.mountPoint} is in use` : `${session.mountPoint} could not be unmounted`,
        explanation: files.busy ? 'A program still has a file or folder on the unlocked volume open (a shell whose current directory is on it counts).' : `umount failed: ${firstLine(files.message)}`,
        nextStep: `Close it (fuser -vm ${session.mountPoint} lists the processes), then run: waie Lock /mount:${session.mountPoint}`,
      });
    }
    if (!(await waitForExit(file, exitWaitMs))) {
      throw bitLockerError({ code: 'LOCK_FAILED', statusCode: 'BitLockerFailed', title: 'ntfs-3g did not finish', explanation: `The files were unmounted but ntfs-3g is still writing to the volume after ${Math.round(exitWaitMs / 1000)} s.`, nextStep: `Wait a little and run: waie Lock /mount:${session.mountPoint}` });
    }
    const fuse = await umount(session.fuseDir, found.umount);
    if (!fuse.ok) {
      throw bitLockerError({ code: fuse.busy ? 'VOLUME_BUSY' : 'LOCK_FAILED', statusCode: 'BitLockerFailed', title: 'The decrypted volume could not be closed', explanation: `dislocker's mount ${session.fuseDir} could not be unmounted: ${firstLine(fuse.message)}`, nextStep: `Close programs using it, then run: waie Lock /mount:${session.mountPoint}` });
    }
    await waitForExit(session.fuseDir, exitWaitMs);
    await rm(join(session.workDir, SESSION_FILE), { force: true });
    await rmdir(session.fuseDir).catch(() => undefined);
    await rmdir(session.workDir).catch(() => undefined);
    if (session.createdMountPoint) await rmdir(session.mountPoint).catch(() => undefined);
    toLockOnExit.delete(session.workDir);
  }

  function handleFor(session: LinuxUnlockSession, alreadyUnlocked: boolean, fileSystem?: string): UnlockedVolume {
    let locked = alreadyUnlocked;
    return {
      root: session.mountPoint,
      device: session.device,
      alreadyUnlocked,
      readOnly: session.readOnly,
      ...(fileSystem ? { fileSystem } : {}),
      lockCommand: `waie Lock /mount:${session.mountPoint}`,
      async lock() {
        if (locked) return;
        await lockSession(session);
        locked = true;
      },
    };
  }

  /** Prepares the mount point: an existing empty, unmounted directory, or a new one. */
  async function prepareMountPoint(dir: string): Promise<boolean> {
    const mounts = parseMounts(await readMounts());
    if (mounts.some((m) => m.target === dir)) {
      throw new WaieError({ code: 'BAD_INPUT', title: `${dir} is already a mount point`, detail: `Something is mounted on ${dir}. Give /mount an empty directory, or leave /mount out.` });
    }
    try {
      const st = await stat(dir);
      if (!st.isDirectory()) throw new WaieError({ code: 'BAD_INPUT', title: `${dir} is not a directory`, detail: 'Give /mount an empty directory (it is created when missing).' });
      if ((await readdir(dir)).length) throw new WaieError({ code: 'BAD_INPUT', title: `${dir} is not empty`, detail: 'Give /mount an empty directory (it is created when missing), so that no files are hidden under the mounted volume.' });
      return false;
    } catch (err) {
      if (err instanceof WaieError) throw err;
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new WaieError({ code: 'BAD_INPUT', title: `${dir} cannot be used`, detail: `${(err as Error).message}. Give /mount an empty directory.` });
      await mkdir(dir, { recursive: true });
      return true;
    }
  }

  async function runDislocker(dislocker: string, script: string | undefined, device: string, fuseDir: string, key: string, readOnly: boolean): Promise<{ code: number; output: string }> {
    const base = ['-v', '-V', device, ...(readOnly ? ['-r'] : [])];
    const transport = options.keyTransport ?? 'auto';
    if (script && transport !== 'argv') {
      // Key typed into dislocker's prompt on a pseudo-terminal: on no command line.
      const command = ['exec', ...[dislocker, ...base, '-p', '--', fuseDir].map(shellQuote)].join(' ');
      const r = await run(script, ['-q', '-e', '-c', command, '/dev/null'], { input: `${key}\n`, keepInputOpen: true, env: { ...C_LOCALE, SHELL: '/bin/sh' }, timeoutMs: 120_000 });
      const output = r.stdout + r.stderr;
      if (r.code !== COMMAND_NOT_FOUND && (r.code === 0 || /Enter the recovery password|\[(CRITICAL|ERROR)\]/.test(output))) return { code: r.code, output };
      if (transport === 'pty') return { code: r.code, output };
      // `script` itself failed (an unusual build): fall back to the command line.
    }
    // dislocker accepts the key only as -p<key> (or a tty prompt); it blanks the argument with X's once parsed.
    const r = await run(dislocker, [...base, `-p${key}`, '--', fuseDir], { env: C_LOCALE, timeoutMs: 120_000 });
    return { code: r.code, output: r.stdout + r.stderr };
  }

  return {
    platform: 'linux',

    async unlock(request: UnlockRequest): Promise<UnlockedVolume> {
      const key = requireRecoveryKey(request.key);
      const secrets = keyForms(request.key);
      if (!request.device) {
        throw new WaieError({ code: 'BAD_INPUT', title: request.driveLetter ? 'Drive letters are for Windows' : 'No device given', detail: 'On Linux, name the BitLocker volume by its device or image file: /device:/dev/sdb1 ("lsblk" or "waie Drives" lists the devices).' });
      }
      if (!isRoot()) throw needsRoot();
      const found = await tools(['dislocker', 'ntfs-3g'], ['cryptsetup', 'blkid', 'umount', 'script']);
      const readOnly = request.readOnly === true;

      let device: string;
      try {
        device = await realpath(request.device);
        const st = await stat(device);
        if (st.isDirectory()) {
          throw new WaieError({ code: 'BAD_INPUT', title: `${request.device} is a directory`, detail: 'Give the BitLocker block device (e.g. /dev/sdb1) or an image file of it.' });
        }
        if (!st.isBlockDevice() && !st.isFile()) {
          throw new WaieError({ code: 'BAD_INPUT', title: `${request.device} is not a disk`, detail: 'Give the BitLocker block device (e.g. /dev/sdb1) or an image file of it.' });
        }
      } catch (err) {
        if (err instanceof WaieError) throw err;
        throw bitLockerError({ code: 'DRIVE_NOT_FOUND', statusCode: 'DiskNotFound', title: `${request.device} does not exist`, explanation: `There is no device or file ${request.device}.`, nextStep: 'Connect the drive and look up its partition with "lsblk" or "waie Drives" (e.g. /dev/sdb1).', file: request.device }, secrets);
      }
      const where = request.device;

      // Already open by an earlier waie Unlock? Use it (and leave it open); clean up stale leftovers.
      for (const s of await sessionsNow()) {
        if (s.device !== device) continue;
        if (s.fuseMounted && s.filesMounted) return handleFor(s, true, 'ntfs');
        await lockSession(s);
      }

      // What is on it?
      let blkidType: string | undefined;
      if (found.blkid) {
        const b = await run(found.blkid, ['-p', '-o', 'export', device], { env: C_LOCALE, timeoutMs: 60_000 });
        const info = b.code === 0 ? parseBlkidExport(b.stdout) : {};
        blkidType = info.TYPE;
        if (b.code === 0 && info.TYPE && info.TYPE.toLowerCase() !== 'bitlocker') {
          throw bitLockerError({ code: 'BITLOCKER_NOT_ACTIVATED', statusCode: 'BitLockerNotActivated', title: `${where} is not BitLocker-encrypted`, explanation: `It holds a file system of type ${info.TYPE}, not a BitLocker volume: there is nothing to unlock.`, nextStep: info.TYPE === 'ntfs' ? `Mount it as it is (sudo mount -t ntfs3 ${where} <dir>, or ntfs-3g ${where} <dir>) and run the command without /bk.` : 'Check the device ("waie Drives" shows each volume\'s file system), or run the command without /bk.' }, secrets);
        }
        if ((b.code === 0 || b.code === 2) && !info.TYPE) {
          const disk = info.PTTYPE ? ` It is a whole disk with a ${info.PTTYPE} partition table: give one of its partitions (e.g. ${where}1).` : '';
          throw bitLockerError({ code: 'BITLOCKER_VOLUME_NOT_FOUND', statusCode: 'BitLockerVolumeNotFound', title: `No BitLocker volume on ${where}`, explanation: `${where} has no BitLocker signature and no known file system (it may be empty or zero-filled).${disk}`, nextStep: '"waie Drives" or "lsblk -f" lists the volumes and marks BitLocker ones.' }, secrets);
        }
      }

      // Protectors and the key, without mounting (cryptsetup).
      let keyConfirmed = false;
      let keyRejected = false;
      let cryptsetupNote = '';
      if (found.cryptsetup) {
        const dump = await run(found.cryptsetup, ['bitlkDump', device], { env: C_LOCALE, timeoutMs: 60_000 });
        if (dump.code === 0 && /Keyslots:/.test(dump.stdout)) {
          const protectors = bitlkProtectors(dump.stdout);
          if (!protectors.some((p) => /recovery passphrase/i.test(p))) {
            throw bitLockerError({ code: 'BITLOCKER_PROTECTOR_NOT_FOUND', statusCode: 'BitLockerProtectorNotFound', title: `${where} has no recovery password`, explanation: `The volume is BitLocker-encrypted, but none of its protectors is a 48-digit recovery password (it has: ${protectors.join(', ') || 'none'}), so a recovery key cannot unlock it.`, nextStep: 'Unlock it the way it was protected (on Windows), or ask whoever prepared the drive.' }, secrets);
          }
        }
        const test = await testPassphrase(run, found.cryptsetup, device, key);
        if (test.verdict === 'valid') keyConfirmed = true;
        else if (test.code === 2) {
          throw bitLockerError({ code: 'BITLOCKER_KEY_INVALID', statusCode: 'BitLockerKeyInvalid', title: `The recovery key does not unlock ${where}`, explanation: 'The key is well formed, but it is not a recovery password of this volume (checked with cryptsetup, nothing was mounted).', nextStep: WHERE_KEYS_ARE }, secrets);
        } else if (test.verdict === 'unknown') cryptsetupNote = firstLine(redact(test.stderr, secrets));
        else keyRejected = true;
        // verdict 'invalid' from exit code 1: dislocker confirms below (cryptsetup's exit 1 also means other errors).
      }

      // Decrypt (dislocker) into a private work directory.
      await mkdir(sessionRoot, { recursive: true, mode: 0o700 });
      const workDir = await mkdtemp(join(sessionRoot, SESSION_DIR_PREFIX));
      const fuseDir = join(workDir, 'fuse');
      await mkdir(fuseDir, { mode: 0o700 });
      const cleanupWork = async (): Promise<void> => {
        await rmdir(fuseDir).catch(() => undefined);
        await rm(join(workDir, SESSION_FILE), { force: true });
        await rmdir(workDir).catch(() => undefined);
      };
      const dis = await runDislocker(found.dislocker!, found.script, device, fuseDir, key, readOnly);
      const fuseMounted = parseMounts(await readMounts()).some((m) => m.target === fuseDir);
      if (dis.code !== 0 || !fuseMounted) {
        if (fuseMounted) await umount(fuseDir, found.umount);
        await cleanupWork();
        const said = redact(dislockerMessages(dis.output).join(' '), secrets) || `exit code ${dis.code}`;
        switch (classifyDislocker(dis.output)) {
          case 'keyInvalid':
            if (keyConfirmed) {
              throw bitLockerError({ code: 'BITLOCKER_UNLOCK_FAILED', statusCode: 'BitLockerUnlockVolumeFailed', title: `dislocker could not unlock ${where}`, explanation: 'The key is right (cryptsetup confirmed it), but dislocker did not accept it: dislocker tries only the volume\'s first recovery password, and this key belongs to another one.', nextStep: 'Use the key of the first recovery password if you have it, or unlock the drive on Windows.' }, secrets);
            }
            throw bitLockerError({ code: 'BITLOCKER_KEY_INVALID', statusCode: 'BitLockerKeyInvalid', title: `The recovery key does not unlock ${where}`, explanation: `The key is well formed, but it is not a recovery password of this volume: ${keyRejected ? 'cryptsetup and dislocker both refused it' : 'dislocker refused it'}.`, nextStep: WHERE_KEYS_ARE }, secrets);
          case 'protectorNotFound':
            throw bitLockerError({ code: 'BITLOCKER_PROTECTOR_NOT_FOUND', statusCode: 'BitLockerProtectorNotFound', title: `${where} has no recovery password`, explanation: `The volume is BitLocker-encrypted, but has no recovery-password protector (dislocker: ${said}).`, nextStep: 'Unlock it the way it was protected (on Windows), or ask whoever prepared the drive.' }, secrets);
          case 'notBitLocker':
            if (blkidType?.toLowerCase() === 'bitlocker' || keyConfirmed) {
              throw bitLockerError({ code: 'BITLOCKER_UNLOCK_FAILED', statusCode: 'BitLockerUnlockVolumeFailed', title: `dislocker cannot read ${where}`, explanation: `The volume is BitLocker-encrypted, but dislocker cannot read its BitLocker metadata (dislocker: ${said}${cryptsetupNote ? `; cryptsetup: ${cryptsetupNote}` : ''}). Usually the volume is only partly encrypted (encryption or decryption was interrupted).`, nextStep: 'Unlock it on Windows (manage-bde -unlock X: -RecoveryPassword …) and let BitLocker finish or resume the conversion.' }, secrets);
            }
            throw bitLockerError({ code: 'BITLOCKER_VOLUME_NOT_FOUND', statusCode: 'BitLockerVolumeNotFound', title: `No BitLocker volume on ${where}`, explanation: `dislocker found no BitLocker volume there (${said}).`, nextStep: '"waie Drives" or "lsblk -f" lists the volumes and marks BitLocker ones; give the partition, e.g. /dev/sdb1, not the whole disk.' }, secrets);
          case 'fuse':
            throw bitLockerError({ code: 'BITLOCKER_FAILED', statusCode: 'BitLockerFailed', title: 'The decrypted volume could not be mounted (FUSE)', explanation: `dislocker could not create its FUSE mount (${said}).`, nextStep: 'Check that /dev/fuse exists and that fuse3 is installed (sudo apt-get install fuse3); in a container, start it with --device /dev/fuse --cap-add SYS_ADMIN.' }, secrets);
          default:
            throw bitLockerError({ code: 'BITLOCKER_UNLOCK_FAILED', statusCode: 'BitLockerUnlockVolumeFailed', title: `dislocker could not unlock ${where}`, explanation: `dislocker failed (${said}).`, nextStep: 'Run "sudo dislocker -v -V <device> -p -- /mnt/x" to see more, or unlock the drive on Windows.' }, secrets);
        }
      }

      // Mount the NTFS inside (ntfs-3g).
      const file = join(fuseDir, 'dislocker-file');
      const mountPoint = resolve(request.mountPoint ?? `/mnt/waie-${basename(device).replace(/[^A-Za-z0-9._-]/g, '_')}`);
      const rollback = async (): Promise<void> => {
        await umount(fuseDir, found.umount);
        await waitForExit(fuseDir, exitWaitMs);
        await cleanupWork();
      };
      let createdMountPoint: boolean;
      try {
        createdMountPoint = await prepareMountPoint(mountPoint);
      } catch (err) {
        await rollback();
        throw err;
      }
      let innerType: string | undefined;
      if (found.blkid) {
        const b = await run(found.blkid, ['-p', '-o', 'export', file], { env: C_LOCALE, timeoutMs: 60_000 });
        innerType = b.code === 0 ? parseBlkidExport(b.stdout).TYPE : undefined;
      }
      const ntfs = await run(found['ntfs-3g']!, ['-o', readOnly ? 'ro' : 'rw', file, mountPoint], { env: C_LOCALE, timeoutMs: 120_000 });
      const filesMounted = parseMounts(await readMounts()).some((m) => m.target === mountPoint);
      if (ntfs.code !== 0 || !filesMounted) {
        if (filesMounted) await umount(mountPoint, found.umount);
        await waitForExit(file, exitWaitMs);
        await rollback();
        if (createdMountPoint) await rmdir(mountPoint).catch(() => undefined);
        const said = ntfsMessage(redact(`${ntfs.stderr}\n${ntfs.stdout}`, secrets));
        if (ntfs.code === NTFS3G_EXIT.notNtfs || ntfs.code === NTFS3G_EXIT.corrupt || (innerType && innerType.toLowerCase() !== 'ntfs')) {
          const inside = innerType && innerType.toLowerCase() !== 'ntfs' ? `a file system of type ${innerType}` : ntfs.code === NTFS3G_EXIT.corrupt ? 'an NTFS file system that ntfs-3g cannot read (damaged, or empty)' : 'no NTFS file system';
          throw bitLockerError({ code: 'VOLUME_NOT_NTFS', statusCode: 'VolumeNotNtfs', title: `${where} is unlocked, but the volume inside is not NTFS`, explanation: `The key is right and the volume was decrypted, but it holds ${inside} (ntfs-3g: ${said}). Export drives hold NTFS. The volume was locked again.`, nextStep: ntfs.code === NTFS3G_EXIT.corrupt ? 'Unlock the drive on Windows and run "chkdsk X: /f" on it, then try again.' : 'Check that this is the export drive ("waie Drives /CopyLogFile:<log>" marks it).' }, secrets);
        }
        const why =
          ntfs.code === NTFS3G_EXIT.hibernated
            ? 'Windows left the volume hibernated (Fast Startup), and ntfs-3g will not write to it.'
            : ntfs.code === NTFS3G_EXIT.unclean
              ? 'Windows did not close the volume cleanly.'
              : ntfs.code === NTFS3G_EXIT.locked
                ? 'Another program has the volume open.'
                : `ntfs-3g failed with exit code ${ntfs.code}.`;
        throw bitLockerError({ code: 'NTFS_MOUNT_FAILED', statusCode: 'DiskOperationFailed', title: `${where} is unlocked, but its files could not be mounted`, explanation: `${why} (ntfs-3g: ${said}) The volume was locked again.`, nextStep: ntfs.code === NTFS3G_EXIT.hibernated || ntfs.code === NTFS3G_EXIT.unclean ? 'Unlock the drive on Windows, run "chkdsk X: /f", eject it safely, then try again.' : 'Run the command again; if it keeps failing, unlock the drive on Windows.' }, secrets);
      }

      const session: LinuxUnlockSession = { version: 1, workDir, device, fuseDir, mountPoint, createdMountPoint, readOnly, createdAt: new Date().toISOString() };
      await writeFile(join(workDir, SESSION_FILE), JSON.stringify(session, null, 2) + '\n', { mode: 0o600 });
      if (request.lockOnExit) registerLockOnExit(session);
      return handleFor(session, false, innerType ?? 'ntfs');
    },

    async checkKey(request: { key: string; device?: string }): Promise<'valid' | 'invalid' | 'unknown'> {
      const key = requireRecoveryKey(request.key);
      if (!request.device) throw new WaieError({ code: 'BAD_INPUT', title: 'No device given', detail: 'Name the BitLocker volume by its device or image file (/dev/sdb1).' });
      if (!isRoot()) throw needsRoot();
      const found = await tools(['cryptsetup'], []);
      return (await testPassphrase(run, found.cryptsetup!, request.device, key)).verdict;
    },

    async lock(request: LockRequest): Promise<void> {
      if (!request.mountPoint) {
        throw new WaieError({ code: 'BAD_INPUT', title: request.driveLetter ? 'Drive letters are for Windows' : 'No mount point given', detail: 'On Linux, name the directory "waie Unlock" mounted the volume on: waie Lock /mount:/mnt/waie-sdb1.' });
      }
      if (!isRoot()) throw needsRoot();
      const target = resolve(request.mountPoint);
      let real = target;
      try {
        real = await realpath(target);
      } catch {
        // it may be gone already; compare as given
      }
      const sessions = await sessionsNow();
      const session = sessions.find((s) => s.mountPoint === real || s.mountPoint === target) ?? sessions.find((s) => s.device === real);
      if (session) {
        await lockSession(session);
        return;
      }
      // A dislocker + ntfs-3g mount made without a session file (another tool, or a crash mid-unlock).
      const mount = parseMounts(await readMounts()).find((m) => m.target === real && m.source.endsWith('/dislocker-file'));
      if (mount) {
        const fuseDir = mount.source.slice(0, -'/dislocker-file'.length);
        const inRoot = fuseDir.startsWith(join(sessionRoot, SESSION_DIR_PREFIX));
        await lockSession({ version: 1, workDir: inRoot ? join(fuseDir, '..') : fuseDir, device: '', fuseDir, mountPoint: real, createdMountPoint: false, readOnly: false, createdAt: '' });
        return;
      }
      throw new WaieError({ code: 'NOT_UNLOCKED', title: `Nothing unlocked by waie is mounted on ${request.mountPoint}`, detail: '"waie Drives" shows which BitLocker volumes are unlocked and where; "findmnt" lists every mount.' });
    },
  };
}

/** The most telling line of ntfs-3g's output ("Failed to mount …", "NTFS signature is missing."), else its first. */
export function ntfsMessage(output: string): string {
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /^Failed to mount|signature is missing|is not a valid|hibernat|unclean|in use/i.test(l)) ?? lines[0] ?? 'no message';
}

function firstLine(s: string): string {
  return s.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? 'no message';
}
