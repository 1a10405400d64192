/**
 * The manifest pass of RepairExport (seed `003_…` "Using RepairExport to validate drive contents"):
 * read every file the drive manifest lists, check the MD5 of each block / page range and of each
 * `.properties` / `.metadata` file, and download again whatever fails — including silent corruption
 * the copy log never mentioned, missing files and files shorter than their Length — then verify again
 * after writing. Nothing is written into a file whose blob changed since the export.
 *
 * A regenerated properties/metadata file whose bytes cannot reproduce the manifest hash (the service's
 * exact formatting is undocumented, formats.md §3) is compared by value, and the report says so.
 */
import { readFile, stat } from 'node:fs/promises';
import type { HashedPath, ManifestBlob, ManifestRange } from '../../../src-shared/formats/types.ts';
import { parseMetadataFile, parsePropertiesFile, propertiesEqualByValue } from '../formats/sidecar.ts';
import { resolveUnder, ensureParentInside } from '../drive/target.ts';
import { md5Hex, md5OfRange, newHashBuffer } from '../verify/hash-ranges.ts';
import { sharedHashPool } from '../verify/hash-pool.ts';
import { openForRepair, type AfterBlob, type BlobPin, type RunContext } from './context.ts';
import { pinBlob, sidecarText, writeFileAtomic } from './blob-access.ts';
import { downloadInto } from './transfer.ts';
import { keys } from './copy-log-pass.ts';

/** Low-water mark of verified manifest blobs, journaled so a resumed run skips what is verified. */
export class VerifyMark {
  private readonly finished = new Set<number>();
  private lastJournaled: number;
  private lastTime = Date.now();
  constructor(
    private readonly ctx: RunContext,
    public mark: number,
  ) {
    this.lastJournaled = mark;
  }
  /** Marks blob `i` verified; journals the mark at most once a second, and always on {@link flush}. */
  complete(i: number): void {
    this.finished.add(i);
    while (this.finished.delete(this.mark)) this.mark++;
    if (this.mark !== this.lastJournaled && Date.now() - this.lastTime > 1000) this.flush();
  }
  flush(): void {
    if (this.mark === this.lastJournaled) return;
    this.ctx.journal.append({ t: 'vmark', i: this.mark });
    this.lastJournaled = this.mark;
    this.lastTime = Date.now();
  }
}

/**
 * Hashes the file's ranges on the hashing pool (worker threads, verify/hash-pool.ts) and returns those
 * whose MD5 differs (or that lie beyond the end of the file); size is undefined when the file cannot be
 * opened (then every range is bad).
 */
async function findBadRanges(ctx: RunContext, absolute: string, ranges: ManifestRange[]): Promise<{ size?: number; bad: ManifestRange[] }> {
  const { size, hashes } = await sharedHashPool().hashRanges(absolute, ranges, { signal: ctx.signal, onBytes: (n) => ctx.progress.add('bytesVerified', n) });
  ctx.signal.throwIfAborted();
  const bad: ManifestRange[] = [];
  ranges.forEach((r, i) => {
    if (hashes[i] !== r.hash) bad.push(r);
    else ctx.verifiedGood++;
  });
  return { size, bad };
}

async function readIfExists(absolute: string): Promise<Buffer | undefined> {
  try {
    return await readFile(absolute);
  } catch {
    return undefined;
  }
}

/** The blob's exported state as the drive's properties file recorded it, when that file is intact. */
async function exportedState(ctx: RunContext, b: ManifestBlob): Promise<{ etag?: string; lastModified?: string }> {
  if (!b.propertiesPath?.hash) return {};
  const t = resolveUnder(ctx.root, b.propertiesPath.path);
  if (!t.ok) return {};
  const bytes = await readIfExists(t.absolute);
  if (!bytes || md5Hex(bytes) !== b.propertiesPath.hash) return {};
  try {
    const p = parsePropertiesFile(bytes.toString('utf8'), t.absolute);
    return { etag: p.etag, lastModified: p.lastModified };
  } catch {
    return {};
  }
}

/** Verifies and repairs one manifest blob. Component failures are recorded; fatal errors stop the run. */
export async function verifyManifestBlob(ctx: RunContext, b: ManifestBlob): Promise<void> {
  const target = resolveUnder(ctx.root, b.filePath);
  if (!target.ok) {
    ctx.afterOf(b).blobFailure = target.statusCode;
    ctx.fail({ filePath: b.filePath, blobPath: b.blobPath, component: 'blob', statusCode: target.statusCode, detail: `Refused: ${target.reason}. Nothing was read or written for this blob.` });
    return;
  }
  await ctx.gate.wait(ctx.signal);
  ctx.progress.current(b.filePath);
  const { size, bad } = await findBadRanges(ctx, target.absolute, b.ranges);
  let pinPromise: Promise<BlobPin> | undefined;
  const getPin = (): Promise<BlobPin> => (pinPromise ??= exportedState(ctx, b).then((ex) => pinBlob(ctx, b.blobPath, b.snapshot, { ...ex, length: b.length })));

  if (bad.length || size !== b.length) {
    const after = ctx.afterOf(b);
    for (const r of bad) ctx.setRange(after, r, 'Corrupted');
    ctx.progress.add('componentsTotal', bad.length);
    const why = [size === undefined ? 'file missing' : size !== b.length ? `file is ${size} bytes, the manifest says ${b.length}` : '', bad.length ? `${bad.length} of ${b.ranges.length} ranges fail their MD5` : ''];
    ctx.log.write('warn', `${b.filePath}: ${why.filter(Boolean).join('; ')}`);
    let pin: BlobPin;
    try {
      pin = await getPin();
    } catch (err) {
      ctx.handleComponentError(err, { filePath: b.filePath, blobPath: b.blobPath, component: 'blob' });
      after.blobFailure = ctx.failures[ctx.failures.length - 1]?.statusCode ?? 'Failed';
      return;
    }
    await rewriteRanges(ctx, pin, target.absolute, b, bad, after);
  }
  if (b.propertiesPath) await verifySidecar(ctx, 'properties', b, b.propertiesPath, getPin);
  if (b.metadataPath) await verifySidecar(ctx, 'metadata', b, b.metadataPath, getPin);
}

