/**
 * The copy-log pass of RepairImport (formats.md §5; Microsoft's "Repairing an import job"): for each
 * blob the import's copy log names as failed, find the original file under the `/d` roots (or through
 * the path map), check the failed ranges against the log's MD5, and upload them again.
 *
 * Rules (issue "RepairImport", formats.md §1.1–§1.2, §3, §5):
 * - Block blobs: Put Block with the log's block ID, then a Put Block List that keeps the blob's full
 *   block order (block-list.ts). Put Block List replaces a blob's properties and metadata, so the blob's
 *   current ones are passed along. The committed list is read back and compared after the commit.
 * - Page blobs: Put Page of each failed range (offsets and lengths multiples of 512).
 * - A blob that failed as a whole (blob Status other than `Completed`/`CompletedWithErrors`, a range
 *   `Cancelled`, the blob missing from the account, or ImportDisposition `Cancelled`) is uploaded whole:
 *   block blobs with the log's block layout when it has one; page blobs as a page blob of the log's
 *   length, all-zero 4 MiB parts left unwritten (cleared when the blob already existed).
 * - Before anything is uploaded for a blob, the original file's length must equal the log's `Length`
 *   and every range to upload that has a `Hash` must match it; otherwise the original changed since the
 *   import: the mismatch is reported (`Corrupted`, or `FileUnexpectedEnd` for a shorter file) and
 *   nothing is uploaded for that blob.
 * - ImportDisposition: `Skipped` (no-overwrite kept an existing blob) → the blob is not touched;
 *   `Renamed` → BlobPath already holds the new name, which is where the data goes; `Cancelled` → the
 *   rule is applied here: no-overwrite or rename with an existing blob is reported, not overwritten.
 * - `.properties` / `.metadata` files the log says failed are read from the drive (Path, else
 *   GlobalPath, else FilePath + `.properties`/`.metadata`), checked against the log's Hash, and set on
 *   the blob (Set Blob Properties: Content-Type, -Encoding, -Language, Cache-Control, Content-MD5;
 *   Set Blob Metadata). Last-Modified, Etag and Content-Length are the service's own.
 * - Repair file: each staged block (`s|`), page part (`u|`, `w|`), sidecar (`p|`, `m|`) and the blob's
 *   data as a whole (`d|`, after the commit is verified) is recorded after it succeeded. A staged block
 *   is trusted on resume only while the service still lists it as uncommitted with the same size.
 */
import { createHash } from 'node:crypto';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import type { BlobClient, BlobGetPropertiesResponse, BlobHTTPHeaders, BlockBlobClient, PageBlobClient } from '@azure/storage-blob';
import type { BlobPropertiesFile, CopyLogBlob, ErroredEntity, LogRange } from '../../../src-shared/formats/types.ts';
import { WaieError } from '../../../src-shared/errors.ts';
import type { AfterBlob } from '../repair-export/context.ts';
import { entityAsBlob, needsRepair } from '../repair-export/copy-log-pass.ts';
import { splitParts } from '../repair-export/transfer.ts';
import { downloadRange } from '../transfer/download-range.ts';
import { parseMetadataFile, parsePropertiesFile } from '../formats/sidecar.ts';
import { md5Hex, md5OfRange, newHashBuffer } from '../verify/hash-ranges.ts';
import { defaultLayout, layoutFromLog, mergeBlockList, type CommittedBlock, type PlannedBlock } from './block-list.ts';
import type { ImportContext } from './context.ts';
import { UploadError, isAllZero, readExactly, withRetry } from './upload.ts';

/** Repair-file component keys of RepairImport (stable across runs; BlobPath identifies the blob). */
export const importKeys = {
  /** A block staged (Put Block) from the original. */
  staged: (blobPath: string, offset: number, length: number): string => `s|${blobPath}|${offset}|${length}`,
  /** A part of a failed page range written (Put Page). */
  page: (blobPath: string, offset: number, length: number): string => `u|${blobPath}|${offset}|${length}`,
  /** A 4 MiB part of a page blob uploaded whole. */
  wholePage: (blobPath: string, offset: number): string => `w|${blobPath}|${offset}`,
  /** The blob's data is repaired (block list committed and read back, or every page part written). */
  data: (blobPath: string): string => `d|${blobPath}`,
  /** The `.properties` / `.metadata` file is applied to the blob. */
  sidecar: (kind: 'properties' | 'metadata', blobPath: string): string => `${kind === 'properties' ? 'p' : 'm'}|${blobPath}`,
};

