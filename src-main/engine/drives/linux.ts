/**
 * Drive discovery on Linux: `lsblk -J -b -o NAME,PATH,SIZE,FSTYPE,LABEL,MOUNTPOINT,SERIAL,TRAN,TYPE,PKNAME`
 * (util-linux), plus `blkid -p` for volumes whose file system lsblk does not know (udev not running, as in
 * containers). A BitLocker volume shows FSTYPE `BitLocker` (libblkid's name) and is listed whether locked
 * or not. Unlocked means: opened by `waie Unlock` (its session names the device, see
 * ../bitlocker/linux-sessions.ts) or by cryptsetup (a `crypt` child in lsblk's tree).
 */
import { WaieError } from '../../../src-shared/errors.ts';
import { listUnlockSessions, type LinuxUnlockSessionState } from '../bitlocker/linux-sessions.ts';
import { COMMAND_NOT_FOUND, type CommandRunner } from './command-runner.ts';
import { cleanSerial, type BitLockerState, type DriveVolume } from './types.ts';

/** The lsblk columns read (the list). */
export const LSBLK_ARGS: readonly string[] = ['-J', '-b', '-o', 'NAME,PATH,SIZE,FSTYPE,LABEL,MOUNTPOINT,SERIAL,TRAN,TYPE,PKNAME'];

/** One device of lsblk's JSON (`-J`); older util-linux writes numbers as strings. */
interface LsblkNode {
  name?: string;
  path?: string | null;
  size?: number | string | null;
  fstype?: string | null;
  label?: string | null;
  mountpoint?: string | null;
  serial?: string | null;
  tran?: string | null;
  type?: string | null;
  pkname?: string | null;
  children?: LsblkNode[];
}

interface FlatNode extends LsblkNode {
  parent?: FlatNode;
  kids: FlatNode[];
}

const BUS_NAMES: Readonly<Record<string, string>> = {
  usb: 'USB',
  sata: 'SATA',
  ata: 'ATA',
  nvme: 'NVMe',
  sas: 'SAS',
  scsi: 'SCSI',
  iscsi: 'iSCSI',
  fc: 'Fibre Channel',
  mmc: 'MMC',
  virtio: 'Virtio',
  spi: 'SPI',
};

/** lsblk's TRAN as Windows writes bus types (`usb` → `USB`, `nvme` → `NVMe`); undefined when empty. */
export function busName(tran: string | null | undefined): string | undefined {
  if (!tran) return undefined;
  return BUS_NAMES[tran.toLowerCase()] ?? tran.toUpperCase();
}

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function bytes(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}

function flatten(nodes: readonly LsblkNode[], parent: FlatNode | undefined, out: FlatNode[]): void {
  for (const n of nodes) {
    const f: FlatNode = { ...n, parent, kids: [] };
    parent?.kids.push(f);
    out.push(f);
    if (Array.isArray(n.children)) flatten(n.children, f, out);
  }
}

const VOLUME_TYPES = new Set(['part', 'disk', 'loop', 'crypt', 'lvm', 'md', 'raid0', 'raid1', 'raid5', 'raid6', 'raid10', 'mpath', 'dm', 'rom']);

/**
 * Turns lsblk's JSON into volumes: every partition, and every disk or loop device without partitions; a
 * `crypt` child of a BitLocker volume is folded into it (its mount point, state `unlocked`). Serial number
 * (white space removed) and bus come from the disk the volume is on (lsblk's tree, or PKNAME in a flat
 * listing). `sessions` are the volumes `waie Unlock` opened (state `unlocked`, their mount point).
 * `probed` maps a device path to the file system type `blkid -p` found, for volumes lsblk gave none.
 * @throws WaieError `DRIVES_UNAVAILABLE` when `json` is not lsblk's JSON.
 */
