/**
 * Test support: cryptsetup's real BitLocker test images (GPL-2.0-or-later, in ../shared/testdata/bitlk,
 * never committed into this project), extracted into a temporary directory at test time, and the reasons
 * a real-tools test must be skipped. Only the BitLocker metadata in the images is real; the NTFS inside is
 * zeroed (platform.md §Linux).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findToolOnPath } from './linux.ts';
import type { LinuxUnlockSession } from './linux-sessions.ts';

/** The shared test data folder (../shared beside the clone). */
export const BITLK_DIR = fileURLToPath(new URL('../../../../shared/testdata/bitlk/', import.meta.url));
/** The images (xz-compressed tar of sparse files, ~370 KiB). */
export const BITLK_TARBALL = join(BITLK_DIR, 'bitlk-images.tar.xz');
/** Each image's passwords and GUIDs (`[name]` sections, `RP=` recovery passwords). */
export const BITLK_CONF = join(BITLK_DIR, 'images.conf');

/** One image of images.conf: its section name and recovery passwords (`RP=`, `RP2=`), empty when none. */
export interface BitlkImage {
  name: string;
  rp: string;
  rp2?: string;
}

/** Parses images.conf (`[name]` sections with `KEY=value` lines). */
export function parseImagesConf(text: string): BitlkImage[] {
  const out: BitlkImage[] = [];
  let cur: BitlkImage | undefined;
  for (const line of text.split('\n')) {
    const section = /^\[(.+)\]\s*$/.exec(line);
    if (section) {
      cur = { name: section[1]!, rp: '' };
      out.push(cur);
      continue;
    }
    const kv = /^(RP2?)=(.*)$/.exec(line.trim());
    if (kv && cur) {
      if (kv[1] === 'RP') cur.rp = kv[2]!.trim();
      else cur.rp2 = kv[2]!.trim();
    }
  }
  return out;
}

/**
 * Why the real-tools tests cannot run here, or undefined when they can: not Linux, not root, no /dev/fuse,
 * the shared test data or xz missing, or dislocker / ntfs-3g / cryptsetup / blkid / mkntfs not installed.
 */
export async function realToolsSkipReason(): Promise<string | undefined> {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.geteuid?.() !== 0) return 'not root (dislocker and ntfs-3g need root)';
  if (!existsSync('/dev/fuse')) return '/dev/fuse is missing';
  if (!existsSync(BITLK_TARBALL) || !existsSync(BITLK_CONF)) return `${BITLK_TARBALL} is absent (../shared is not beside this clone)`;
  for (const tool of ['dislocker', 'ntfs-3g', 'cryptsetup', 'blkid', 'mkntfs', 'xz', 'tar']) {
    if (!(await findToolOnPath(tool))) return `${tool} is not installed (Debian: apt-get install dislocker cryptsetup-bin ntfs-3g xz-utils)`;
  }
  return undefined;
}

/** The extracted images: their folder, the parsed conf, and a cleanup. */
export interface ExtractedImages {
  dir: string;
  images: BitlkImage[];
  path(name: string): string;
  image(name: string): BitlkImage;
  remove(): Promise<void>;
}

/** Extracts the tarball (sparse files: ~1 MiB on disk) into a new temporary directory. */
export async function extractImages(): Promise<ExtractedImages> {
  const root = await mkdtemp(join(tmpdir(), 'waie-bitlk-'));
  const r = spawnSync('tar', ['-xJf', BITLK_TARBALL, '-C', root], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tar failed: ${r.stderr}`);
  const dir = join(root, 'bitlk-images');
  const images = parseImagesConf(readFileSync(BITLK_CONF, 'utf8'));
  return {
    dir,
    images,
    path: (name) => join(dir, name.endsWith('.img') ? name : `${name}.img`),
    image: (name) => {
      const i = images.find((x) => x.name === name);
      if (!i) throw new Error(`no image ${name} in images.conf`);
      return i;
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}

/** Mount targets and sources in /proc/mounts under `prefix` (to check nothing stays mounted). */
export function mountsUnder(prefix: string): string[] {
  let text = '';
  try {
    text = readFileSync('/proc/mounts', 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .map((l) => l.split(' '))
    .filter((f) => f.length > 2 && (f[0]!.startsWith(prefix) || f[1]!.startsWith(prefix)))
    .map((f) => `${f[0]} on ${f[1]}`);
}

/** A session made without BitLocker, for testing lock and "already unlocked" with real mounts. */
export interface FakeSession {
  session: LinuxUnlockSession;
  /** The directory bind-mounted on `fuse/`, holding `dislocker-file` (survives the unmount). */
  store: string;
}

/**
 * Builds what a successful unlock leaves behind, from a plain NTFS image instead of BitLocker: the work
 * directory under `sessionRoot`, `fuse/` a real mount (a bind mount of `store`, standing in for dislocker's
 * FUSE mount) holding `dislocker-file` (a copy of `ntfsImage`), the file mounted read-write by ntfs-3g on
 * `mountPoint` (created), and session.json naming `device`. Throws when a mount fails.
 */
export async function createFakeSession(sessionRoot: string, ntfsImage: string, mountPoint: string, device: string): Promise<FakeSession> {
  await mkdir(sessionRoot, { recursive: true });
  const workDir = await mkdtemp(join(sessionRoot, 'bitlocker-'));
  const fuseDir = join(workDir, 'fuse');
  await mkdir(fuseDir);
  const store = await mkdtemp(join(tmpdir(), 'waie-fake-store-'));
  await copyFile(ntfsImage, join(store, 'dislocker-file'));
  const bind = spawnSync('mount', ['--bind', store, fuseDir], { encoding: 'utf8' });
  if (bind.status !== 0) throw new Error(`mount --bind failed: ${bind.stderr}`);
  await mkdir(mountPoint, { recursive: true });
  const ntfs = spawnSync('ntfs-3g', ['-o', 'rw', join(fuseDir, 'dislocker-file'), mountPoint], { encoding: 'utf8' });
  if (ntfs.status !== 0) {
    spawnSync('umount', [fuseDir]);
    throw new Error(`ntfs-3g failed: ${ntfs.stderr}`);
  }
  const session: LinuxUnlockSession = { version: 1, workDir, device, fuseDir, mountPoint, createdMountPoint: true, readOnly: false, createdAt: new Date().toISOString() };
  await writeFile(join(workDir, 'session.json'), JSON.stringify(session));
  return { session, store };
}

/** Makes a plain NTFS image of `mib` MiB with mkntfs (label `WAIETEST`). */
export function makeNtfsImage(path: string, mib = 16): void {
  const t = spawnSync('truncate', ['-s', `${mib}M`, path]);
  if (t.status !== 0) throw new Error('truncate failed');
  const r = spawnSync('mkntfs', ['-F', '-f', '-q', '-L', 'WAIETEST', path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mkntfs failed: ${r.stderr}`);
}
