/**
 * Helpers for the format tests (not a test file itself): temp directories under `os.tmpdir()`, collecting
 * async iterables, and asserting on `WaieError` shapes.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WaieError, type ErrorInfo } from '../../../src-shared/errors.ts';

/** Absolute path of `fixtures/<name>` next to this file. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
}

/** Runs `fn` with a fresh temp directory (fs.mkdtemp under os.tmpdir()) and removes it afterwards. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'waie-formats-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Reads a whole async iterable into an array. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/**
 * Awaits `work`, asserts it threw a `WaieError` whose info matches every given field (`detail` may be a
 * RegExp), and returns the error.
 */
export async function expectWaie(
  work: Promise<unknown> | (() => unknown),
  expected: Partial<Omit<ErrorInfo, 'detail'>> & { detail?: RegExp | string },
): Promise<WaieError> {
  let caught: unknown;
  try {
    if (typeof work === 'function') await work();
    else await work;
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof WaieError, `expected a WaieError, got ${caught instanceof Error ? caught.stack : String(caught)}`);
  const info = caught.info;
  for (const [k, v] of Object.entries(expected)) {
    if (k === 'detail' && v instanceof RegExp) assert.match(info.detail, v);
    else assert.deepEqual(info[k as keyof ErrorInfo], v, `error field ${k}: ${JSON.stringify(info)}`);
  }
  if (info.line !== undefined) assert.ok(info.detail.includes(`:${info.line}:${info.column}:`), `detail names line and column: ${info.detail}`);
  if (info.file !== undefined) assert.ok(info.detail.includes(info.file), `detail names the file: ${info.detail}`);
  return caught;
}

/** Drops the `line` field of blob items (writers ignore it) for round-trip comparisons. */
export function withoutLine<T extends { line: number }>(x: T): Omit<T, 'line'> {
  const { line: _line, ...rest } = x;
  return rest;
}
