/**
 * Generator of a sample damaged **import** job, against a running Blob service (Azurite in the tests):
 * what the Import/Export service leaves behind when an import went partly wrong, and the original
 * files a RepairImport reads from (formats.md §1.1, §3, §5; Microsoft's "Repairing an import job").
 *
 * 1. Writes the original files under two source directories (`/d:<source1>;<source2>`): `source1`
 *    plays the import drive, `source2` a backup holding some of the same files. Sidecar
 *    `.properties` / `.metadata` files sit next to one data file.
 * 2. "Imports" them: block blobs uploaded with explicit block IDs (Put Block + Put Block List, IDs in
 *    the style of the log samples: base64 of a 4-byte little-endian counter), a sparse page blob with
 *    Put Page, and blobs that existed before the import (for the rename and no-overwrite rules).
 * 3. Damages the account the way a failed import leaves it: blocks committed with garbage under their
 *    own ID, blocks left out of the committed list, a stale uncommitted version of a good block, pages
 *    zeroed or overwritten, a blob deleted, a blob never uploaded (its file was not found on the
 *    drive), properties and metadata never set.
 * 4. Changes one original after the "import" (a RepairImport must refuse it: MD5 mismatch), and puts a
 *    second, different copy of one file under the other source directory (ambiguous: path map).
 * 5. Writes the error copy log (classic `DriveLog`, only failed items) with `ImportDisposition` and
 *    each failed block's or page range's Id and MD5, as the service does for an import.
 *
 * Layout under `root`: `source1/`, `source2/`, `waies/<job>_<driveid>_<ts>_error.xml`, and
 * `unchanged/budget.xlsx` (the changed file as it was imported).
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BlobServiceClient, StorageSharedKeyCredential, type ContainerClient } from '@azure/storage-blob';
import type { CopyLogBlob, LogRange, SidecarStatus } from '../../src-shared/formats/types.ts';
import { createDriveLogWriter } from '../engine/formats/drive-log-writer.ts';
import { formatMetadataFile, formatPropertiesFile } from '../engine/formats/sidecar.ts';
import { Prng } from './prng.ts';
import { localPathOf } from './sample-job.ts';

/** Where to build the sample. */
export interface SampleImportJobOptions {
  /** Blob service endpoint including the account for Azurite: `http://127.0.0.1:<port>/devstoreaccount1`. */
  endpoint: string;
  accountName: string;
  /** Shared key of the account (base64). */
  accountKey: string;
  /** Output folder; must not exist yet or be empty. */
  root: string;
  /** Seed of the pseudo-random data (default 20240607). */
  seed?: number;
  /** Bytes of the large missing blob `docs/archive.zip` (64 KiB blocks; default 2 MiB). Bigger makes a repair take longer. */
  archiveBytes?: number;
}

/**
 * What a correct RepairImport does with a blob:
 * - `repaired`: the blob ends up equal to `original`, byte for byte (block blobs with `blockIds` in order);
 * - `changed`: the original changed since the import: reported (MD5 mismatch), the blob not touched;
 * - `ambiguous`: found under both source directories: listed in the path map; repaired once the map names `original`;
 * - `untouched`: not to be written at all (skipped by no-overwrite, the name a renamed blob had, or not in the log).
 */
export type SampleImportExpectation = 'repaired' | 'changed' | 'ambiguous' | 'untouched';

/** One blob of the sample. */
export interface SampleImportBlob {
  /** `container/blob`, as in the copy log. */
  blobPath: string;
  /** Blob name inside the container. */
  blobName: string;
  /** Drive path of its original (`\photos\animals\koala.jpg`); undefined for blobs that are not from this import. */
  filePath?: string;
  blobType: 'block' | 'page';
  /** Absolute path of the file holding the bytes the blob must have after a correct repair (`repaired`, `ambiguous`; for `changed`: once the path map names it). */
  original?: string;
  /** Block IDs the repaired blob must have, in order (block blobs). */
  blockIds?: string[];
  expect: SampleImportExpectation;
  /** What was done to it, in plain English. */
  note: string;
}

