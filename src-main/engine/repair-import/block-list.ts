/**
 * Block layouts for RepairImport: which block IDs a repaired block blob commits, in which order, and
 * which of them are uploaded from the original file. Pure functions.
 *
 * Rules (issue "RepairImport"; Azure Blob REST "Put Block" / "Put Block List"):
 * - A failed block is uploaded again with the copy log's block ID (`Block@Id`), and the blob's full
 *   block order is kept: the committed blocks that were fine stay; the failed ones are put at their
 *   offsets. Put Block List makes a blob of exactly the listed blocks, in the listed order.
 * - A copy log's error log lists only failed blocks, so the committed block list supplies the others.
 *   A failed block that the service committed with bad data under its own ID (or that it left out of
 *   the list) is replaced or inserted. A committed block carrying a failed block's ID elsewhere is the
 *   same block used twice (content-addressed IDs such as `MD5/…` repeat for equal data, as in seed
 *   000's import sample): it stays in place, refers to the re-uploaded block, and is marked
 *   `sameAs` so the caller checks that the original holds the same bytes there.
 * - A blob uploaded whole uses the copy log's block layout when the log lists blocks covering the whole
 *   blob with IDs, else blocks of 4 MiB (larger only when a blob would need more than Azure's 50,000
 *   blocks), with IDs in the style of the log samples: base64 of a 4-byte little-endian counter
 *   (`AAAAAA==`, `AQAAAA==`, formats.md §1.1). All IDs of a blob have the same length (Azure rule).
 */
import type { LogRange } from '../../../src-shared/formats/types.ts';

/** One block of a committed block list (Get Block List): ID (base64) and size in bytes. */
export interface CommittedBlock {
  name: string;
  size: number;
}

/** One block of the block list to commit. Offsets and lengths in bytes, in the blob and in the original file. */
export interface PlannedBlock {
  /** Block ID, base64. */
  id: string;
  offset: number;
  length: number;
  /** True: read from the original file and Put Block it; false: keep the committed block of this ID. */
  upload: boolean;
  /** The copy log's upper-case hex MD5 of the block, when it has one. */
  hash?: string;
  /**
   * A kept position whose ID is also a failed block's (a block used twice): the offset of that failed
   * block. Its bytes in the original must equal those at `sameAs` (else the layout is not the blob's).
   */
  sameAs?: number;
}

/** A block layout, or why none can be built. */
export type BlockPlanResult = { ok: true; blocks: PlannedBlock[] } | { ok: false; reason: string };

/** Azure's largest number of committed blocks in one block blob. */
export const MAX_BLOCKS_PER_BLOB = 50_000;

/** Block size of a layout this tool chooses, bytes (the manifest format's largest range). */
export const DEFAULT_BLOCK_BYTES = 4 * 1024 * 1024;

/**
 * Merges the failed blocks of a copy log into the blob's committed block list (see the module rules).
 *
 * @param committed the committed block list, in order
 * @param failed the copy log's failed blocks; each needs an `id`; any order (sorted here by offset)
 * @param blobLength the blob's length from the copy log, bytes
 * @returns the blocks to commit, in order, covering [0, blobLength) exactly, failed blocks with
 *   `upload: true`; or `ok: false` with a reason (a failed block without an ID, overlapping blocks, a
 *   gap no block fills, committed blocks that do not fit the blob's length)
 */
