/**
 * Generator of sample damaged export drives, against a running Blob service (Azurite in the tests
 * and in `npm run demo`).
 *
 * It does what the Import/Export service does for an export job (formats.md §2, §3; seeds
 * `001_…`/`003_…`), then damages the result the way real drives come back:
 * 1. uploads the profile's blobs (Put Block + Put Block List with explicit IDs, Put Blob, page
 *    blobs with sparse Put Page ranges, snapshots with the base changed afterwards, properties,
 *    metadata);
 * 2. "exports" them: each blob's (or snapshot's) bytes at its FilePath, a `.properties` file next to
 *    it, a `.metadata` file when it has metadata, the drive manifest (MD5 of each committed block /
 *    each page range with data, MD5 of each sidecar file) in the job folder and on the drive root as
 *    `<DriveId>.manifest`;
 * 3. copies that intact drive to `pristineDir` (the target of a correct repair, byte for byte);
 * 4. damages `driveDir` and writes the error copy log (classic `DriveLog`, only failed items).
 *
 * Layout under `root`: `drive/` (damaged drive), `pristine/`, `waies/<job>_<driveid>_<ts>_error.xml`
 * (copy log) and `waies/<job>_<driveid>_<ts>_manifest.xml` (manifest backup), as named in
 * formats.md §6.
 */
import { createHash } from 'node:crypto';
import { copyFile, cp, mkdir, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  BlobServiceClient,
  StorageSharedKeyCredential,
  type BlobGetPropertiesResponse,
  type BlobHTTPHeaders,
  type BlockBlobClient,
  type ContainerClient,
  type PageBlobClient,
} from '@azure/storage-blob';
import type { CopyLogBlob, HashedPath, LogRange, ManifestBlob, ManifestRange, SidecarStatus } from '../../src-shared/formats/types.ts';
import { formatMetadataFile, formatPropertiesFile } from '../engine/formats/sidecar.ts';
import { createManifestWriter } from '../engine/formats/manifest-writer.ts';
import { createDriveLogWriter } from '../engine/formats/drive-log-writer.ts';
import { propertiesFileFromBlob } from '../engine/storage/blob-properties.ts';
import { Prng } from './prng.ts';
import { SAMPLE_PROFILES, TEXT_WORDS, type SampleBlobSpec, type SampleDamageSpec, type SampleProfile } from './sample-profiles.ts';

export { compareDirs, compareDirsDetailed, type DirDifference } from './compare-dirs.ts';

/** Largest block or page range a manifest describes (manifest format: "a range is at most 4 MiB"). */
export const MAX_MANIFEST_RANGE = 4 * 1024 * 1024;

/** `ClientCreator` of service-written manifests (seed `001_…` sample). */
export const SERVICE_CLIENT_CREATOR = 'Windows Azure Import/Export service';

/** Where and how to build a sample job. */
export interface SampleJobOptions {
  /** Blob service endpoint including the account for Azurite: `http://127.0.0.1:<port>/devstoreaccount1`. */
  endpoint: string;
  accountName: string;
  /** Shared key of the account (base64). */
  accountKey: string;
  /** Output folder; must not exist yet or be empty. */
  root: string;
  /** Which sample (default `demo`). */
  profile?: 'demo' | 'alternate';
  /** Seed of the pseudo-random data (default: the profile's own). Same seed → same bytes and damage. */
  seed?: number;
}

/** Kinds of damage a sample drive carries. */
export type SampleDamageKind =
  | 'failed-block'
  | 'failed-page-range'
  | 'silent-corruption'
  | 'missing-file'
  | 'truncated-file'
  | 'failed-properties'
  | 'failed-metadata'
  | 'whole-blob-failed';

/** One damaged file of the drive. */
export interface SampleDamage {
  /**
   * Drive path of the file that differs from the pristine drive, Windows style with a leading
   * backslash as in the copy log (`\exportjob\notes\readme.txt.properties`). Several entries may
   * name the same file.
   */
  filePath: string;
  kind: SampleDamageKind;
  /** What was done and what reveals it (copy log or manifest only), in plain English. */
  note: string;
  /** For `failed-block`, `failed-page-range`, `silent-corruption`: the manifest range that was damaged (bytes). */
  range?: { offset: number; length: number };
}

