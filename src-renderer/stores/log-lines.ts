/**
 * Reads the file a log event is about. The contract's `log` event carries one line of text; the engine
 * writes them as (src-main/engine/repair-export):
 * - `<StatusCode> <component> <\file\path>[ offset N length M]: <detail>` (error: a component failed);
 * - `retry <n> <\file\path> offset N length M after B bytes: <detail>` (warn: a download is retried);
 * - `<\file\path>: <why>` (warn: the manifest check found the file damaged; it is repaired now).
 * Anything else is not about one file. Drive paths start with a backslash.
 */
import type { FileRow } from './files.ts';

export interface LogFileUpdate {
  path: string;
  patch: Partial<FileRow>;
}

const FAILED = /^([A-Za-z]+) (range|file|properties|metadata|blob) (\\.*?)(?: offset \d+ length \d+)?: (.*)$/s;
const RETRY = /^retry \d+ (\\.*?) offset \d+ length \d+ after \d+ bytes: (.*)$/s;
const DAMAGED = /^(\\[^:]*?): (.*)$/s;

export function parseLogLine(level: 'info' | 'warn' | 'error', message: string): LogFileUpdate | undefined {
  if (level === 'error') {
    const m = FAILED.exec(message);
    if (m) return { path: m[3]!, patch: { status: 'failed', statusCode: m[1]!, detail: m[4]! } };
    return undefined;
  }
  if (level === 'warn') {
    const r = RETRY.exec(message);
    if (r) return { path: r[1]!, patch: { status: 'retrying', detail: r[2]! } };
    const d = DAMAGED.exec(message);
    if (d) return { path: d[1]!, patch: { status: 'active', detail: d[2]! } };
  }
  return undefined;
}