/** A built sample import job. */
export interface SampleImportJob {
  driveId: string;
  container: string;
  /** The `/d` directories: `[source1, source2]`. */
  sourceDirs: string[];
  /** Error copy log of the import (classic `DriveLog`). */
  copyLogFile: string;
  blobs: SampleImportBlob[];
  /** The ambiguous drive path and its two local candidates; `candidates[1]` (in source2) is the real original. */
  ambiguous: { drivePath: string; candidates: string[] };
  /** The drive path whose original changed after the import. */
  changedPath: string;
  /** A copy of that file as it was imported (outside the source directories), for a path map entry that fixes it. */
  changedOriginal: string;
  /** The blob whose `.properties` and `.metadata` failed, and the values they hold. */
  sidecars: { blobPath: string; contentType: string; cacheControl: string; metadata: Record<string, string> };
  /** A blob that had properties and metadata before the repair (Put Block List must keep them). */
  keptProperties: { blobPath: string; contentType: string; metadata: Record<string, string> };
}

const md5Hex = (b: Uint8Array): string => createHash('md5').update(b).digest('hex').toUpperCase();

function blockId(i: number): string {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(i);
  return b.toString('base64');
}

/** Splits `data` into blocks of `size` bytes with counter IDs. */
function blocksOf(data: Buffer, size: number): Array<{ id: string; offset: number; length: number; hash: string }> {
  const out: Array<{ id: string; offset: number; length: number; hash: string }> = [];
  for (let o = 0, i = 0; o < data.length; o += size, i++) {
    const length = Math.min(size, data.length - o);
    out.push({ id: blockId(i), offset: o, length, hash: md5Hex(data.subarray(o, o + length)) });
  }
  return out;
}

async function writeLocal(path: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, data);
}

async function uploadBlocks(c: ContainerClient, name: string, data: Buffer, blocks: ReturnType<typeof blocksOf>, opts: { contentType?: string; metadata?: Record<string, string> } = {}): Promise<void> {
  const bb = c.getBlockBlobClient(name);
  for (const b of blocks) await bb.stageBlock(b.id, data.subarray(b.offset, b.offset + b.length), b.length);
  await bb.commitBlockList(
    blocks.map((b) => b.id),
    { blobHTTPHeaders: opts.contentType ? { blobContentType: opts.contentType } : undefined, metadata: opts.metadata },
  );
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
    if ((await c.createIfNotExists()).succeeded) return c;
  }
  throw new Error(`No free container name like ${name} in the account`);
}

const KiB = 1024;

/**
 * Builds the sample damaged import job (see the module comment). Deterministic bytes and damage for a
 * given `seed`; the container gets a `-2`… suffix when the account already has one of its name.
 *
 * @throws when `root` is not empty or the account refuses the requests
 */
