/**
 * The copy-log pass of RepairExport (seeds `001_…`/`003_…`): for every failed block or page range,
 * download that range of the blob and write it into the file at the same offset; a blob that failed
 * as a whole is downloaded whole; failed `.properties`/`.metadata` files are regenerated.
 *
 * "Failed as a whole" (issue "RepairExport"): the file is missing or has the wrong length, the blob's
 * status is neither `Completed` nor `CompletedWithErrors`, or a range was `Cancelled` (an earlier
 * failure stopped processing, so later ranges were never written). An empty `<BlockList/>` with
 * `CompletedWithErrors` means the data is fine and only properties/metadata failed (formats.md §1.1).
 */
import { stat, readFile } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import type { CopyLogBlob, ErroredEntity, LogRange } from '../../../src-shared/formats/types.ts';
import { resolveUnder } from '../drive/target.ts';
import { parsePropertiesFile } from '../formats/sidecar.ts';
import { ensureParentInside } from '../drive/target.ts';
import { openForRepair, type AfterBlob, type BlobPin, type RunContext } from './context.ts';
import { pinBlob, sidecarText, writeFileAtomic, type ExportedState } from './blob-access.ts';
import { downloadInto, splitParts } from './transfer.ts';

/** Repair-file component keys (stable across runs). */
export const keys = {
  range: (filePath: string, offset: number, length: number): string => `r|${filePath}|${offset}|${length}`,
  part: (filePath: string, offset: number): string => `w|${filePath}|${offset}`,
  sidecar: (kind: 'properties' | 'metadata', filePath: string): string => `${kind === 'properties' ? 'p' : 'm'}|${filePath}`,
};

const OK_BLOB = new Set(['Completed', 'CompletedWithErrors']);

/**
 * True when the blob must be downloaded whole: its file is missing (`size` undefined) or of the wrong
 * length, its status is neither `Completed` nor `CompletedWithErrors`, or a range was `Cancelled`.
 */
export function failsAsWhole(b: CopyLogBlob, size: number | undefined): boolean {
  return size === undefined || size !== b.length || !OK_BLOB.has(b.status) || b.ranges.some((r) => r.status === 'Cancelled');
}

/** Drive paths of the `.properties` / `.metadata` files the copy log says failed (default: FilePath + extension). */
export function failedSidecars(b: CopyLogBlob): { propsPath?: string; metaPath?: string } {
  return {
    propsPath: b.properties && b.properties.status !== 'Completed' ? (b.properties.path?.path ?? `${b.filePath}.properties`) : undefined,
    metaPath: b.metadata && b.metadata.status !== 'Completed' ? (b.metadata.path?.path ?? `${b.filePath}.metadata`) : undefined,
  };
}

/** Size of a regular file in bytes, or undefined when it is missing or not a file. */
export async function fileSize(path: string): Promise<number | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}

/** True when the copy log says something of this blob needs repair. */
export function needsRepair(b: CopyLogBlob): boolean {
  return (
    b.status !== 'Completed' ||
    b.ranges.some((r) => r.status !== 'Completed') ||
    (b.properties !== undefined && b.properties.status !== 'Completed') ||
    (b.metadata !== undefined && b.metadata.status !== 'Completed')
  );
}

/** The drive's properties file Etag/Last-Modified, when the file is there and readable. */
async function exportedFromPropertiesFile(absolute: string | undefined): Promise<ExportedState> {
  if (!absolute) return {};
  try {
    const p = parsePropertiesFile(await readFile(absolute, 'utf8'), absolute);
    return { etag: p.etag, lastModified: p.lastModified };
  } catch {
    return {};
  }
}

/**
 * Throws (errno `ENOENT`, so it is reported as `IOFailed`) when the open file was deleted while it was
 * being repaired (its folder removed, the file deleted): what was written went into a file that no longer
 * has a name. The next run downloads it again ({@link downloadWhole} distrusts records of a file that is
 * missing or of the wrong length).
 */
export async function assertStillLinked(fh: { stat(): Promise<Stats> }, filePath: string): Promise<void> {
  if ((await fh.stat()).nlink === 0) {
    throw Object.assign(new Error(`${filePath} was deleted (or its folder was) while it was being repaired; run the same command again to download it again`), { code: 'ENOENT' });
  }
}

/**
 * Downloads the whole blob into its file in 4 MiB parts, each journaled; the file is created and sized
 * first. Parts the repair file records as done are trusted only when the file already has its full
 * length (a resumed download sized it before writing any part): a file that is missing or of another
 * length was deleted or replaced since, so every part is downloaded again.
 */
export async function downloadWhole(ctx: RunContext, pin: BlobPin, absolute: string, filePath: string, length: number): Promise<void> {
  await ensureParentInside(ctx.root, absolute);
  const fh = await openForRepair(absolute);
  try {
    const trustRecords = (await fh.stat()).size === length;
    if (!trustRecords) await fh.truncate(length);
    const parts = splitParts(0, length);
    await Promise.all(
      parts.map(async (p) => {
        const key = keys.part(filePath, p.offset);
        if (trustRecords && ctx.journal.state.done.has(key)) {
          return;
        }
        ctx.progress.add('bytesToDownload', p.length);
        await downloadInto(ctx, pin, fh, p.offset, p.length, filePath);
        ctx.journal.append({ t: 'done', c: key });
        ctx.repaired++;
      }),
    );
    await fh.sync();
    await assertStillLinked(fh, filePath);
  } finally {
    await fh.close();
  }
}