/** One exported blob of the sample (what the manifest lists). */
export interface SampleBlob {
  /** Blob name inside the container. */
  blobName: string;
  /** `container/blob`, as in the manifest and copy log. */
  blobPath: string;
  /** Drive path, Windows style (`\container\dir\file`). */
  filePath: string;
  /** Snapshot time the blob was exported from, when it was a snapshot. */
  snapshot?: string;
  /** Bytes. */
  length: number;
  blobType: 'block' | 'page';
}

/** A built sample job: the damaged drive, the expected result, and the files a repair gets. */
export interface SampleJob {
  profile: 'demo' | 'alternate';
  seed: number;
  driveId: string;
  /** Container that holds the job's blobs (the profile's name, or with a `-2`… suffix when taken). */
  container: string;
  /** The export drive (the `/d` target), damaged. */
  driveDir: string;
  /** What the drive must look like after a correct repair (byte-identical comparison target). */
  pristineDir: string;
  /** Error copy log naming the failed blocks/ranges/properties (classic `DriveLog`). */
  copyLogFile: string;
  /** The drive manifest (an identical copy is on the drive root as `<DriveId>.manifest`). */
  manifestFile: string;
  damage: SampleDamage[];
  /** The exported blobs in manifest order. */
  blobs: SampleBlob[];
}

/** Everything about one exported blob that the manifest, the copy log and the damage need. */
interface ExportedItem {
  spec: SampleBlobSpec;
  blobPath: string;
  filePath: string;
  snapshot?: string;
  length: number;
  lastModified: Date;
  rangeKind: 'block' | 'page';
  ranges: ManifestRange[];
  propertiesPath: HashedPath;
  metadataPath?: HashedPath;
}

const md5Hex = (b: Uint8Array): string => createHash('md5').update(b).digest('hex').toUpperCase();

/** Characters NTFS does not allow in a name (plus `\`, which is the separator on the drive). */
const NTFS_FORBIDDEN = /[<>:"|?*\\\u0000-\u001f]/g;
const NTFS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

/**
 * The drive path the export writes a blob to: `\` + BlobPath with `/` → `\` (formats.md §2: "For
 * export, FilePath follows BlobPath where NTFS allows, otherwise it differs"). The service's own
 * substitution is not documented; this generator replaces each character NTFS forbids
 * (`< > : " | ? *`, control characters) with `_`, a trailing dot or space with `_`, an empty
 * segment with `_`, and prefixes reserved device names (`CON`, `NUL`, `COM1`…) with `_`.
 *
 * @param container container name (first directory on the drive)
 * @param blobName blob name inside the container, `/`-separated
 */
export function exportFilePath(container: string, blobName: string): string {
  const segs = [container, ...blobName.split('/')].map((s) => {
    let t = s.replace(NTFS_FORBIDDEN, '_').replace(/[. ]$/, '_');
    if (t === '') t = '_';
    if (NTFS_RESERVED.test(t)) t = `_${t}`;
    return t;
  });
  return `\\${segs.join('\\')}`;
}

/** Local path of a Windows-style drive path under `root`. */
export function localPathOf(root: string, drivePath: string): string {
  return join(root, ...drivePath.split('\\').filter((s) => s !== ''));
}

/** Block ID number `i` in the profile's style (IDs of one blob all have the same length, as Azure requires). */
function blockId(style: SampleProfile['blockIdStyle'], i: number): string {
  if (style === 'counter') {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(i);
    return b.toString('base64');
  }
  return Buffer.from(`block-${String(i).padStart(6, '0')}`).toString('base64');
}

const MAGIC: Record<string, Buffer> = {
  jpg: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]),
  pdf: Buffer.from('%PDF-1.7\n'),
  zip: Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  mp4: Buffer.from([0x00, 0x00, 0x00, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32]),
  mov: Buffer.from([0x00, 0x00, 0x00, 0x14, 0x66, 0x74, 0x79, 0x70, 0x71, 0x74, 0x20, 0x20]),
  tiff: Buffer.from([0x49, 0x49, 0x2a, 0x00]),
};