const OK_BLOB = new Set(['Completed', 'CompletedWithErrors']);

/** The copy log's ImportDisposition, trimmed and lower-cased: value `rename` | `no-overwrite` | `overwrite`, status `created` | `renamed` | `skipped` | `overwritten` | `cancelled`. */
export function dispositionOf(b: CopyLogBlob): { value?: string; status?: string } {
  const d = b.importDisposition;
  return { value: d?.value.trim().toLowerCase() || undefined, status: d?.status?.trim().toLowerCase() || undefined };
}

/** True when the blob's data (blocks or pages) needs uploading, not only its properties or metadata. */
export function dataNeedsRepair(b: CopyLogBlob): boolean {
  return !OK_BLOB.has(b.status) || b.ranges.some((r) => r.status !== 'Completed') || dispositionOf(b).status === 'cancelled';
}

/** True when the blob must be uploaded whole, judging by the copy log alone (the blob's absence is found later). */
export function failsAsWholeImport(b: CopyLogBlob): boolean {
  return !OK_BLOB.has(b.status) || b.ranges.some((r) => r.status === 'Cancelled') || dispositionOf(b).status === 'cancelled';
}

/**
 * A 2021-08-01 `<ErroredEntity>` as a blob to upload whole (these logs carry no offsets or MD5,
 * formats.md §1.3): FilePath is `\` + Path with `/` → `\`; `CloudFormat` BlockBlob / PageBlob give the
 * blob type; anything else (Azure Files) becomes a `<File>` item, which RepairImport reports as not repairable.
 */
export function importEntityAsBlob(e: ErroredEntity): CopyLogBlob {
  const b = entityAsBlob(e);
  const f = e.cloudFormat.toLowerCase();
  if (f === 'blockblob') return { ...b, rangeKind: 'block' };
  if (f === 'pageblob') return { ...b, rangeKind: 'page' };
  return { ...b, kind: 'file' };
}

/** The drive path of a blob's `.properties` / `.metadata` file and the log's MD5 of it: Path, else GlobalPath, else FilePath + extension. */
export function sidecarSource(b: CopyLogBlob, kind: 'properties' | 'metadata'): { drivePath: string; hash?: string; explicit: boolean } {
  const hp = b[kind]?.path ?? b[kind]?.globalPath;
  return hp ? { drivePath: hp.path, hash: hp.hash, explicit: true } : { drivePath: `${b.filePath}.${kind}`, explicit: false };
}

/** HTTP headers of the blob now, to pass along with Put Block List (which would otherwise clear them). */
function headersOf(p: BlobGetPropertiesResponse | undefined): BlobHTTPHeaders | undefined {
  if (!p) return undefined;
  return {
    blobContentType: p.contentType,
    blobContentEncoding: p.contentEncoding,
    blobContentLanguage: p.contentLanguage,
    blobCacheControl: p.cacheControl,
    blobContentDisposition: p.contentDisposition,
    blobContentMD5: p.contentMD5,
  };
}

/** The HTTP headers a `.properties` file sets (formats.md §3; the service owns Last-Modified, Etag, Content-Length). */
export function headersFromPropertiesFile(p: BlobPropertiesFile): BlobHTTPHeaders {
  const v = (s: string | undefined): string | undefined => (s && s.trim() !== '' ? s : undefined);
  return {
    blobContentType: v(p.contentType),
    blobContentEncoding: v(p.contentEncoding),
    blobContentLanguage: v(p.contentLanguage),
    blobCacheControl: v(p.cacheControl),
    blobContentMD5: v(p.contentMD5) ? Buffer.from(p.contentMD5!, 'base64') : undefined,
  };
}

function lastStatus(ctx: ImportContext): string {
  return ctx.failures[ctx.failures.length - 1]?.statusCode ?? 'Failed';
}

/** Get Blob Properties, or undefined when the blob does not exist (404). */
async function propertiesOrNone(ctx: ImportContext, client: BlobClient, filePath: string): Promise<BlobGetPropertiesResponse | undefined> {
  try {
    return await withRetry(ctx.retry, `Get Blob Properties of ${filePath}`, (signal) => client.getProperties({ abortSignal: signal }));
  } catch (err) {
    if (err instanceof UploadError && err.classified.httpStatus === 404) return undefined;
    throw err;
  }
}