async function rewriteRanges(ctx: RunContext, pin: BlobPin, absolute: string, b: ManifestBlob, bad: ManifestRange[], after: AfterBlob): Promise<void> {
  try {
    await ensureParentInside(ctx.root, absolute);
  } catch (err) {
    ctx.handleComponentError(err, { filePath: b.filePath, blobPath: b.blobPath, component: 'file' });
    after.blobFailure = ctx.failures[ctx.failures.length - 1]?.statusCode ?? 'Failed';
    return;
  }
  const fh = await openForRepair(absolute);
  try {
    const size = (await fh.stat()).size;
    if (size !== b.length) {
      await fh.truncate(b.length);
      ctx.log.write('info', `${b.filePath}: length set from ${size} to ${b.length} bytes`);
    }
    const buf = newHashBuffer();
    for (const r of bad) {
      ctx.progress.add('bytesToDownload', r.length);
      try {
        await downloadInto(ctx, pin, fh, r.offset, r.length, b.filePath, r.hash);
        const check = await md5OfRange(fh.handle, r.offset, r.length, buf);
        if (check !== r.hash) {
          ctx.setRange(after, r, 'Corrupted');
          ctx.fail({ filePath: b.filePath, blobPath: b.blobPath, component: 'range', offset: r.offset, length: r.length, statusCode: 'IOFailed', detail: `Written, but reading it back gives MD5 ${check ?? '(short read)'} instead of ${r.hash}: the drive may be failing.` });
          continue;
        }
        ctx.journal.append({ t: 'done', c: keys.range(b.filePath, r.offset, r.length) });
        ctx.repaired++;
        ctx.progress.add('componentsDone', 1);
        ctx.setRange(after, r, 'Completed');
        ctx.log.write('info', `repaired ${b.filePath} offset ${r.offset} length ${r.length} (MD5 verified after writing)`);
      } catch (err) {
        ctx.handleComponentError(err, { filePath: b.filePath, blobPath: b.blobPath, component: 'range', offset: r.offset, length: r.length });
        ctx.setRange(after, r, ctx.failures[ctx.failures.length - 1]?.statusCode ?? 'Failed');
      }
    }
    await fh.sync();
  } finally {
    await fh.close();
  }
}

function metadataEqual(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a).map((k) => k.toLowerCase()).sort();
  const kb = Object.keys(b).map((k) => k.toLowerCase()).sort();
  if (ka.join('\n') !== kb.join('\n')) return false;
  const lower = (r: Record<string, string>): Map<string, string> => new Map(Object.entries(r).map(([k, v]) => [k.toLowerCase(), v]));
  const la = lower(a);
  const lb = lower(b);
  return ka.every((k) => la.get(k) === lb.get(k));
}

async function verifySidecar(ctx: RunContext, kind: 'properties' | 'metadata', b: ManifestBlob, hp: HashedPath, getPin: () => Promise<BlobPin>): Promise<void> {
  const target = resolveUnder(ctx.root, hp.path);
  if (!target.ok) {
    ctx.fail({ filePath: hp.path, blobPath: b.blobPath, component: kind, statusCode: target.statusCode, detail: `Refused: ${target.reason}. Nothing was written.` });
    return;
  }
  const existing = await readIfExists(target.absolute);
  if (existing && hp.hash && md5Hex(existing) === hp.hash) {
    ctx.verifiedGood++;
    return;
  }
  const after = ctx.afterOf(b);
  ctx.progress.add('componentsTotal', 1);
  try {
    const pin = await getPin();
    const text = sidecarText(kind, pin);
    if (hp.hash && md5Hex(text) === hp.hash) {
      await writeFileAtomic(ctx, target.absolute, text);
      ctx.repaired++;
    } else {
      let sameValues = false;
      if (existing) {
        try {
          sameValues =
            kind === 'properties'
              ? propertiesEqualByValue(parsePropertiesFile(existing.toString('utf8'), target.absolute), pin.properties ?? {})
              : metadataEqual(parseMetadataFile(existing.toString('utf8'), target.absolute), pin.metadata ?? {});
        } catch {
          sameValues = false;
        }
      }
      if (sameValues) {
        ctx.notes.push(`${hp.path}: its bytes differ from the drive manifest's MD5, but every value equals the blob's current ${kind}; kept as is (compared by value, since the service's exact file formatting is not documented).`);
      } else {
        await writeFileAtomic(ctx, target.absolute, text);
        ctx.repaired++;
        ctx.notes.push(`${hp.path}: ${existing ? 'did not match' : 'was missing from'} the drive; regenerated from the blob's current ${kind}. The new file cannot reproduce the manifest's MD5 byte for byte (the service's exact formatting is not documented), so it was checked by value: it holds the blob's values exactly.`);
      }
    }
    await stat(target.absolute);
    ctx.progress.add('componentsDone', 1);
    after[kind] = { status: 'Completed', path: hp.path };
    ctx.log.write('info', `verified ${kind} file ${hp.path}`);
  } catch (err) {
    ctx.handleComponentError(err, { filePath: hp.path, blobPath: b.blobPath, component: kind });
    after[kind] = { status: ctx.failures[ctx.failures.length - 1]?.statusCode ?? 'Failed', path: hp.path };
  }
}