/** Regenerates a failed `.properties` / `.metadata` file from the pinned blob (formats.md §3). */
async function repairSidecar(ctx: RunContext, pin: BlobPin, kind: 'properties' | 'metadata', filePath: string, sidecarPath: string, after: AfterBlob): Promise<void> {
  const key = keys.sidecar(kind, filePath);
  const rec = { status: 'Completed', path: sidecarPath };
  if (ctx.journal.state.done.has(key)) {
    after[kind] = rec;
    return;
  }
  const target = resolveUnder(ctx.root, sidecarPath);
  if (!target.ok) {
    after[kind] = { status: target.statusCode, path: sidecarPath };
    ctx.fail({ filePath: sidecarPath, blobPath: after.blobPath, component: kind, statusCode: target.statusCode, detail: `Refused: ${target.reason}. Nothing was written.` });
    return;
  }
  try {
    await writeFileAtomic(ctx, target.absolute, sidecarText(kind, pin));
    ctx.journal.append({ t: 'done', c: key });
    ctx.repaired++;
    ctx.progress.add('componentsDone', 1);
    after[kind] = rec;
    ctx.log.write('info', `rewrote ${kind} file ${sidecarPath}`);
  } catch (err) {
    after[kind] = { status: 'IOFailed', path: sidecarPath };
    ctx.handleComponentError(err, { filePath: sidecarPath, blobPath: after.blobPath, component: kind });
  }
}

/** Repairs one copy-log blob. Component failures are recorded in `ctx`; fatal errors stop the run. */
export async function repairCopyLogBlob(ctx: RunContext, b: CopyLogBlob): Promise<void> {
  if (!needsRepair(b)) return;
  const after = ctx.afterOf(b);
  for (const r of b.ranges) ctx.setRange(after, r, r.status);
  if (b.properties) after.properties = { status: b.properties.status, path: b.properties.path?.path };
  if (b.metadata) after.metadata = { status: b.metadata.status, path: b.metadata.path?.path };
  const target = resolveUnder(ctx.root, b.filePath);
  if (!target.ok) {
    after.blobFailure = target.statusCode;
    ctx.fail({ filePath: b.filePath, blobPath: b.blobPath, component: 'blob', statusCode: target.statusCode, detail: `Refused: ${target.reason}. Nothing was written for this blob.` });
    return;
  }
  const size = await fileSize(target.absolute);
  const failedRanges = b.ranges.filter((r) => r.status !== 'Completed');
  const whole = ctx.journal.state.wholeFiles.has(b.filePath) || failsAsWhole(b, size);
  const { propsPath, metaPath } = failedSidecars(b);
  const total = (whole ? Math.max(1, splitParts(0, b.length).length) : failedRanges.length) + (propsPath ? 1 : 0) + (metaPath ? 1 : 0);
  ctx.progress.add('componentsTotal', total);
  ctx.progress.current(b.filePath);

  let pin: BlobPin;
  try {
    // The drive's properties file records the ETag at export time, unless the copy log says it failed.
    const fromFile = propsPath ? {} : await exportedFromPropertiesFile(resolveProps(ctx, b));
    pin = await pinBlob(ctx, b.blobPath, b.snapshot, { lastModified: b.lastModified ?? fromFile.lastModified, etag: fromFile.etag, length: b.length >= 0 ? b.length : undefined });
  } catch (err) {
    after.blobFailure = 'BlobRequestFailed';
    ctx.handleComponentError(err, { filePath: b.filePath, blobPath: b.blobPath, component: 'blob' });
    after.blobFailure = ctx.failures[ctx.failures.length - 1]?.statusCode ?? 'Failed';
    return;
  }

  if (whole) {
    // 2021-08-01 entities carry no length: the blob's own length is the file's.
    const length = b.length >= 0 ? b.length : (pin.contentLength ?? 0);
    if (!ctx.journal.state.wholeFiles.has(b.filePath)) {
      ctx.journal.append({ t: 'plan', f: b.filePath, whole: true });
      ctx.journal.state.wholeFiles.add(b.filePath);
    }
    ctx.log.write('info', `downloading whole file ${b.filePath} (${length} bytes) from ${b.blobPath}${b.snapshot ? ` snapshot ${b.snapshot}` : ''}: ${size === undefined ? 'file missing' : size !== b.length ? `file is ${size} bytes` : `blob status ${b.status}`}`);
    try {
      await downloadWhole(ctx, pin, target.absolute, b.filePath, length);
      ctx.progress.add('componentsDone', Math.max(1, splitParts(0, length).length));
      for (const r of b.ranges) ctx.setRange(after, r, 'Completed');
    } catch (err) {
      after.blobFailure = 'Failed';
      ctx.handleComponentError(err, { filePath: b.filePath, blobPath: b.blobPath, component: 'file', offset: 0, length });
      after.blobFailure = ctx.failures[ctx.failures.length - 1]?.statusCode ?? 'Failed';
    }
  } else if (failedRanges.length) {
    await repairRanges(ctx, pin, target.absolute, b, failedRanges, after);
  }
  if (propsPath) await repairSidecar(ctx, pin, 'properties', b.filePath, propsPath, after);
  if (metaPath) await repairSidecar(ctx, pin, 'metadata', b.filePath, metaPath, after);
}