/** The committed blocks (in order, with their current offsets) and the uncommitted ones (ID → size); both empty for a blob that does not exist. */
async function blockLists(ctx: ImportContext, bb: BlockBlobClient, filePath: string): Promise<{ committed: CommittedBlock[]; offsets: Map<string, number>; uncommitted: Map<string, number> }> {
  let committed: CommittedBlock[] = [];
  const uncommitted = new Map<string, number>();
  try {
    const l = await withRetry(ctx.retry, `Get Block List of ${filePath}`, (signal) => bb.getBlockList('all', { abortSignal: signal }));
    committed = (l.committedBlocks ?? []).map((b) => ({ name: b.name ?? '', size: b.size ?? 0 }));
    for (const b of l.uncommittedBlocks ?? []) uncommitted.set(b.name ?? '', b.size ?? 0);
  } catch (err) {
    if (!(err instanceof UploadError && err.classified.httpStatus === 404)) throw err;
  }
  const offsets = new Map<string, number>();
  let o = 0;
  for (const c of committed) {
    if (!offsets.has(c.name)) offsets.set(c.name, o);
    o += c.size;
  }
  return { committed, offsets, uncommitted };
}

/**
 * Checks the ranges to upload against the copy log's MD5 before anything is uploaded. Records a
 * `Corrupted` failure for each mismatch (the original changed since the import) and a
 * `FileUnexpectedEnd` for a range beyond the file. Returns true when all matched.
 */
async function checkHashes(ctx: ImportContext, fh: FileHandle, b: CopyLogBlob, ranges: readonly LogRange[], length: number, after: AfterBlob): Promise<boolean> {
  let ok = true;
  const buf = newHashBuffer();
  for (const r of ranges) {
    ctx.signal.throwIfAborted();
    if (r.offset + r.length > length) {
      ok = false;
      ctx.setRange(after, r, 'FileUnexpectedEnd');
      ctx.fail({ filePath: b.filePath, blobPath: b.blobPath, component: 'range', offset: r.offset, length: r.length, statusCode: 'FileUnexpectedEnd', detail: `The range ends at ${r.offset + r.length}, beyond the blob's length ${length} in the copy log. Nothing was uploaded for this blob.` });
      continue;
    }
    if (!r.hash) continue;
    const md5 = await md5OfRange(fh, r.offset, r.length, buf, (n) => ctx.progress.add('bytesVerified', n));
    if (md5 === r.hash) {
      ctx.verifiedGood++;
      continue;
    }
    ok = false;
    ctx.setRange(after, r, 'Corrupted');
    ctx.fail({
      filePath: b.filePath,
      blobPath: b.blobPath,
      component: 'range',
      offset: r.offset,
      length: r.length,
      statusCode: 'Corrupted',
      detail: `The original file changed since the import: this ${b.rangeKind === 'page' ? 'page range' : 'block'} has MD5 ${md5 ?? '(file too short)'}, the copy log recorded ${r.hash}. Nothing was uploaded for this blob. Name the unchanged original in the path map file and run again.`,
    });
  }
  return ok;
}

/** Puts one planned block: reads it from the original, checks the log's MD5 again, Put Block with a transactional MD5. */
async function stageBlock(ctx: ImportContext, bb: BlockBlobClient, fh: FileHandle, b: CopyLogBlob, p: PlannedBlock, uncommitted: Map<string, number>): Promise<void> {
  const key = importKeys.staged(b.blobPath, p.offset, p.length);
  if (ctx.journal.state.done.has(key) && uncommitted.get(p.id) === p.length) {
    ctx.progress.add('componentsDone', 1);
    return;
  }
  ctx.progress.add('bytesToUpload', p.length);
  await ctx.transfers.run(async () => {
    await ctx.gate.wait(ctx.signal);
    ctx.signal.throwIfAborted();
    ctx.progress.current(b.filePath);
    const data = await readExactly(fh, p.offset, p.length, b.filePath);
    const md5 = createHash('md5').update(data).digest();
    if (p.hash && md5.toString('hex').toUpperCase() !== p.hash) {
      throw new WaieError({ code: 'ORIGINAL_CHANGED', title: 'The original file changed during the repair', detail: `${b.filePath} offset ${p.offset}: MD5 ${md5.toString('hex').toUpperCase()}, the copy log recorded ${p.hash}. The block list was not committed.`, statusCode: 'Corrupted' });
    }
    await withRetry(ctx.retry, `Put Block ${p.id} of ${b.filePath}`, (signal) => bb.stageBlock(p.id, data, p.length, { abortSignal: signal, transactionalContentMD5: md5 }));
    ctx.progress.add('bytesUploaded', p.length);
  });
  ctx.journal.append({ t: 'done', c: key });
  ctx.repaired++;
  ctx.progress.add('componentsDone', 1);
}