/** The initial bytes of a blob (page blobs: full size, zero outside the written pages). */
function initialContent(spec: SampleBlobSpec, prng: Prng): Buffer {
  if (spec.type === 'page') {
    const size = spec.size ?? 0;
    const buf = Buffer.alloc(size);
    for (const [off, len] of spec.pages ?? []) prng.bytes(len).copy(buf, off);
    return buf;
  }
  const total = (spec.blocks ?? []).reduce((a, b) => a + b, 0);
  if (spec.content === 'text') return prng.text(total, TEXT_WORDS);
  const buf = prng.bytes(total);
  const magic = MAGIC[spec.name.split('.').pop()?.toLowerCase() ?? ''];
  if (magic && buf.length >= magic.length) magic.copy(buf, 0);
  return buf;
}

function httpHeaders(spec: SampleBlobSpec, data: Buffer | undefined): BlobHTTPHeaders {
  const h = spec.headers ?? {};
  return {
    blobContentType: h.contentType,
    blobCacheControl: h.cacheControl,
    blobContentLanguage: h.contentLanguage,
    blobContentEncoding: h.contentEncoding,
    blobContentMD5: h.md5 && data ? createHash('md5').update(data).digest() : undefined,
  };
}

/** Uploads one blob, takes its snapshots (changing the base after each); returns the snapshot times. */
async function uploadBlob(container: ContainerClient, spec: SampleBlobSpec, profile: SampleProfile, prng: Prng): Promise<string[]> {
  const data = initialContent(spec, prng);
  const metadata = spec.metadata;
  if (spec.type === 'page') {
    const pb = container.getPageBlobClient(spec.name);
    await pb.create(data.length, { blobHTTPHeaders: httpHeaders(spec, data), metadata });
    for (const [off, len] of spec.pages ?? []) await pb.uploadPages(data.subarray(off, off + len), off, len);
    // Set the properties after the pages so Content-MD5 is certainly the one of the final bytes.
    await pb.setHTTPHeaders(httpHeaders(spec, data));
  } else {
    const bb = container.getBlockBlobClient(spec.name);
    if (spec.upload === 'put') {
      await bb.upload(data, data.length, { blobHTTPHeaders: httpHeaders(spec, data), metadata });
    } else {
      const ids: string[] = [];
      let off = 0;
      for (const [i, size] of (spec.blocks ?? []).entries()) {
        const id = blockId(profile.blockIdStyle, i);
        await bb.stageBlock(id, data.subarray(off, off + size), size);
        ids.push(id);
        off += size;
      }
      await bb.commitBlockList(ids, { blobHTTPHeaders: httpHeaders(spec, data), metadata });
    }
  }

  const snapshots: string[] = [];
  const count = spec.snapshots?.count ?? 0;
  for (let k = 0; k < count; k++) {
    const snap = await container.getBlobClient(spec.name).createSnapshot();
    if (!snap.snapshot) throw new Error(`No snapshot time returned for ${spec.name}`);
    snapshots.push(snap.snapshot);
    await changeBase(container, spec, profile, prng, k);
  }
  return snapshots;
}

/**
 * Changes the base blob after snapshot `k`: other data (one block/page rewritten, one added),
 * other metadata (`revision`) and other properties (Cache-Control, no Content-MD5), so that only
 * the exported snapshot matches the drive and its sidecar files.
 */
async function changeBase(container: ContainerClient, spec: SampleBlobSpec, profile: SampleProfile, prng: Prng, k: number): Promise<void> {
  const revision = String(k + 2);
  const headers: BlobHTTPHeaders = { ...httpHeaders(spec, undefined), blobCacheControl: `no-cache, revision ${revision}` };
  const metadata = { ...(spec.metadata ?? {}), revision };
  if (spec.type === 'page') {
    const pb: PageBlobClient = container.getPageBlobClient(spec.name);
    const size = spec.size ?? 0;
    const first = spec.pages?.[0];
    if (first) await pb.uploadPages(prng.bytes(512), first[0], 512);
    const extra = Math.floor(size / 2 / 512) * 512 + (k + 1) * 4096;
    if (extra + 512 <= size) await pb.uploadPages(prng.bytes(512), extra, 512);
    await pb.setHTTPHeaders(headers);
    await pb.setMetadata(metadata);
    return;
  }
  const bb: BlockBlobClient = container.getBlockBlobClient(spec.name);
  if (spec.upload === 'put') {
    const size = (spec.blocks ?? []).reduce((a, b) => a + b, 0) + 1000;
    await bb.upload(prng.bytes(size), size, { blobHTTPHeaders: headers, metadata });
    return;
  }
  const committed = (await bb.getBlockList('committed')).committedBlocks ?? [];
  const ids = committed.map((b) => b.name ?? '');
  const target = committed[k % Math.max(1, committed.length)];
  if (target?.name) await bb.stageBlock(target.name, prng.bytes(target.size ?? 0), target.size ?? 0);
  const added = blockId(profile.blockIdStyle, 1000 + k);
  const addedSize = 1000 + 777 * k;
  await bb.stageBlock(added, prng.bytes(addedSize), addedSize);
  await bb.commitBlockList([...ids, added], { blobHTTPHeaders: headers, metadata });
}