function resolveProps(ctx: RunContext, b: CopyLogBlob): string | undefined {
  const r = resolveUnder(ctx.root, b.properties?.path?.path ?? `${b.filePath}.properties`);
  return r.ok ? r.absolute : undefined;
}

/** The ranges without repeats (a copy log listing the same range twice gets it downloaded once). */
function uniqueRanges(filePath: string, ranges: LogRange[]): LogRange[] {
  const seen = new Set<string>();
  return ranges.filter((r) => {
    const k = keys.range(filePath, r.offset, r.length);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

async function repairRanges(ctx: RunContext, pin: BlobPin, absolute: string, b: CopyLogBlob, ranges: LogRange[], after: AfterBlob): Promise<void> {
  await ensureParentInside(ctx.root, absolute);
  const fh = await openForRepair(absolute);
  try {
    await Promise.all(
      uniqueRanges(b.filePath, ranges).map(async (r) => {
        const key = keys.range(b.filePath, r.offset, r.length);
        if (ctx.journal.state.done.has(key)) {
          ctx.progress.add('componentsDone', 1);
          ctx.setRange(after, r, 'Completed');
          return;
        }
        if (r.offset + r.length > b.length) {
          ctx.setRange(after, r, 'BlobUnexpectedEnd');
          ctx.fail({ filePath: b.filePath, blobPath: b.blobPath, component: 'range', offset: r.offset, length: r.length, statusCode: 'BlobUnexpectedEnd', detail: `The range ends at ${r.offset + r.length}, beyond the blob's length ${b.length}. Nothing was written.` });
          return;
        }
        ctx.progress.add('bytesToDownload', r.length);
        try {
          const md5 = await downloadInto(ctx, pin, fh, r.offset, r.length, b.filePath);
          if (r.hash && md5 && md5 !== r.hash) {
            ctx.log.write('warn', `${b.filePath} offset ${r.offset}: the copy log's hash ${r.hash} differs from the blob's data ${md5} (ETag unchanged); the blob's data was written`);
          }
          ctx.journal.append({ t: 'done', c: key });
          ctx.repaired++;
          ctx.progress.add('componentsDone', 1);
          ctx.setRange(after, r, 'Completed');
          ctx.log.write('info', `repaired ${b.filePath} offset ${r.offset} length ${r.length} (was ${r.status})`);
        } catch (err) {
          ctx.handleComponentError(err, { filePath: b.filePath, blobPath: b.blobPath, component: 'range', offset: r.offset, length: r.length });
          ctx.setRange(after, r, ctx.failures[ctx.failures.length - 1]?.statusCode ?? 'Failed');
        }
      }),
    );
    await fh.sync();
    await assertStillLinked(fh, b.filePath);
  } finally {
    await fh.close();
  }
}

/**
 * After the copy-log pass: every file it repaired must still be there with its length. A folder deleted
 * during the run takes files finished earlier with it; each is reported (`IOFailed`) so that the run does
 * not end "repaired" and the next run downloads them again.
 */
export async function checkRepairedFilesStillThere(ctx: RunContext): Promise<void> {
  for (const a of ctx.after.values()) {
    if (a.blobFailure || ctx.failedBlobs.has(a.blobPath)) continue;
    const t = resolveUnder(ctx.root, a.filePath);
    if (!t.ok) continue;
    const size = await fileSize(t.absolute);
    if (size === undefined || (a.length >= 0 && size !== a.length)) {
      a.blobFailure = 'IOFailed';
      ctx.fail({ filePath: a.filePath, blobPath: a.blobPath, component: 'file', statusCode: 'IOFailed', detail: `${t.absolute} ${size === undefined ? 'is gone' : `is ${size} bytes instead of ${a.length}`}: it was deleted or changed (or its folder was) while the repair ran. Run the same command again to download it again.` });
    }
  }
}

/**
 * 2021-08-01 copy logs name errored items by path only (no offsets, no MD5, formats.md §1.3): the
 * only possible repair is downloading the whole file. FilePath is the path with `/` → `\`.
 * Entities of other types (a renamed container or share) are not files and are not repaired.
 */
export function isFileEntity(e: ErroredEntity): boolean {
  return (e.type === undefined || /^(file|blob)$/i.test(e.type)) && e.path.includes('/');
}

/** The 2021-08-01 entity as a copy-log blob that failed as a whole (length unknown: -1). */
export function entityAsBlob(e: ErroredEntity): CopyLogBlob {
  return { kind: 'blob', status: 'Failed', blobPath: e.path, filePath: '\\' + e.path.replace(/\//g, '\\'), length: -1, hasRangeList: false, ranges: [], line: e.line };
}