/**
 * A committed block that is kept, but whose ID also has an uncommitted version (Put Block List's
 * "Latest" would take that one): its committed bytes are read from the blob (ETag-pinned) and staged
 * again under the same ID.
 */
async function restageKept(ctx: ImportContext, bb: BlockBlobClient, p: PlannedBlock, at: number, etag: string | undefined, filePath: string): Promise<void> {
  await ctx.transfers.run(async () => {
    await ctx.gate.wait(ctx.signal);
    const data = Buffer.allocUnsafe(p.length);
    await downloadRange({ blob: bb, etag, offset: at, length: p.length, sink: (chunk, o) => void chunk.copy(data, o), signal: ctx.signal, maxAttempts: ctx.req.maxAttempts });
    await withRetry(ctx.retry, `Put Block ${p.id} of ${filePath} (kept block)`, (signal) => bb.stageBlock(p.id, data, p.length, { abortSignal: signal, transactionalContentMD5: createHash('md5').update(data).digest() }));
  });
  ctx.log.write('info', `${filePath}: committed block ${p.id} had a stale uncommitted version; staged its committed bytes again`);
}

/**
 * A kept block that carries a failed block's ID (`sameAs`) is that block used twice: the original must
 * hold the same bytes at both places. Returns why not, or undefined when every such pair matches.
 */
async function twinsDiffer(fh: FileHandle, plan: readonly PlannedBlock[]): Promise<string | undefined> {
  const buf = newHashBuffer();
  for (const p of plan) {
    if (p.sameAs === undefined) continue;
    const twin = plan.find((q) => q.upload && q.offset === p.sameAs);
    if (!twin) return `block ${p.id} at offset ${p.offset} has no uploaded twin`;
    const here = await md5OfRange(fh, p.offset, p.length, buf);
    const there = twin.hash ?? (await md5OfRange(fh, twin.offset, twin.length, buf));
    if (!here || here !== there) return `block ${p.id} is committed at offset ${p.offset} too, where the original holds other bytes`;
  }
  return undefined;
}

async function uploadBlockBlob(ctx: ImportContext, b: CopyLogBlob, client: BlobClient, fh: FileHandle, length: number, props: BlobGetPropertiesResponse | undefined, whole: boolean, failed: readonly LogRange[]): Promise<void> {
  const bb = client.getBlockBlobClient();
  const lists = await blockLists(ctx, bb, b.filePath);
  let plan: PlannedBlock[] | undefined;
  if (!whole) {
    const m = mergeBlockList(lists.committed, failed, length);
    const reason = m.ok ? await twinsDiffer(fh, m.blocks) : m.reason;
    if (m.ok && !reason) plan = m.blocks;
    else {
      ctx.log.write('warn', `${b.filePath}: the committed blocks cannot be kept (${reason}); uploading the whole blob`);
      ctx.journal.append({ t: 'plan', f: b.blobPath, whole: true });
      ctx.journal.state.wholeFiles.add(b.blobPath);
    }
  }
  // A layout of our own uses IDs as long as the blob's existing ones (Azure: one ID length per blob).
  const existingId = lists.committed[0]?.name ?? [...lists.uncommitted.keys()][0];
  plan ??= layoutFromLog(b.ranges, length) ?? defaultLayout(length, existingId ? Buffer.from(existingId, 'base64').length : undefined);
  const uploads = plan.filter((p) => p.upload);
  ctx.progress.add('componentsTotal', uploads.length);
  ctx.log.write('info', `${b.filePath} → ${b.blobPath}: ${uploads.length} of ${plan.length} block(s) to upload${uploads.length < plan.length ? `, ${plan.length - uploads.length} committed block(s) kept` : ''}`);
  await Promise.all(uploads.map((p) => stageBlock(ctx, bb, fh, b, p, lists.uncommitted)));
  for (const p of plan) {
    if (!p.upload && lists.uncommitted.has(p.id)) await restageKept(ctx, bb, p, lists.offsets.get(p.id) ?? 0, props?.etag, b.filePath);
  }
  const ids = plan.map((p) => p.id);
  await withRetry(ctx.retry, `Put Block List of ${b.filePath}`, (signal) => bb.commitBlockList(ids, { abortSignal: signal, blobHTTPHeaders: headersOf(props), metadata: props?.metadata }));
  const now = await blockLists(ctx, bb, b.filePath);
  const same = now.committed.length === plan.length && now.committed.every((c, i) => c.name === plan[i]!.id && c.size === plan[i]!.length);
  if (!same) {
    throw new WaieError({ code: 'BLOCK_LIST_MISMATCH', title: 'The committed block list is not the one sent', detail: `After Put Block List, ${b.blobPath} lists ${now.committed.length} block(s), not the ${plan.length} committed. Something else writes to this blob; run again when it is done.`, statusCode: 'BlobRequestFailed' });
  }
}

