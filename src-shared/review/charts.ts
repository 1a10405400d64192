/**
 * Inline SVG charts of a review (the HTML report; usable by the wizard too): a horizontal bar chart of
 * counts per status, and a strip per file showing where in it the failures sit. Pure functions
 * returning strings; no script, no external resources (they live under the report's CSP
 * `default-src 'none'`). Each chart is `role="img"` with an `aria-label` and a `<title>` that state the
 * numbers in words, so it reads without the picture.
 */
import { escapeMarkup, num, safeId } from '../svg/markup.ts';
import type { StatusSeverity } from '../status/types.ts';
import type { CountBar, FailureStrip } from './types.ts';

/** Fill colours per severity (Fluent palette: green, dark orange, red); chosen for contrast on white. */
export const SEVERITY_COLOURS: Readonly<Record<StatusSeverity, string>> = Object.freeze({ ok: '#107c10', warning: '#bc4b09', error: '#c50f1f' });

/** Bytes as `0 B`, `512 B`, `1.5 KiB`, `3.0 MiB`, `1.2 GiB`, `2.0 TiB` (binary units, one decimal above 1 KiB). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 1024) return `${Number.isFinite(n) ? Math.max(0, Math.round(n)) : 0} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

/** Input of {@link barChartSvg}. */
export interface BarChartInput {
  /** Accessible name; the values are appended in words (`"Blob status: Completed 10, Failed 2"`). */
  title: string;
  bars: readonly CountBar[];
  /** Unique per document (ids inside the SVG). */
  idPrefix: string;
  /** Width in user units (default 640). */
  width?: number;
  /** Most bars drawn (default 12); the rest are summed into one bar labelled `otherLabel`. */
  maxBars?: number;
  /** Label of the summed bar (default `other`). */
  otherLabel?: string;
}

const ROW = 24;

/**
 * A horizontal bar chart: one row per bar (code on the left, bar scaled linearly to the largest count,
 * the count after it; a count above 0 is at least 3 units wide so it stays visible), coloured by
 * severity. Height = rows × 24 + 8. `<title>` and `aria-label`: `title` plus every code and count.
 * Returns an empty string for no bars.
 */
export function barChartSvg(input: BarChartInput): string {
  const width = input.width ?? 640;
  const max = input.maxBars ?? 12;
  let bars = [...input.bars];
  if (bars.length > max) {
    const rest = bars.slice(max - 1);
    const worst: StatusSeverity = rest.some((b) => b.severity === 'error') ? 'error' : rest.some((b) => b.severity === 'warning') ? 'warning' : 'ok';
    const other = input.otherLabel ?? 'other';
    bars = [...bars.slice(0, max - 1), { code: other, title: other, count: rest.reduce((n, b) => n + b.count, 0), severity: worst }];
  }
  if (bars.length === 0) return '';
  const p = safeId(input.idPrefix);
  const label = `${input.title}: ${bars.map((b) => `${b.code} ${b.count}`).join(', ')}`;
  const labelW = 210;
  const countW = 80;
  const area = Math.max(50, width - labelW - countW);
  const top = Math.max(...bars.map((b) => b.count), 1);
  const height = bars.length * ROW + 8;
  const rows = bars.map((b, i) => {
    const y = 4 + i * ROW;
    const w = b.count > 0 ? Math.max(3, (b.count / top) * area) : 0;
    const code = b.code.length > 30 ? `${b.code.slice(0, 29)}…` : b.code;
    return (
      `<g class="bar" data-code="${escapeMarkup(b.code)}" data-count="${b.count}"><title>${escapeMarkup(`${b.code} (${b.title}): ${b.count}`)}</title>` +
      `<text x="${labelW - 8}" y="${y + 16}" text-anchor="end" font-size="12" fill="#242424">${escapeMarkup(code)}</text>` +
      `<rect x="${labelW}" y="${y + 4}" width="${num(w)}" height="${ROW - 8}" rx="2" fill="${SEVERITY_COLOURS[b.severity]}"/>` +
      `<text x="${num(labelW + w + 6)}" y="${y + 16}" font-size="12" fill="#242424">${b.count.toLocaleString('en-US')}</text></g>`
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart bar-chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeMarkup(label)}" aria-labelledby="${p}-title" style="max-width:100%;height:auto" font-family="Segoe UI, system-ui, sans-serif">` +
    `<title id="${p}-title">${escapeMarkup(label)}</title>` +
    `<line x1="${labelW}" y1="2" x2="${labelW}" y2="${height - 2}" stroke="#8a8a8a"/>` +
    rows.join('') +
    `</svg>`
  );
}

/** Input of {@link stripSvg}. */
export interface StripInput {
  /** Accessible name, e.g. `Failures in \pictures\a.jpg: 2 ranges, 128.0 KiB of 160.0 KiB`. */
  title: string;
  strip: FailureStrip;
  idPrefix: string;
  /** Width in user units (default 640). */
  width?: number;
}

/**
 * One file as a horizontal strip (grey: not failed) with its failed runs coloured by severity; each run
 * has a `<title>` with its byte range and status; under it `0` and the file length. A run is at least 1
 * unit wide. A file of length 0 with a failure is drawn failed whole. Height 38.
 */
export function stripSvg(input: StripInput): string {
  const width = input.width ?? 640;
  const p = safeId(input.idPrefix);
  const { length, segments } = input.strip;
  const x0 = 4;
  const w = width - 8;
  const scale = (n: number): number => (length > 0 ? (n / length) * w : 0);
  const runs = segments.map((s) => {
    const x = length > 0 ? x0 + scale(s.start) : x0;
    const sw = length > 0 ? Math.max(1, scale(s.end - s.start)) : w;
    return `<rect class="run" data-start="${s.start}" data-end="${s.end}" data-status="${escapeMarkup(s.status)}" x="${num(Math.min(x, x0 + w - 1))}" y="4" width="${num(sw)}" height="18" fill="${SEVERITY_COLOURS[s.severity]}"><title>${escapeMarkup(`${s.start}–${s.end} (${formatBytes(s.end - s.start)}): ${s.status}`)}</title></rect>`;
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart strip" viewBox="0 0 ${width} 38" width="${width}" height="38" role="img" aria-label="${escapeMarkup(input.title)}" aria-labelledby="${p}-title" style="max-width:100%;height:auto" font-family="Segoe UI, system-ui, sans-serif">` +
    `<title id="${p}-title">${escapeMarkup(input.title)}</title>` +
    `<rect x="${x0}" y="4" width="${w}" height="18" fill="#e0e0e0" stroke="#8a8a8a" stroke-width="0.5"/>` +
    runs.join('') +
    `<text x="${x0}" y="35" font-size="10" fill="#424242">0</text>` +
    `<text x="${x0 + w}" y="35" font-size="10" text-anchor="end" fill="#424242">${escapeMarkup(formatBytes(length))}</text>` +
    `</svg>`
  );
}