/** Page ranges with data, merged when adjacent and cut into pieces of at most 4 MiB (manifest rules). */
async function pageRangesOf(pb: PageBlobClient): Promise<Array<[number, number]>> {
  const raw: Array<[number, number]> = [];
  for await (const r of pb.listPageRanges()) {
    if (!r.isClear) raw.push([r.start, r.end + 1]);
  }
  raw.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of raw) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const out: Array<[number, number]> = [];
  for (const [s, e] of merged) {
    for (let o = s; o < e; o += MAX_MANIFEST_RANGE) out.push([o, Math.min(MAX_MANIFEST_RANGE, e - o)]);
  }
  return out;
}

async function writeBytes(path: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, data);
}

/** Exports one blob (or its snapshot) to the drive as the service would, returning its manifest facts. */
async function exportBlob(
  container: ContainerClient,
  spec: SampleBlobSpec,
  snapshot: string | undefined,
  profile: SampleProfile,
  driveDir: string,
  filePath: string,
): Promise<ExportedItem> {
  const base = spec.type === 'page' ? container.getPageBlobClient(spec.name) : container.getBlockBlobClient(spec.name);
  const src = snapshot ? base.withSnapshot(snapshot) : base;
  const props: BlobGetPropertiesResponse = await src.getProperties();
  const length = props.contentLength ?? 0;
  const data = length > 0 ? await src.downloadToBuffer(0, length) : Buffer.alloc(0);
  if (data.length !== length) throw new Error(`Downloaded ${data.length} bytes of ${spec.name}, expected ${length}`);

  let spans: Array<[number, number, string?]>;
  if (spec.type === 'page') {
    spans = await pageRangesOf(src as PageBlobClient);
  } else {
    const list = await (src as BlockBlobClient).getBlockList('committed');
    const blocks = list.committedBlocks ?? [];
    spans = [];
    let off = 0;
    for (const b of blocks) {
      const size = b.size ?? 0;
      if (size > MAX_MANIFEST_RANGE) throw new Error(`Block of ${spec.name} is ${size} bytes, over the manifest's 4 MiB`);
      spans.push([off, size, b.name]);
      off += size;
    }
    if (blocks.length === 0) {
      // Put Blob: no committed block list; the service describes the file in ranges of its own, without Id.
      for (let o = 0; o < length; o += profile.putChunk) spans.push([o, Math.min(profile.putChunk, length - o)]);
    } else if (off !== length) {
      throw new Error(`Block list of ${spec.name} covers ${off} bytes, blob has ${length}`);
    }
  }
  const ranges: ManifestRange[] = spans.map(([offset, len, id]) => ({
    offset,
    length: len,
    ...(id !== undefined ? { id } : {}),
    hash: md5Hex(data.subarray(offset, offset + len)),
  }));

  await writeBytes(localPathOf(driveDir, filePath), data);
  const propsText = Buffer.from(formatPropertiesFile(propertiesFileFromBlob(props)), 'utf8');
  const propertiesPath: HashedPath = { path: `${filePath}.properties`, hash: md5Hex(propsText) };
  await writeBytes(localPathOf(driveDir, propertiesPath.path), propsText);
  let metadataPath: HashedPath | undefined;
  const md = props.metadata ?? {};
  if (Object.keys(md).length > 0) {
    const mdText = Buffer.from(formatMetadataFile(md), 'utf8');
    metadataPath = { path: `${filePath}.metadata`, hash: md5Hex(mdText) };
    await writeBytes(localPathOf(driveDir, metadataPath.path), mdText);
  }
  if (!props.lastModified) throw new Error(`No Last-Modified for ${spec.name}`);
  return {
    spec,
    blobPath: `${container.containerName}/${spec.name}`,
    filePath,
    ...(snapshot ? { snapshot } : {}),
    length,
    lastModified: props.lastModified,
    rangeKind: spec.type,
    ranges,
    propertiesPath,
    ...(metadataPath ? { metadataPath } : {}),
  };
}