/** Puts one part (≤ 4 MiB) of a page blob from the original: Put Page; an all-zero part of a whole upload is skipped, or cleared when the blob existed. */
async function putPagePart(ctx: ImportContext, pb: PageBlobClient, fh: FileHandle, b: CopyLogBlob, part: { offset: number; length: number }, key: string, zeros: 'write' | 'skip' | 'clear', hash?: string): Promise<void> {
  if (ctx.journal.state.done.has(key)) {
    ctx.progress.add('componentsDone', 1);
    return;
  }
  ctx.progress.add('bytesToUpload', part.length);
  await ctx.transfers.run(async () => {
    await ctx.gate.wait(ctx.signal);
    ctx.signal.throwIfAborted();
    ctx.progress.current(b.filePath);
    const data = await readExactly(fh, part.offset, part.length, b.filePath);
    const md5 = createHash('md5').update(data).digest();
    if (hash && md5.toString('hex').toUpperCase() !== hash) {
      throw new WaieError({ code: 'ORIGINAL_CHANGED', title: 'The original file changed during the repair', detail: `${b.filePath} offset ${part.offset}: MD5 ${md5.toString('hex').toUpperCase()}, the copy log recorded ${hash}.`, statusCode: 'Corrupted' });
    }
    if (zeros !== 'write' && isAllZero(data)) {
      if (zeros === 'clear') await withRetry(ctx.retry, `Clear Pages ${part.offset} of ${b.filePath}`, (signal) => pb.clearPages(part.offset, part.length, { abortSignal: signal }));
      ctx.progress.add('bytesToUpload', -part.length);
      return;
    }
    await withRetry(ctx.retry, `Put Page ${part.offset} of ${b.filePath}`, (signal) => pb.uploadPages(data, part.offset, part.length, { abortSignal: signal, transactionalContentMD5: md5 }));
    ctx.progress.add('bytesUploaded', part.length);
  });
  ctx.journal.append({ t: 'done', c: key });
  ctx.repaired++;
  ctx.progress.add('componentsDone', 1);
}

async function uploadPageBlob(ctx: ImportContext, b: CopyLogBlob, client: BlobClient, fh: FileHandle, length: number, props: BlobGetPropertiesResponse | undefined, whole: boolean, failed: readonly LogRange[]): Promise<void> {
  const pb = client.getPageBlobClient();
  if (!props) {
    await withRetry(ctx.retry, `Create page blob ${b.filePath}`, (signal) => pb.create(length, { abortSignal: signal }));
  } else if (props.contentLength !== length) {
    await withRetry(ctx.retry, `Resize page blob ${b.filePath}`, (signal) => pb.resize(length, { abortSignal: signal }));
  }
  if (whole) {
    const parts = splitParts(0, length);
    ctx.progress.add('componentsTotal', parts.length);
    ctx.log.write('info', `${b.filePath} → ${b.blobPath}: page blob uploaded whole (${parts.length} part(s) of at most 4 MiB)`);
    await Promise.all(parts.map((p) => putPagePart(ctx, pb, fh, b, p, importKeys.wholePage(b.blobPath, p.offset), props ? 'clear' : 'skip')));
    return;
  }
  const jobs: Array<{ part: { offset: number; length: number }; hash?: string }> = [];
  for (const r of failed) {
    const parts = splitParts(r.offset, r.length);
    for (const part of parts) jobs.push({ part, hash: parts.length === 1 ? r.hash : undefined });
  }
  ctx.progress.add('componentsTotal', jobs.length);
  ctx.log.write('info', `${b.filePath} → ${b.blobPath}: ${failed.length} page range(s) to upload`);
  await Promise.all(jobs.map((j) => putPagePart(ctx, pb, fh, b, j.part, importKeys.page(b.blobPath, j.part.offset, j.part.length), 'write', j.hash)));
}