export function mergeBlockList(committed: readonly CommittedBlock[], failed: readonly LogRange[], blobLength: number): BlockPlanResult {
  const fail = (reason: string): BlockPlanResult => ({ ok: false, reason });
  const sorted = [...failed].sort((a, b) => a.offset - b.offset);
  const failedById = new Map<string, LogRange>();
  for (const f of sorted) {
    if (!f.id) return fail(`the copy log gives no block ID for the failed block at offset ${f.offset}`);
    const seen = failedById.get(f.id);
    if (seen && seen.length !== f.length) return fail(`the copy log gives block ${f.id} two lengths`);
    if (!seen) failedById.set(f.id, f);
  }
  const out: PlannedBlock[] = [];
  let pos = 0;
  let i = 0;
  let j = 0;
  while (pos < blobLength) {
    const f = sorted[j];
    if (f && f.offset === pos) {
      out.push({ id: f.id!, offset: pos, length: f.length, upload: true, ...(f.hash ? { hash: f.hash } : {}) });
      pos += f.length;
      j++;
      // The committed block of the same ID at this place is its bad version: replaced.
      if (committed[i]?.name === f.id) i++;
      continue;
    }
    if (f && f.offset < pos) return fail(`the failed block at offset ${f.offset} overlaps the block before it (which ends at ${pos})`);
    const c = committed[i];
    if (!c) return fail(`the committed blocks end at offset ${pos}, the blob is ${blobLength} bytes, and the copy log names no block at ${pos}`);
    i++;
    const twin = failedById.get(c.name);
    const size = twin ? twin.length : c.size;
    if (f && pos + size > f.offset) return fail(`the committed block ${c.name} (offset ${pos}, ${size} bytes) overlaps the failed block at offset ${f.offset}`);
    out.push({ id: c.name, offset: pos, length: size, upload: false, ...(twin ? { sameAs: twin.offset } : {}) });
    pos += size;
  }
  if (pos !== blobLength) return fail(`the blocks end at offset ${pos}, beyond the blob's length ${blobLength}`);
  if (j < sorted.length) return fail(`the failed block at offset ${sorted[j]!.offset} lies beyond the blob's length ${blobLength}`);
  if (i < committed.length) return fail(`the committed block list holds more data than the blob's length ${blobLength}`);
  const lengths = new Set(out.map((b) => b.id.length));
  if (lengths.size > 1) return fail('the block IDs of the copy log and of the committed block list differ in length');
  return { ok: true, blocks: out };
}

/**
 * The copy log's own layout for a blob uploaded whole: its blocks when they all have IDs of one length,
 * are contiguous from offset 0 and end exactly at `blobLength` (blocks of a verbose log, or of an error
 * log whose blob failed as a whole). Otherwise undefined. Every block has `upload: true`.
 */
export function layoutFromLog(ranges: readonly LogRange[], blobLength: number): PlannedBlock[] | undefined {
  if (ranges.length === 0) return blobLength === 0 ? [] : undefined;
  const sorted = [...ranges].sort((a, b) => a.offset - b.offset);
  const idLength = sorted[0]!.id?.length;
  let pos = 0;
  const out: PlannedBlock[] = [];
  for (const r of sorted) {
    if (!r.id || r.id.length !== idLength || r.offset !== pos || r.length <= 0) return undefined;
    out.push({ id: r.id, offset: r.offset, length: r.length, upload: true, ...(r.hash ? { hash: r.hash } : {}) });
    pos += r.length;
  }
  return pos === blobLength ? out : undefined;
}

/**
 * Block ID number `i`: base64 of `i` as a little-endian integer of `bytes` bytes (default 4:
 * `AAAAAA==`, `AQAAAA==`…; 2 to 48 bytes, so the ID can match the length of a blob's existing IDs).
 * @throws RangeError when `i` does not fit in `bytes` bytes
 */
export function counterBlockId(i: number, bytes = 4): string {
  const n = Math.min(48, Math.max(2, bytes));
  const b = Buffer.alloc(n);
  b.writeUIntLE(i, 0, Math.min(n, 6));
  return b.toString('base64');
}

/**
 * A layout of this tool's choosing for `blobLength` bytes: blocks of {@link DEFAULT_BLOCK_BYTES}
 * (larger, in whole MiB, when more than {@link MAX_BLOCKS_PER_BLOB} blocks would be needed), IDs from
 * {@link counterBlockId} of `idBytes` bytes (default 4). An empty blob has no blocks.
 */
export function defaultLayout(blobLength: number, idBytes = 4): PlannedBlock[] {
  const mib = 1024 * 1024;
  const size = Math.max(DEFAULT_BLOCK_BYTES, Math.ceil(blobLength / MAX_BLOCKS_PER_BLOB / mib) * mib);
  const out: PlannedBlock[] = [];
  for (let o = 0, i = 0; o < blobLength; o += size, i++) out.push({ id: counterBlockId(i, idBytes), offset: o, length: Math.min(size, blobLength - o), upload: true });
  return out;
}
