/**
 * Volumes `waie` unlocked on Linux (dislocker + ntfs-3g), remembered on disk so that a later process
 * (`waie Lock`, `waie Drives`, `RepairExport /bk` on a volume `waie Unlock` already opened) finds them.
 *
 * Each unlock has a private work directory `<root>/bitlocker-XXXXXX/` (mode 0700) holding `fuse/`
 * (dislocker's FUSE mount, which exposes the decrypted volume as `fuse/dislocker-file`) and
 * `session.json` ({@link LinuxUnlockSession}: paths and flags only — never the key). `<root>` is
 * `/run/waie` (root's runtime directory, emptied at boot like the mounts themselves) or, without `/run`,
 * `<tmpdir>/waie`.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Name prefix of a work directory under the session root. */
export const SESSION_DIR_PREFIX = 'bitlocker-';
/** The session file inside a work directory. */
export const SESSION_FILE = 'session.json';

/** What `session.json` holds. Paths are absolute. */
export interface LinuxUnlockSession {
  version: 1;
  /** The private work directory. */
  workDir: string;
  /** Real path of the BitLocker block device or image file. */
  device: string;
  /** dislocker's FUSE mount point (`<workDir>/fuse`). */
  fuseDir: string;
  /** Where ntfs-3g mounted the volume's files. */
  mountPoint: string;
  /** True when waie created `mountPoint` (it is then removed on lock). */
  createdMountPoint: boolean;
  readOnly: boolean;
  /** ISO time of the unlock. */
  createdAt: string;
}

/** A session with what /proc/mounts says about it now. */
export interface LinuxUnlockSessionState extends LinuxUnlockSession {
  /** dislocker's FUSE mount is present. */
  fuseMounted: boolean;
  /** The ntfs-3g mount at `mountPoint` is present. */
  filesMounted: boolean;
}

/** One line of /proc/mounts. */
export interface MountEntry {
  source: string;
  target: string;
  type: string;
}

/** The session root: `/run/waie` when `/run` exists, else `<tmpdir>/waie`. */
export function defaultSessionRoot(): string {
  return existsSync('/run') ? '/run/waie' : join(tmpdir(), 'waie');
}

/** Parses /proc/mounts text (fields separated by spaces; `\040`-style octal escapes decoded). */
export function parseMounts(text: string): MountEntry[] {
  const unescape = (s: string): string => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
  return text
    .split('\n')
    .map((l) => l.split(' '))
    .filter((f) => f.length >= 3)
    .map((f) => ({ source: unescape(f[0]!), target: unescape(f[1]!), type: f[2]! }));
}

/** The text of /proc/mounts, or empty when it cannot be read (not Linux). */
export async function readProcMounts(): Promise<string> {
  try {
    return await readFile('/proc/mounts', 'utf8');
  } catch {
    return '';
  }
}

function isSession(v: unknown): v is LinuxUnlockSession {
  const s = v as Partial<LinuxUnlockSession> | null;
  return !!s && s.version === 1 && typeof s.workDir === 'string' && typeof s.device === 'string' && typeof s.fuseDir === 'string' && typeof s.mountPoint === 'string';
}

/**
 * Every session under `root` (default {@link defaultSessionRoot}) with its mount state from `mounts`
 * (default: /proc/mounts read now). Unreadable or foreign directories are skipped; never throws.
 */
export async function listUnlockSessions(options: { root?: string; mounts?: string } = {}): Promise<LinuxUnlockSessionState[]> {
  const root = options.root ?? defaultSessionRoot();
  let names: string[];
  try {
    names = (await readdir(root)).filter((n) => n.startsWith(SESSION_DIR_PREFIX)).sort();
  } catch {
    return [];
  }
  const mounts = parseMounts(options.mounts ?? (await readProcMounts()));
  const out: LinuxUnlockSessionState[] = [];
  for (const name of names) {
    try {
      const s: unknown = JSON.parse(await readFile(join(root, name, SESSION_FILE), 'utf8'));
      if (!isSession(s)) continue;
      out.push({
        ...s,
        fuseMounted: mounts.some((m) => m.target === s.fuseDir),
        filesMounted: mounts.some((m) => m.target === s.mountPoint && m.source === join(s.fuseDir, 'dislocker-file')),
      });
    } catch {
      // not a finished session (still being set up, or removed meanwhile)
    }
  }
  return out;
}