/** Uploads the blob's data from its original. Returns whether the data is repaired and whether it was uploaded whole. Component failures are recorded in `ctx`. */
async function repairData(ctx: ImportContext, b: CopyLogBlob, client: BlobClient, after: AfterBlob): Promise<{ ok: boolean; whole: boolean }> {
  const failed = b.ranges.filter((r) => r.status !== 'Completed');
  const dataKey = importKeys.data(b.blobPath);
  if (ctx.journal.state.done.has(dataKey)) {
    ctx.progress.add('componentsTotal', 1);
    ctx.progress.add('componentsDone', 1);
    for (const r of b.ranges) ctx.setRange(after, r, 'Completed');
    return { ok: true, whole: ctx.journal.state.wholeFiles.has(b.blobPath) };
  }
  const src = await ctx.resolver.resolve(b.filePath);
  if (!src.ok) {
    ctx.addConflict({ ...src.conflict, blobPath: b.blobPath });
    after.blobFailure = src.conflict.statusCode;
    ctx.fail({ filePath: b.filePath, blobPath: b.blobPath, component: 'blob', statusCode: src.conflict.statusCode, detail: `The original file cannot be used: ${src.conflict.detail} It is listed in the path map file; nothing was uploaded for this blob.` });
    return { ok: false, whole: false };
  }
  const disp = dispositionOf(b);
  let fh: FileHandle | undefined;
  try {
    fh = await open(src.absolute, 'r');
    const size = (await fh.stat()).size;
    const length = b.length >= 0 ? b.length : size;
    if (size !== length) {
      throw new WaieError({ code: 'ORIGINAL_CHANGED', title: 'The original file has another length', detail: `${src.absolute} is ${size} bytes; the copy log records ${length}. It changed since the import; nothing was uploaded for this blob. Name the unchanged original in the path map file and run again.`, statusCode: size < length ? 'FileUnexpectedEnd' : 'Corrupted' });
    }
    const props = await propertiesOrNone(ctx, client, b.filePath);
    const kind: 'block' | 'page' = b.rangeKind === 'page' ? 'page' : b.rangeKind === 'block' ? 'block' : props?.blobType === 'PageBlob' ? 'page' : 'block';
    if (disp.status === 'cancelled' && props) {
      if (disp.value === 'no-overwrite') {
        throw new WaieError({ code: 'DISPOSITION', title: 'The blob exists and the import rule is no-overwrite', detail: `The import was cancelled before its no-overwrite rule was applied, and ${b.blobPath} exists now. It was not overwritten. Delete it first if it is a partial upload of this file, then run again.`, statusCode: 'Failed' });
      }
      if (disp.value === 'rename') {
        throw new WaieError({ code: 'DISPOSITION', title: 'The blob exists and the import rule is rename', detail: `The import was cancelled before its rename rule gave ${b.blobPath} a new name, and a blob of that name exists. It was not overwritten. Upload the file under a new name yourself (e.g. with AzCopy).`, statusCode: 'RenameFailed' });
      }
    }
    const whole = ctx.journal.state.wholeFiles.has(b.blobPath) || failsAsWholeImport(b) || !props;
    if (props && props.blobType && props.blobType !== (kind === 'page' ? 'PageBlob' : 'BlockBlob')) {
      throw new WaieError({ code: 'BLOB_TYPE', title: 'The blob has another type', detail: `${b.blobPath} is a ${props.blobType}, the copy log describes a ${kind} blob. Nothing was uploaded.`, statusCode: 'BlobRequestFailed' });
    }
    if (kind === 'page') {
      const bad = (whole ? [{ offset: 0, length }] : failed).find((r) => r.offset % 512 !== 0 || r.length % 512 !== 0);
      if (bad) throw new WaieError({ code: 'PAGE_ALIGNMENT', title: 'A page range is not 512-byte aligned', detail: `${b.filePath}: offset ${bad.offset}, length ${bad.length}; page blob writes must start and end on 512-byte boundaries. Nothing was uploaded.`, statusCode: 'Failed' });
    }
    // The original must be the file that was imported: check before anything is uploaded.
    if (!(await checkHashes(ctx, fh, b, (whole ? b.ranges : failed).filter((r) => r.hash || r.offset + r.length > length), length, after))) {
      after.blobFailure = 'Failed';
      return { ok: false, whole };
    }
    if (whole && !ctx.journal.state.wholeFiles.has(b.blobPath)) {
      ctx.journal.append({ t: 'plan', f: b.blobPath, whole: true });
      ctx.journal.state.wholeFiles.add(b.blobPath);
      ctx.log.write('info', `${b.filePath}: uploading the whole blob (${!props ? 'it does not exist in the storage account' : `copy log Status="${b.status}"${disp.status === 'cancelled' ? ', ImportDisposition Cancelled' : ''}`})`);
    }
    if (kind === 'block') await uploadBlockBlob(ctx, b, client, fh, length, props, whole, failed);
    else await uploadPageBlob(ctx, b, client, fh, length, props, whole, failed);
    ctx.journal.append({ t: 'done', c: dataKey });
    for (const r of b.ranges) ctx.setRange(after, r, 'Completed');
    if (disp.status === 'cancelled' && b.importDisposition) after.importDisposition = { value: b.importDisposition.value, status: props ? 'Overwritten' : 'Created' };
    ctx.log.write('info', `repaired ${b.filePath} → ${b.blobPath}`);
    return { ok: true, whole: ctx.journal.state.wholeFiles.has(b.blobPath) };
  } catch (err) {
    ctx.handleComponentError(err, { filePath: b.filePath, blobPath: b.blobPath, component: 'blob' });
    after.blobFailure = lastStatus(ctx);
    return { ok: false, whole: false };
  } finally {
    await fh?.close();
  }
}

