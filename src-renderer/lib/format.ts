/** Number, size, rate and duration formatting for the wizard, in the UI language. */
import type { UiLanguage } from '../i18n/language.ts';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** Bytes in binary units with Windows Explorer's labels (1 KB = 1024 B) and 3 significant digits, e.g. `1.50 GB`, `1,50 GB` in Dutch. */
export function formatBytes(bytes: number, lang: UiLanguage): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 ? 0 : value < 10 ? 2 : value < 100 ? 1 : 0;
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value)} ${UNITS[unit]}`;
}

/** Bytes per second, e.g. `35.2 MB/s`. */
export function formatRate(bytesPerSecond: number, lang: UiLanguage): string {
  return `${formatBytes(Math.max(0, bytesPerSecond), lang)}/s`;
}

/** A count with grouping, e.g. `100,000` / `100.000`. */
export function formatCount(n: number, lang: UiLanguage): string {
  return new Intl.NumberFormat(lang).format(n);
}

/** A duration, e.g. `2 h 5 min`, `3 min 10 s`, `45 s` (Dutch `2 u 5 min`). */
export function formatDuration(ms: number, lang: UiLanguage): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const hour = lang === 'nl' ? 'u' : 'h';
  if (h > 0) return m > 0 ? `${h} ${hour} ${m} min` : `${h} ${hour}`;
  if (m > 0) return s > 0 && m < 10 ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
}
