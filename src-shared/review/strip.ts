/**
 * Where in a file its failures sit, as a bounded list of runs (the data behind a failure strip).
 * Pure (src-shared).
 */
import type { StatusSeverity } from '../status/types.ts';
import type { FailureStrip, StripSegment } from './types.ts';

const RANK: Readonly<Record<StatusSeverity, number>> = { ok: 0, warning: 1, error: 2 };

/** A failed range: offset and length in bytes, its status code and severity. */
export interface StripRange {
  offset: number;
  length: number;
  status: string;
  severity: StatusSeverity;
}

/**
 * Builds the strip of a file of `length` bytes from its failed ranges (any order; overlapping and
 * zero-length ranges allowed; parts beyond `length` are clipped):
 * 1. ranges sorted by offset; touching or overlapping ranges with the same status merged;
 * 2. at most `maxSegments` runs: exact (`binned: false`);
 * 3. more: the file is cut into `maxSegments` equal bins, each bin takes the status of the most severe
 *    run touching it (first seen on a tie), and equal neighbouring bins are joined (`binned: true`).
 * A zero-length range still marks the byte it points at (so a failure is never invisible).
 * @param maxSegments at least 1 (default 200)
 */
export function buildStrip(length: number, ranges: readonly StripRange[], maxSegments = 200): FailureStrip {
  const len = Math.max(0, Math.floor(length));
  const max = Math.max(1, Math.floor(maxSegments));
  const sorted = ranges
    .map((r) => {
      const start = Math.min(Math.max(0, r.offset), len);
      const end = Math.min(len, Math.max(start + Math.max(0, r.length), start + (len > start ? 1 : 0)));
      return { start, end, status: r.status, severity: r.severity };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: StripSegment[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.status === r.status && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  if (merged.length <= max) return { length: len, segments: merged, binned: false };
  const binSize = Math.max(1, Math.ceil(len / max));
  const bins = Math.ceil(len / binSize);
  const status: Array<{ status: string; severity: StatusSeverity } | undefined> = new Array(bins);
  for (const r of merged) {
    const first = Math.floor(r.start / binSize);
    const last = Math.floor(Math.max(r.start, r.end - 1) / binSize);
    for (let i = first; i <= last && i < bins; i++) {
      const cur = status[i];
      if (!cur || RANK[r.severity] > RANK[cur.severity]) status[i] = { status: r.status, severity: r.severity };
    }
  }
  const segments: StripSegment[] = [];
  for (let i = 0; i < bins; i++) {
    const s = status[i];
    if (!s) continue;
    const start = i * binSize;
    const end = Math.min(len, (i + 1) * binSize);
    const last = segments[segments.length - 1];
    if (last && last.status === s.status && last.end === start) last.end = end;
    else segments.push({ start, end, status: s.status, severity: s.severity });
  }
  return { length: len, segments, binned: true };
}