/**
 * Applies a `.properties` / `.metadata` file from the drive to the blob, when the log says it failed,
 * or (when it names the file explicitly) when the blob was uploaded whole.
 */
async function repairSidecar(ctx: ImportContext, b: CopyLogBlob, client: BlobClient, kind: 'properties' | 'metadata', after: AfterBlob, uploadedWhole: boolean): Promise<void> {
  const s = b[kind];
  if (!s) return;
  const failed = s.status !== 'Completed';
  const src = sidecarSource(b, kind);
  if (!failed && !(uploadedWhole && src.explicit)) return;
  const key = importKeys.sidecar(kind, b.blobPath);
  ctx.progress.add('componentsTotal', 1);
  if (ctx.journal.state.done.has(key)) {
    ctx.progress.add('componentsDone', 1);
    after[kind] = { status: 'Completed', path: src.drivePath };
    return;
  }
  const component = { filePath: src.drivePath, blobPath: b.blobPath, component: kind };
  try {
    const found = await ctx.resolver.resolve(src.drivePath);
    if (!found.ok) {
      if (!failed) {
        ctx.log.write('warn', `${src.drivePath}: not applied to the re-uploaded blob ${b.blobPath}: ${found.conflict.detail}`);
        return;
      }
      ctx.addConflict({ ...found.conflict, blobPath: b.blobPath });
      after[kind] = { status: found.conflict.statusCode, path: src.drivePath };
      ctx.fail({ ...component, statusCode: found.conflict.statusCode, detail: `The ${kind} file cannot be used: ${found.conflict.detail} It is listed in the path map file; the blob's ${kind} were not set.` });
      return;
    }
    const bytes = await readFile(found.absolute);
    if (src.hash && md5Hex(bytes) !== src.hash) {
      throw new WaieError({ code: 'ORIGINAL_CHANGED', title: `The ${kind} file changed`, detail: `${found.absolute} has MD5 ${md5Hex(bytes)}, the copy log recorded ${src.hash}: it changed since the import. The blob's ${kind} were not set.`, statusCode: 'Corrupted' });
    }
    let apply: (signal: AbortSignal) => Promise<unknown>;
    try {
      const text = bytes.toString('utf8');
      if (kind === 'properties') {
        const headers = headersFromPropertiesFile(parsePropertiesFile(text, found.absolute));
        apply = (signal) => client.setHTTPHeaders(headers, { abortSignal: signal });
      } else {
        const metadata = parseMetadataFile(text, found.absolute);
        apply = (signal) => client.setMetadata(metadata, { abortSignal: signal });
      }
    } catch (err) {
      throw new WaieError({ code: 'XML_PARSE', title: `The ${kind} file cannot be read`, detail: `${err instanceof WaieError ? err.info.detail : String(err)} The blob's ${kind} were not set.`, statusCode: 'XmlReadFailed' });
    }
    await ctx.gate.wait(ctx.signal);
    await withRetry(ctx.retry, `Set Blob ${kind === 'properties' ? 'Properties' : 'Metadata'} of ${b.filePath}`, apply);
    ctx.journal.append({ t: 'done', c: key });
    ctx.repaired++;
    ctx.progress.add('componentsDone', 1);
    after[kind] = { status: 'Completed', path: src.drivePath };
    ctx.log.write('info', `set the ${kind} of ${b.blobPath} from ${found.absolute}`);
  } catch (err) {
    ctx.handleComponentError(err, component);
    after[kind] = { status: lastStatus(ctx), path: src.drivePath };
  }
}