export async function buildSampleImportJob(o: SampleImportJobOptions): Promise<SampleImportJob> {
  const prng = new Prng(o.seed ?? 20240607);
  await ensureEmptyRoot(o.root);
  const source1 = join(o.root, 'source1');
  const source2 = join(o.root, 'source2');
  const waies = join(o.root, 'waies');
  await Promise.all([mkdir(source1), mkdir(source2), mkdir(waies)]);
  const driveId = 'WD1IMP0RT';
  const copyLogFile = join(waies, `photoimport_${driveId}_20240607-101500-000_error.xml`);
  const svc = new BlobServiceClient(o.endpoint, new StorageSharedKeyCredential(o.accountName, o.accountKey));
  const c = await createUniqueContainer(svc, 'importjob');
  const cn = c.containerName;
  const log: CopyLogBlob[] = [];
  const blobs: SampleImportBlob[] = [];
  const entry = (b: Omit<CopyLogBlob, 'kind' | 'line' | 'hasRangeList'> & { hasRangeList?: boolean }): void => {
    log.push({ kind: 'blob', line: 0, hasRangeList: b.ranges.length > 0, ...b });
  };
  const range = (b: { id?: string; offset: number; length: number; hash: string }, status: string): LogRange => ({ offset: b.offset, length: b.length, ...(b.id ? { id: b.id } : {}), hash: b.hash, status });

  // 1. koala.jpg: a block committed with garbage under its own ID, a block left out of the list,
  //    properties and metadata never set (their files are on the drive next to it).
  {
    const name = 'photos/animals/koala.jpg';
    const fp = '\\photos\\animals\\koala.jpg';
    const data = prng.bytes(5 * 64 * KiB + 30_000);
    const blocks = blocksOf(data, 64 * KiB);
    const file = localPathOf(source1, fp);
    await writeLocal(file, data);
    const props = formatPropertiesFile({ contentType: 'image/jpeg', cacheControl: 'max-age=3600' });
    const meta = formatMetadataFile({ animal: 'koala', photographer: 'Bob' });
    await writeLocal(`${file}.properties`, props);
    await writeLocal(`${file}.metadata`, meta);
    await uploadBlocks(c, name, data, blocks);
    const bb = c.getBlockBlobClient(name);
    await bb.stageBlock(blocks[1]!.id, prng.bytes(blocks[1]!.length), blocks[1]!.length);
    await bb.commitBlockList(blocks.filter((_, i) => i !== 3).map((b) => b.id));
    // A stale uncommitted version of a good block (Put Block List's "Latest" would pick it).
    await bb.stageBlock(blocks[0]!.id, prng.bytes(blocks[0]!.length), blocks[0]!.length);
    const sidecar = (path: string, text: string): SidecarStatus => ({ status: 'Failed', path: { path, hash: md5Hex(Buffer.from(text, 'utf8')) } });
    entry({
      status: 'CompletedWithErrors',
      blobPath: `${cn}/${name}`,
      filePath: fp,
      length: data.length,
      importDisposition: { value: 'overwrite', status: 'Overwritten' },
      rangeKind: 'block',
      ranges: [range(blocks[1]!, 'Corrupted'), range(blocks[3]!, 'Failed')],
      metadata: sidecar(`${fp}.metadata`, meta),
      properties: sidecar(`${fp}.properties`, props),
    });
    blobs.push({ blobPath: `${cn}/${name}`, blobName: name, filePath: fp, blobType: 'block', original: file, blockIds: blocks.map((b) => b.id), expect: 'repaired', note: 'block 1 committed with garbage, block 3 left out of the block list, a stale uncommitted garbage version of block 0, properties and metadata failed' });
  }

  // 2. disk.vhd: a sparse page blob; one range partly overwritten with garbage, one partly zeroed.
  {
    const name = 'photos/disk.vhd';
    const fp = '\\photos\\disk.vhd';
    const size = 1024 * KiB;
    const data = Buffer.alloc(size);
    const written: Array<[number, number]> = [
      [0, 64 * KiB],
      [256 * KiB, 128 * KiB],
      [768 * KiB, 4 * KiB],
    ];
    for (const [off, len] of written) prng.bytes(len).copy(data, off);
    const file = localPathOf(source1, fp);
    await writeLocal(file, data);
    const pb = c.getPageBlobClient(name);
    await pb.create(size);
    for (const [off, len] of written) await pb.uploadPages(data.subarray(off, off + len), off, len);
    await pb.uploadPages(prng.bytes(4 * KiB), 8 * KiB, 4 * KiB);
    await pb.clearPages(256 * KiB + 16 * KiB, 32 * KiB);
    const pr = (i: number): { offset: number; length: number; hash: string } => ({ offset: written[i]![0], length: written[i]![1], hash: md5Hex(data.subarray(written[i]![0], written[i]![0] + written[i]![1])) });
    entry({ status: 'CompletedWithErrors', blobPath: `${cn}/${name}`, filePath: fp, length: size, importDisposition: { value: 'overwrite', status: 'Created' }, rangeKind: 'page', ranges: [range(pr(0), 'Corrupted'), range(pr(1), 'Failed')] });
    blobs.push({ blobPath: `${cn}/${name}`, blobName: name, filePath: fp, blobType: 'page', original: file, expect: 'repaired', note: 'page range 0 partly overwritten with garbage, page range 1 partly zeroed' });
  }

  // 3. report.pdf: uploaded, then deleted; the log lists its blocks (first Failed, the rest Cancelled).
  {
    const name = 'docs/report.pdf';
    const fp = '\\docs\\report.pdf';
    const data = Buffer.concat([Buffer.from('%PDF-1.7\n'), prng.bytes(150_000 - 9)]);
    const blocks = blocksOf(data, 64 * KiB);
    const file = localPathOf(source1, fp);
    await writeLocal(file, data);
    await uploadBlocks(c, name, data, blocks);
    await c.getBlockBlobClient(name).delete();
    entry({ status: 'Failed', blobPath: `${cn}/${name}`, filePath: fp, length: data.length, importDisposition: { value: 'overwrite', status: 'Created' }, rangeKind: 'block', ranges: blocks.map((b, i) => range(b, i === 0 ? 'Failed' : 'Cancelled')) });
    blobs.push({ blobPath: `${cn}/${name}`, blobName: name, filePath: fp, blobType: 'block', original: file, blockIds: blocks.map((b) => b.id), expect: 'repaired', note: 'blob missing (deleted); the log lists its blocks' });
  }

  // 4. notes ë.txt: never uploaded (the file was not found on the drive at import time); no block list.
  {
    const name = 'docs/notes ë.txt';
    const fp = '\\docs\\notes ë.txt';
    const data = Buffer.from('Notities bij de import — ' + 'haven strand zee '.repeat(600), 'utf8');
    const file = localPathOf(source1, fp);
    await writeLocal(file, data);
    entry({ status: 'FileNotFound', blobPath: `${cn}/${name}`, filePath: fp, length: data.length, ranges: [] });
    blobs.push({ blobPath: `${cn}/${name}`, blobName: name, filePath: fp, blobType: 'block', original: file, blockIds: [blockId(0)], expect: 'repaired', note: 'never uploaded (FileNotFound), no block list in the log' });
  }

  // 5. archive.zip (only in source2): a large blob deleted after the import; 64 KiB blocks, all listed.
  {
    const name = 'docs/archive.zip';
    const fp = '\\docs\\archive.zip';
    const data = prng.bytes(o.archiveBytes ?? 2 * 1024 * KiB);
    const blocks = blocksOf(data, 64 * KiB);
    const file = localPathOf(source2, fp);
    await writeLocal(file, data);
    entry({ status: 'BlobRequestFailed', blobPath: `${cn}/${name}`, filePath: fp, length: data.length, importDisposition: { value: 'overwrite', status: 'Created' }, rangeKind: 'block', ranges: blocks.map((b, i) => range(b, i === 0 ? 'BlobRequestFailed' : 'Cancelled')) });
    blobs.push({ blobPath: `${cn}/${name}`, blobName: name, filePath: fp, blobType: 'block', original: file, blockIds: blocks.map((b) => b.id), expect: 'repaired', note: `never committed; ${blocks.length} blocks in the log` });
  }

  // 6. budget.xlsx: a block committed with garbage; the original was edited afterwards (MD5 mismatch).
  let changedPath: string;
  const changedOriginal = join(o.root, 'unchanged', 'budget.xlsx');
  {
    const name = 'docs/budget.xlsx';
    const fp = '\\docs\\budget.xlsx';
    changedPath = fp;
    const data = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), prng.bytes(4 * 32 * KiB - 4)]);
    const blocks = blocksOf(data, 32 * KiB);
    await uploadBlocks(c, name, data, blocks);
    const bb = c.getBlockBlobClient(name);
    await bb.stageBlock(blocks[2]!.id, prng.bytes(blocks[2]!.length), blocks[2]!.length);
    await bb.commitBlockList(blocks.map((b) => b.id));
    await writeLocal(changedOriginal, data);
    const edited = Buffer.from(data);
    edited.write('edited after the import', blocks[2]!.offset + 100);
    await writeLocal(localPathOf(source1, fp), edited);
    entry({ status: 'CompletedWithErrors', blobPath: `${cn}/${name}`, filePath: fp, length: data.length, importDisposition: { value: 'overwrite', status: 'Overwritten' }, rangeKind: 'block', ranges: [range(blocks[2]!, 'Corrupted')] });
    blobs.push({ blobPath: `${cn}/${name}`, blobName: name, filePath: fp, blobType: 'block', original: changedOriginal, blockIds: blocks.map((b) => b.id), expect: 'changed', note: 'block 2 committed with garbage; the original was edited in that block after the import' });
  }

  // 7. song.mp3: block 0 left out of the list; the file is under both sources, the source2 copy is the original.
  const ambiguous = { drivePath: '\\music\\song.mp3', candidates: [localPathOf(source1, '\\music\\song.mp3'), localPathOf(source2, '\\music\\song.mp3')] };
  const keptProperties = { blobPath: `${cn}/music/song.mp3`, contentType: 'audio/mpeg', metadata: { artist: 'Kookaburra' } };
  {
    const name = 'music/song.mp3';
    const data = Buffer.concat([Buffer.from('ID3'), prng.bytes(3 * 48 * KiB - 3)]);
    const blocks = blocksOf(data, 48 * KiB);
    await uploadBlocks(c, name, data, blocks, { contentType: keptProperties.contentType, metadata: keptProperties.metadata });
    await c.getBlockBlobClient(name).commitBlockList(blocks.slice(1).map((b) => b.id), { blobHTTPHeaders: { blobContentType: keptProperties.contentType }, metadata: keptProperties.metadata });
    const reencoded = Buffer.concat([Buffer.from('ID3'), prng.bytes(data.length - 3)]);
    await writeLocal(ambiguous.candidates[0]!, reencoded);
    await writeLocal(ambiguous.candidates[1]!, data);
    entry({ status: 'CompletedWithErrors', blobPath: `${cn}/${name}`, filePath: ambiguous.drivePath, length: data.length, importDisposition: { value: 'no-overwrite', status: 'Created' }, rangeKind: 'block', ranges: [range(blocks[0]!, 'Failed')] });
    blobs.push({ blobPath: `${cn}/${name}`, blobName: name, filePath: ambiguous.drivePath, blobType: 'block', original: ambiguous.candidates[1], blockIds: blocks.map((b) => b.id), expect: 'ambiguous', note: 'block 0 left out of the list; a different file of the same name is under source1' });
  }

  // 8. sunset.jpg: a blob of that name existed, so the rename rule stored it as "sunset (2).jpg",
  //    whose block 0 was committed with garbage. The pre-existing blob must stay as it is.
  {
    const name = 'photos/sunset.jpg';
    const renamed = 'photos/sunset (2).jpg';
    const fp = '\\photos\\sunset.jpg';
    const data = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), prng.bytes(2 * 64 * KiB + 5_000 - 4)]);
    const blocks = blocksOf(data, 64 * KiB);
    await writeLocal(localPathOf(source1, fp), data);
    await c.getBlockBlobClient(name).upload(prng.bytes(9_999), 9_999);
    await uploadBlocks(c, renamed, data, blocks);
    const bb = c.getBlockBlobClient(renamed);
    await bb.stageBlock(blocks[0]!.id, prng.bytes(blocks[0]!.length), blocks[0]!.length);
    await bb.commitBlockList(blocks.map((b) => b.id));
    entry({ status: 'CompletedWithErrors', blobPath: `${cn}/${renamed}`, filePath: fp, length: data.length, importDisposition: { value: 'rename', status: 'Renamed' }, rangeKind: 'block', ranges: [range(blocks[0]!, 'Corrupted')] });
    blobs.push({ blobPath: `${cn}/${renamed}`, blobName: renamed, filePath: fp, blobType: 'block', original: localPathOf(source1, fp), blockIds: blocks.map((b) => b.id), expect: 'repaired', note: 'renamed by the import; block 0 committed with garbage' });
    blobs.push({ blobPath: `${cn}/${name}`, blobName: name, blobType: 'block', expect: 'untouched', note: 'the blob that existed before the import (rename rule)' });
  }

  // 9. readme.txt: a blob of that name existed and the rule was no-overwrite: Skipped. Not to be touched,
  //    although the log (oddly) marks a block failed.
  {
    const name = 'docs/readme.txt';
    const fp = '\\docs\\readme.txt';
    const data = Buffer.from('The readme on the drive. '.repeat(400), 'utf8');
    await writeLocal(localPathOf(source1, fp), data);
    await c.getBlockBlobClient(name).upload('The readme that was already in the account.', 44);
    entry({ status: 'CompletedWithErrors', blobPath: `${cn}/${name}`, filePath: fp, length: data.length, importDisposition: { value: 'no-overwrite', status: 'Skipped' }, rangeKind: 'block', ranges: [range({ id: blockId(0), offset: 0, length: data.length, hash: md5Hex(data) }, 'Failed')] });
    blobs.push({ blobPath: `${cn}/${name}`, blobName: name, filePath: fp, blobType: 'block', expect: 'untouched', note: 'no-overwrite rule: Skipped' });
  }

  // 10. ok.jpg: imported fine, not in the error log.
  {
    const name = 'photos/ok.jpg';
    const fp = '\\photos\\ok.jpg';
    const data = prng.bytes(70_000);
    await writeLocal(localPathOf(source1, fp), data);
    await uploadBlocks(c, name, data, blocksOf(data, 64 * KiB));
    blobs.push({ blobPath: `${cn}/${name}`, blobName: name, filePath: fp, blobType: 'block', expect: 'untouched', note: 'imported fine' });
  }

  const w = await createDriveLogWriter(copyLogFile, { version: '2014-11-01', driveId });
  for (const b of log) await w.writeBlob(b);
  await w.end('CompletedWithErrors');
  return {
    driveId,
    container: cn,
    sourceDirs: [source1, source2],
    copyLogFile,
    blobs,
    ambiguous,
    changedPath,
    changedOriginal,
    sidecars: { blobPath: `${cn}/photos/animals/koala.jpg`, contentType: 'image/jpeg', cacheControl: 'max-age=3600', metadata: { animal: 'koala', photographer: 'Bob' } },
    keptProperties,
  };
}