export function parseLsblk(json: string, sessions: readonly Pick<LinuxUnlockSessionState, 'device' | 'mountPoint' | 'fuseMounted' | 'filesMounted'>[] = [], probed: ReadonlyMap<string, string> = new Map()): DriveVolume[] {
  let doc: { blockdevices?: LsblkNode[] };
  try {
    doc = JSON.parse(json) as { blockdevices?: LsblkNode[] };
  } catch {
    throw new WaieError({ code: 'DRIVES_UNAVAILABLE', title: 'The list of drives cannot be read', detail: 'lsblk printed something that is not JSON. Run "lsblk -J" to see what it says; util-linux 2.33 or newer is needed.' });
  }
  if (!doc || !Array.isArray(doc.blockdevices)) {
    throw new WaieError({ code: 'DRIVES_UNAVAILABLE', title: 'The list of drives cannot be read', detail: 'lsblk\'s JSON has no "blockdevices". util-linux 2.33 or newer is needed.' });
  }
  const all: FlatNode[] = [];
  flatten(doc.blockdevices, undefined, all);
  const byName = new Map(all.filter((n) => n.name).map((n) => [n.name!, n]));
  const diskOf = (n: FlatNode): FlatNode => {
    let cur: FlatNode = n;
    for (let i = 0; i < 16; i++) {
      const up = cur.parent ?? (cur.pkname ? byName.get(cur.pkname) : undefined);
      if (!up || up === cur) break;
      cur = up;
    }
    return cur;
  };
  const volumes: DriveVolume[] = [];
  for (const n of all) {
    const type = (n.type ?? '').toLowerCase();
    if (!VOLUME_TYPES.has(type)) continue;
    const path = text(n.path) ?? (n.name ? `/dev/${n.name}` : undefined);
    if (!path) continue;
    const hasPartitions = n.kids.some((k) => k.type === 'part') || all.some((k) => k.pkname === n.name && k.type === 'part');
    if (hasPartitions) continue;
    const parentFs = n.parent ? (text(n.parent.fstype) ?? probed.get(text(n.parent.path) ?? '')) : undefined;
    if (type === 'crypt' && parentFs?.toLowerCase() === 'bitlocker') continue; // folded into its BitLocker parent
    const disk = diskOf(n);
    const fileSystem = text(n.fstype) ?? probed.get(path);
    let bitLocker: BitLockerState;
    let mountPoint = text(n.mountpoint);
    if (fileSystem?.toLowerCase() === 'bitlocker') {
      const crypt = n.kids.find((k) => k.type === 'crypt');
      const session = sessions.find((s) => s.device === path && s.fuseMounted);
      if (crypt) {
        bitLocker = 'unlocked';
        mountPoint = text(crypt.mountpoint) ?? mountPoint;
      } else if (session) {
        bitLocker = 'unlocked';
        if (session.filesMounted) mountPoint = session.mountPoint;
      } else bitLocker = 'locked';
    } else bitLocker = fileSystem ? 'notEncrypted' : 'unknown';
    const v: DriveVolume = { device: path, sizeBytes: bytes(n.size), bitLocker };
    if (mountPoint) v.mountPoint = mountPoint;
    const label = text(n.label);
    if (label) v.label = label;
    if (fileSystem) v.fileSystem = fileSystem;
    const serial = cleanSerial(n.serial) ?? cleanSerial(disk.serial);
    if (serial) v.diskSerial = serial;
    const diskPath = text(disk.path) ?? (disk.name ? `/dev/${disk.name}` : undefined);
    if (diskPath) v.disk = diskPath;
    const bus = busName(text(n.tran) ?? text(disk.tran));
    if (bus) v.busType = bus;
    volumes.push(v);
  }
  return volumes;
}

/** Parses `blkid -p -o export` output into its KEY=value pairs. */
export function parseBlkidExport(out: string): Record<string, string> {
  const r: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) r[m[1]!] = m[2]!;
  }
  return r;
}

/** Options of {@link listLinuxVolumes}. */
export interface LinuxDiscoveryOptions {
  /** The volumes `waie Unlock` opened (default: read from the session root). */
  sessions?: () => Promise<readonly LinuxUnlockSessionState[]>;
  /** Probe volumes without a file system type with `blkid -p` (default true; needs root to read devices). */
  probe?: boolean;
}

/**
 * Lists the volumes through `run` (lsblk, then blkid for volumes lsblk has no type for).
 * @throws WaieError `DRIVES_UNAVAILABLE` when lsblk is missing or fails.
 */
export async function listLinuxVolumes(run: CommandRunner, options: LinuxDiscoveryOptions = {}): Promise<DriveVolume[]> {
  const env = { LC_ALL: 'C' };
  const r = await run('lsblk', LSBLK_ARGS, { env, timeoutMs: 30_000 });
  if (r.code === COMMAND_NOT_FOUND) {
    throw new WaieError({ code: 'DRIVES_UNAVAILABLE', title: 'lsblk is not installed', detail: 'Listing drives needs lsblk from util-linux (Debian: apt-get install util-linux).' });
  }
  if (r.code !== 0) {
    throw new WaieError({ code: 'DRIVES_UNAVAILABLE', title: 'The list of drives cannot be read', detail: `lsblk failed (exit code ${r.code}): ${firstLine(r.stderr)}` });
  }
  const sessions = await (options.sessions ?? (() => listUnlockSessions()))();
  let volumes = parseLsblk(r.stdout, sessions);
  if (options.probe !== false) {
    const probed = new Map<string, string>();
    for (const v of volumes) {
      if (v.fileSystem || v.sizeBytes === 0) continue;
      const b = await run('blkid', ['-p', '-o', 'export', v.device], { env, timeoutMs: 30_000 });
      const type = b.code === 0 ? parseBlkidExport(b.stdout).TYPE : undefined;
      if (type) probed.set(v.device, type);
    }
    if (probed.size) volumes = parseLsblk(r.stdout, sessions, probed);
  }
  return volumes;
}

function firstLine(s: string): string {
  return s.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? 'no message';
}