/**
 * Repairs one copy-log blob of an import (see the module rules). Component failures and unresolved
 * paths are recorded in `ctx`; a fatal error (wrong key, endpoint gone) stops the run through
 * `ctx.failRun`; cancellation rethrows the signal's reason.
 */
export async function repairImportBlob(ctx: ImportContext, b: CopyLogBlob): Promise<void> {
  if (!needsRepair(b)) return;
  const disp = dispositionOf(b);
  if (disp.status === 'skipped') {
    ctx.skippedByRule.push(b.blobPath);
    ctx.log.write('info', `left alone: ${b.blobPath} (${b.filePath}): ImportDisposition "${b.importDisposition?.value ?? ''}" Status="Skipped", the import kept the existing blob`);
    return;
  }
  const data = dataNeedsRepair(b);
  const sidecarsFailed = (['properties', 'metadata'] as const).some((k) => b[k] !== undefined && b[k]!.status !== 'Completed');
  if (!data && !sidecarsFailed) {
    ctx.log.write('info', `${b.filePath}: blob Status="${b.status}", nothing failed that can be uploaded`);
    return;
  }
  if (disp.status === 'renamed') {
    ctx.renamed.push(b.blobPath);
    ctx.log.write('info', `${b.filePath}: the import renamed the blob (rule "${b.importDisposition?.value ?? ''}"); uploading to ${b.blobPath}`);
  }
  const after = ctx.afterOf(b);
  if (b.importDisposition) after.importDisposition = b.importDisposition;
  for (const r of b.ranges) ctx.setRange(after, r, r.status);
  for (const k of ['properties', 'metadata'] as const) if (b[k]) after[k] = { status: b[k]!.status, path: sidecarSource(b, k).drivePath };
  ctx.progress.current(b.filePath);
  if (b.kind === 'file') {
    after.blobFailure = 'Failed';
    ctx.fail({ filePath: b.filePath, blobPath: b.blobPath, component: 'blob', statusCode: 'Failed', detail: 'This is an Azure Files item; RepairImport repairs blobs only. Copy the file to the share with AzCopy.' });
    return;
  }
  let client: BlobClient;
  try {
    client = ctx.blobClient(b.blobPath);
  } catch (err) {
    ctx.handleComponentError(err, { filePath: b.filePath, blobPath: b.blobPath, component: 'blob' });
    after.blobFailure = lastStatus(ctx);
    return;
  }
  let whole = false;
  if (data) {
    const r = await repairData(ctx, b, client, after);
    whole = r.ok && r.whole;
  }
  for (const k of ['properties', 'metadata'] as const) await repairSidecar(ctx, b, client, k, after, whole);
}