/** Copy-log facts collected for one blob while damaging the drive. */
interface LogEntry {
  status?: string;
  ranges: LogRange[];
  properties?: SidecarStatus;
  metadata?: SidecarStatus;
}

const describeRange = (item: ExportedItem, i: number, r: ManifestRange): string =>
  `${item.rangeKind === 'page' ? 'page range' : 'block'} ${i} of ${item.ranges.length} (${r.id ? `Id ${r.id}, ` : ''}offset ${r.offset}, ${r.length} bytes)`;

/** Overwrites part of a file in place. */
async function overwrite(path: string, offset: number, bytes: Buffer): Promise<void> {
  const buf = await readFile(path);
  bytes.copy(buf, offset);
  await writeFile(path, buf);
}

/** Applies one damage to the drive; returns the damage records and adds copy-log facts to `log`. */
async function applyDamage(
  d: SampleDamageSpec,
  item: ExportedItem,
  driveDir: string,
  prng: Prng,
  log: LogEntry,
): Promise<SampleDamage[]> {
  const dataPath = localPathOf(driveDir, item.filePath);
  const rangeAt = (i: number): ManifestRange => {
    const r = item.ranges[i];
    if (!r) throw new Error(`Sample profile: ${item.spec.name} has no range ${i}`);
    return r;
  };
  switch (d.kind) {
    case 'failed-block':
    case 'failed-page-range': {
      const r = rangeAt(d.range);
      const half = Math.floor(r.length / 2);
      const bytes =
        d.fill === 'zero' ? Buffer.alloc(r.length) : d.fill === 'garbage' ? prng.bytes(r.length) : Buffer.alloc(r.length - half);
      await overwrite(dataPath, d.fill === 'half' ? r.offset + half : r.offset, bytes);
      log.ranges.push({
        offset: r.offset,
        length: r.length,
        ...(r.id !== undefined ? { id: r.id } : {}),
        ...(d.status === 'Corrupted' ? { hash: r.hash } : {}),
        status: d.status,
      });
      const how = { zero: 'bytes zeroed', garbage: 'bytes replaced by garbage', half: 'second half zeroed' }[d.fill];
      return [
        {
          filePath: item.filePath,
          kind: d.kind,
          note: `${describeRange(item, d.range, r)}: copy log Status="${d.status}"; ${how} on the drive.`,
          range: { offset: r.offset, length: r.length },
        },
      ];
    }
    case 'silent-corruption': {
      const r = rangeAt(d.range);
      const buf = await readFile(dataPath);
      const seen = new Set<number>();
      while (seen.size < Math.min(d.flips, r.length)) seen.add(r.offset + prng.int(0, r.length - 1));
      for (const pos of seen) buf[pos] = (buf[pos] ?? 0) ^ prng.int(1, 255);
      await writeFile(dataPath, buf);
      return [
        {
          filePath: item.filePath,
          kind: d.kind,
          note: `${seen.size} byte(s) flipped in ${describeRange(item, d.range, r)}; the copy log says nothing, only the manifest's MD5 reveals it.`,
          range: { offset: r.offset, length: r.length },
        },
      ];
    }
    case 'missing-file':
      await rm(dataPath);
      return [{ filePath: item.filePath, kind: d.kind, note: 'Data file absent from the drive; not in the copy log, only the manifest lists it.' }];
    case 'truncated-file':
      if (d.keep >= item.length) throw new Error(`Sample profile: cannot truncate ${item.spec.name} to ${d.keep} bytes`);
      await truncate(dataPath, d.keep);
      return [{ filePath: item.filePath, kind: d.kind, note: `File cut to ${d.keep} of ${item.length} bytes; not in the copy log, only the manifest reveals it.` }];
    case 'failed-properties':
    case 'failed-metadata': {
      const hp = d.kind === 'failed-properties' ? item.propertiesPath : item.metadataPath;
      if (!hp) throw new Error(`Sample profile: ${item.spec.name} has no metadata file`);
      const p = localPathOf(driveDir, hp.path);
      if (d.how === 'deleted') await rm(p);
      else {
        const buf = await readFile(p);
        await writeFile(p, Buffer.concat([buf.subarray(0, Math.floor(buf.length / 2)), Buffer.from('\u0000\u0000\u0000<<garbled'), prng.bytes(7)]));
      }
      const status: SidecarStatus = { status: d.status, path: { path: hp.path, ...(d.status === 'Corrupted' ? { hash: hp.hash } : {}) } };
      if (d.kind === 'failed-properties') log.properties = status;
      else log.metadata = status;
      const what = d.kind === 'failed-properties' ? 'Properties' : 'Metadata';
      return [{ filePath: hp.path, kind: d.kind, note: `${what} file ${d.how}; copy log <${what} Status="${d.status}">.` }];
    }
    case 'whole-blob-failed': {
      if (item.ranges.length === 0) throw new Error(`Sample profile: ${item.spec.name} has no ranges to fail`);
      log.status = d.blobStatus;
      item.ranges.forEach((r, i) =>
        log.ranges.push({ offset: r.offset, length: r.length, ...(r.id !== undefined ? { id: r.id } : {}), status: i === 0 ? d.firstStatus : 'Cancelled' }),
      );
      if (d.file === 'missing') await rm(dataPath);
      else await writeFile(dataPath, Buffer.alloc(item.length));
      return [
        {
          filePath: item.filePath,
          kind: d.kind,
          note: `Copy log blob Status="${d.blobStatus}": first ${item.rangeKind === 'page' ? 'page range' : 'block'} "${d.firstStatus}", the other ${item.ranges.length - 1} "Cancelled"; data file ${d.file === 'missing' ? 'absent' : 'all zero'} on the drive.`,
        },
      ];
    }
  }
}

