/**
 * Reading a blob's state before writing anything from it: the ETag pin, the "blob changed since the
 * export" check, and regenerating `.properties` / `.metadata` files.
 *
 * Rules: issue "RepairExport" — honour `Snapshot`; if Last-Modified or ETag differs from the copy log
 * or the drive's properties file, write nothing into that file and report `BlobUnexpectedChange`
 * (seed 000: "BlobUnexpectedChange: unexpected change occurred with the blob (export)").
 * Properties/metadata file shapes: formats.md §3.
 */
import { rename, writeFile, rm } from 'node:fs/promises';
import type { BlobClient, BlobGetPropertiesResponse } from '@azure/storage-blob';
import { WaieError } from '../../../src-shared/errors.ts';
import { classifyStorageError } from '../storage/errors.ts';
import { RangeDownloadError } from '../transfer/download-range.ts';
import { backoffDelayMs, sleep } from '../transfer/retry.ts';
import type { BlobPropertiesFile } from '../../../src-shared/formats/types.ts';
import { formatMetadataFile, formatPropertiesFile } from '../formats/sidecar.ts';
import { propertiesFileFromBlob } from '../storage/blob-properties.ts';
import type { BlobPin, RunContext } from './context.ts';
import { ensureParentInside } from '../drive/target.ts';

/** What the drive says the blob looked like when it was exported. */
export interface ExportedState {
  /** Copy log `LastModified` or properties file `Last-Modified` (RFC 1123 or ISO 8601). */
  lastModified?: string;
  /** Properties file `Etag`. */
  etag?: string;
  /** Copy log / manifest `Length`, bytes. */
  length?: number;
}

function sameInstant(a: string, b: Date): boolean {
  const t = Date.parse(a);
  return Number.isFinite(t) && Math.floor(t / 1000) === Math.floor(b.getTime() / 1000);
}

function sameEtag(a: string, b: string): boolean {
  const strip = (s: string): string => s.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
  return strip(a) === strip(b);
}

/**
 * Gets the blob's (or snapshot's) properties and checks them against `exported`. Returns the pin.
 * Throws WaieError statusCode `BlobUnexpectedChange` when the blob changed; storage errors propagate.
 */
export async function pinBlob(ctx: RunContext, blobPath: string, snapshot: string | undefined, exported: ExportedState): Promise<BlobPin> {
  const client = ctx.blobClient(blobPath, snapshot);
  const p = await getPropertiesRetrying(ctx, client, blobPath);
  const why: string[] = [];
  if (exported.lastModified && p.lastModified && !sameInstant(exported.lastModified, p.lastModified)) {
    why.push(`Last-Modified is ${p.lastModified.toUTCString()}, the export recorded ${exported.lastModified}`);
  }
  if (exported.etag && p.etag && !sameEtag(exported.etag, p.etag)) why.push(`ETag is ${p.etag}, the export recorded ${exported.etag}`);
  if (exported.length !== undefined && p.contentLength !== undefined && exported.length !== p.contentLength) {
    why.push(`its length is ${p.contentLength} bytes, the export recorded ${exported.length}`);
  }
  if (why.length) {
    throw new WaieError({
      code: 'BLOB_CHANGED',
      title: 'The blob changed since the export',
      detail: `${blobPath}${snapshot ? ` (snapshot ${snapshot})` : ''} no longer matches what was exported: ${why.join('; ')}. Nothing was written into its file. Export it again, or copy it with AzCopy.`,
      statusCode: 'BlobUnexpectedChange',
    });
  }
  const readUrl = await ctx.clients.readUrl?.(client);
  return { client, source: readUrl ? ctx.rangeReader.source(readUrl) : undefined, etag: p.etag, lastModified: p.lastModified, contentLength: p.contentLength, properties: propertiesFileFromBlob(p), metadata: p.metadata ?? {} };
}

/**
 * Get Blob Properties with the engine's retries on top of the SDK's few (platform.md: the SDK retries
 * 500/503 and resets, not 429/502/504, and only 3 times): transient failures are retried with backoff
 * (transfer/retry.ts) up to `maxAttempts`; a request without an answer for `stallTimeoutMs` (default
 * 30 s) is cut off and retried. After the last attempt the error carries its classification: an endpoint
 * that cannot be reached stops the run (`fatal`), anything else fails this blob only.
 */
async function getPropertiesRetrying(ctx: RunContext, client: BlobClient, blobPath: string): Promise<BlobGetPropertiesResponse> {
  const max = ctx.req.maxAttempts ?? 6;
  const timeoutMs = ctx.req.stallTimeoutMs ?? 30_000;
  for (let attempt = 1; ; attempt++) {
    ctx.signal.throwIfAborted();
    const timer = new AbortController();
    const t = setTimeout(() => timer.abort(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: 'StallError' })), timeoutMs);
    try {
      return await client.getProperties({ abortSignal: AbortSignal.any([ctx.signal, timer.signal]) });
    } catch (err) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      const c = classifyStorageError(timer.signal.aborted ? timer.signal.reason : err);
      if (c.disposition !== 'retry') throw err;
      if (attempt >= max) {
        throw new RangeDownloadError({ ...c, disposition: c.unreachable ? 'fatal' : 'component', detail: `${c.detail.replace(/;? ?(retrying|resuming)\.$/, '.')} Gave up after ${attempt} attempts to read the blob's properties.` }, { cause: err });
      }
      ctx.log.write('warn', `retry ${attempt} Get Blob Properties of ${blobPath}: ${c.detail}`);
      await sleep(backoffDelayMs(attempt), ctx.signal);
    } finally {
      clearTimeout(t);
    }
  }
}

/** Writes `text` to `absolute` atomically (temporary file in the same folder, then rename). */
export async function writeFileAtomic(ctx: RunContext, absolute: string, text: string): Promise<void> {
  await ensureParentInside(ctx.root, absolute);
  const tmp = `${absolute}.waie-tmp`;
  try {
    await writeFile(tmp, text, { encoding: 'utf8', flush: true });
    await rename(tmp, absolute);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/** The `.properties` or `.metadata` text the service would write for the pinned blob (formats.md §3). */
export function sidecarText(kind: 'properties' | 'metadata', pin: BlobPin): string {
  return kind === 'properties' ? formatPropertiesFile(pin.properties as BlobPropertiesFile) : formatMetadataFile(pin.metadata ?? {});
}