async function ensureEmptyRoot(root: string): Promise<void> {
  let entries: string[] = [];
  try {
    entries = await readdir(root);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (entries.length > 0) throw new Error(`Sample job root ${root} is not empty`);
  await mkdir(root, { recursive: true });
}

async function createUniqueContainer(svc: BlobServiceClient, name: string): Promise<ContainerClient> {
  for (let i = 1; i < 100; i++) {
    const c = svc.getContainerClient(i === 1 ? name : `${name}-${i}`);
    const r = await c.createIfNotExists();
    if (r.succeeded) return c;
  }
  throw new Error(`No free container name like ${name} in the account`);
}

/**
 * Builds a sample damaged export drive (see the module comment for what and how).
 *
 * Deterministic given `seed` and `profile`: blob names, sizes, bytes and damage are the same every
 * time; what the service returns (ETags, Last-Modified, snapshot times) and so the `.properties`
 * files and manifest hashes differ between builds, and the container gets a `-2`… suffix when the
 * account already has one of that name.
 *
 * @throws when `root` is not empty, the account is unreachable or refuses the requests, or a
 *   profile names a range/file a blob does not have (a bug in the profile).
 */
export async function buildSampleExportJob(o: SampleJobOptions): Promise<SampleJob> {
  const profileName = o.profile ?? 'demo';
  const profile = SAMPLE_PROFILES[profileName];
  const seed = o.seed ?? profile.defaultSeed;
  await ensureEmptyRoot(o.root);
  const driveDir = join(o.root, 'drive');
  const pristineDir = join(o.root, 'pristine');
  const jobDir = join(o.root, 'waies');
  await Promise.all([mkdir(driveDir), mkdir(jobDir)]);
  const stem = `${profile.jobName}_${profile.driveId}_${profile.logTimestamp}`;
  const copyLogFile = join(jobDir, `${stem}_error.xml`);
  const manifestFile = join(jobDir, `${stem}_manifest.xml`);

  const svc = new BlobServiceClient(o.endpoint, new StorageSharedKeyCredential(o.accountName, o.accountKey));
  const container = await createUniqueContainer(svc, profile.container);
  const dataPrng = new Prng(seed);
  const damagePrng = new Prng(seed ^ 0x5eed);

  // 1. The storage account as the customer had it.
  const exportedSnapshot = new Map<string, string | undefined>();
  for (const spec of profile.blobs) {
    const snaps = await uploadBlob(container, spec, profile, dataPrng);
    exportedSnapshot.set(spec.name, spec.snapshots ? snaps[spec.snapshots.exported] : undefined);
  }

  // 2. The export, in blob-name order (UTF-8 byte order, as the service lists blobs).
  const order = [...profile.blobs].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  const usedPaths = new Set<string>();
  const items: ExportedItem[] = [];
  for (const spec of order) {
    let filePath = exportFilePath(container.containerName, spec.name);
    for (let n = 1; usedPaths.has(filePath.toLowerCase()); n++) filePath = `${exportFilePath(container.containerName, spec.name)}~${n}`;
    usedPaths.add(filePath.toLowerCase());
    items.push(await exportBlob(container, spec, exportedSnapshot.get(spec.name), profile, driveDir, filePath));
  }
  const manifest = await createManifestWriter(manifestFile, {
    version: profile.manifestVersion,
    driveId: profile.driveId,
    clientCreator: SERVICE_CLIENT_CREATOR,
  });
  for (const it of items) {
    const mb: ManifestBlob = {
      blobPath: it.blobPath,
      filePath: it.filePath,
      ...(it.snapshot ? { snapshot: it.snapshot } : {}),
      length: it.length,
      rangeKind: it.rangeKind,
      ranges: it.ranges,
      ...(it.metadataPath ? { metadataPath: it.metadataPath } : {}),
      propertiesPath: it.propertiesPath,
      line: 0,
    };
    await manifest.writeBlob(mb);
  }
  await manifest.end();
  await copyFile(manifestFile, join(driveDir, `${profile.driveId}.manifest`));

  // 3. The intact drive is what a correct repair must produce.
  await cp(driveDir, pristineDir, { recursive: true });

  // 4. Damage, and the error copy log that reports part of it.
  const byName = new Map(items.map((it) => [it.spec.name, it]));
  const logs = new Map<string, LogEntry>();
  const damage: SampleDamage[] = [];
  for (const d of profile.damage) {
    const item = byName.get(d.blob);
    if (!item) throw new Error(`Sample profile names unknown blob ${d.blob}`);
    const entry = logs.get(d.blob) ?? { ranges: [] };
    damage.push(...(await applyDamage(d, item, driveDir, damagePrng, entry)));
    const inLog = entry.status !== undefined || entry.ranges.length > 0 || entry.properties !== undefined || entry.metadata !== undefined;
    if (inLog) logs.set(d.blob, entry);
  }
  const copyLog = await createDriveLogWriter(copyLogFile, {
    ...(profile.copyLogVersion !== undefined ? { version: profile.copyLogVersion } : {}),
    driveId: profile.driveId,
  });
  for (const it of items) {
    const e = logs.get(it.spec.name);
    if (!e) continue;
    const ranges = [...e.ranges].sort((a, b) => a.offset - b.offset);
    const cb: CopyLogBlob = {
      kind: 'blob',
      status: e.status ?? 'CompletedWithErrors',
      blobPath: it.blobPath,
      filePath: it.filePath,
      ...(it.snapshot ? { snapshot: it.snapshot } : {}),
      length: it.length,
      lastModified: it.lastModified.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      rangeKind: it.rangeKind,
      hasRangeList: true,
      ranges,
      ...(e.metadata ? { metadata: e.metadata } : {}),
      ...(e.properties ? { properties: e.properties } : {}),
      line: 0,
    };
    await copyLog.writeBlob(cb);
  }
  await copyLog.end('CompletedWithErrors');

  return {
    profile: profileName,
    seed,
    driveId: profile.driveId,
    container: container.containerName,
    driveDir,
    pristineDir,
    copyLogFile,
    manifestFile,
    damage,
    blobs: items.map((it) => ({
      blobName: it.spec.name,
      blobPath: it.blobPath,
      filePath: it.filePath,
      ...(it.snapshot ? { snapshot: it.snapshot } : {}),
      length: it.length,
      blobType: it.rangeKind,
    })),
  };
}
