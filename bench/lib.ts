/**
 * Shared pieces of the benchmarks: the result rows, side-by-side rounds, child processes that report
 * their peak RSS, and small file helpers.
 */
import { spawn } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MiB = 1024 * 1024;
export const GiB = 1024 * MiB;
export const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** One figure of the table: a measured value, its baseline, their ratio and the target for the ratio. */
export interface Figure {
  /** Benchmark number and name, e.g. `1 verify vs md5sum`. */
  bench: string;
  /** What was measured, e.g. `one file at a time`. */
  name: string;
  /** The engine's value and unit, e.g. `612 MiB/s`. */
  value: string;
  /** The baseline's value and unit (same run), e.g. `640 MiB/s (md5sum)`. */
  baseline: string;
  /** value ÷ baseline (or the quantity the target is about). */
  ratio: number;
  /** The target in words, e.g. `≥ 0.95`. */
  target: string;
  /** Whether the target is met. */
  pass: boolean;
  /** What limits it, where it helps to say. */
  note?: string;
  /** Raw numbers for results.json. */
  raw?: Record<string, unknown>;
}

/** Options every benchmark receives. */
export interface BenchOptions {
  full: boolean;
  /** Scratch folder (removed at the end). */
  tmp: string;
  log(line: string): void;
}

export function fmtRate(bytesPerSec: number): string {
  return `${(bytesPerSec / MiB).toFixed(0)} MiB/s`;
}

export function fmtBytes(n: number): string {
  if (n >= GiB) return `${(n / GiB).toFixed(n % GiB ? 2 : 0)} GiB`;
  return `${(n / MiB).toFixed(n % MiB ? 1 : 0)} MiB`;
}

export function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

/** Runs `fn` and returns its wall time in ms. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/**
 * Runs each contender once per round, in turn (A B C, A B C, …), so background load hits all of them
 * alike, and returns every contender's times (ms). The best of each is what the table reports.
 * `between` runs after each contender, untimed (e.g. `sync`, so that one contender's dirty pages are
 * not written to disk during the next one's turn).
 */
export async function sideBySide<K extends string>(rounds: number, contenders: Record<K, () => Promise<unknown>>, log?: (s: string) => void, between?: () => Promise<unknown>): Promise<Record<K, number[]>> {
  const out = Object.fromEntries(Object.keys(contenders).map((k) => [k, [] as number[]])) as Record<K, number[]>;
  const profile = process.env.BENCH_PROFILE;
  for (let r = 0; r < rounds; r++) {
    for (const k of Object.keys(contenders) as K[]) {
      const fn = contenders[k];
      const ms = profile && k.includes(profile) ? await profiled(`${k}-${r + 1}`, () => timed(fn), log) : await timed(fn);
      out[k].push(ms);
      log?.(`  round ${r + 1}/${rounds} ${k}: ${fmtMs(ms)}`);
      await between?.();
    }
  }
  return out;
}

/**
 * Runs `fn` under the V8 CPU profiler of this thread (what `node --cpu-prof` records, limited to this
 * call) and writes `<tmpdir>/waie-bench-<name>.cpuprofile` (open it in Chrome DevTools). Used when
 * `BENCH_PROFILE=<part of a contender's name>` is set.
 */
export async function profiled<T>(name: string, fn: () => Promise<T>, log?: (s: string) => void): Promise<T> {
  const { Session } = await import('node:inspector/promises');
  const s = new Session();
  s.connect();
  await s.post('Profiler.enable');
  await s.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await s.post('Profiler.stop');
    const file = join(tmpdir(), `waie-bench-${name.replace(/[^\w.-]+/g, '_')}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    s.disconnect();
    log?.(`  profile: ${file}`);
  }
}

export const best = (xs: number[]): number => Math.min(...xs);
export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** Runs a command to completion; rejects on a non-zero exit with its stderr. Returns stdout. */
export function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d.length < 20000 ? d : '';
      if (process.env.BENCH_DEBUG) process.stderr.write(d);
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.slice(0, 3).join(' ')}… exited ${code}: ${err.slice(-2000)}`))));
  });
}

/**
 * Runs a TypeScript benchmark child (`bench/<script>`) in its own process, so its peak RSS is its own,
 * and returns the JSON object it prints on its last stdout line.
 */
export async function runChild<T>(script: string, args: string[]): Promise<T> {
  const out = await run(process.execPath, ['--import', 'tsx', fileURLToPath(new URL(script, import.meta.url)), ...args], { cwd: ROOT });
  const last = out.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as T;
}

/**
 * Peak resident set size of this process so far, bytes: VmHWM from /proc/self/status on Linux (the
 * getrusage figure, `process.resourceUsage().maxRSS`, keeps the parent's peak across fork and exec, so a
 * child of a large process would report its parent's), else maxRSS.
 */
export function peakRss(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

/** A fast pseudo-random data source: one random 4 MiB pattern, varied per block by a counter in the first bytes. */
export class DataSource {
  private readonly pattern = randomFillSync(Buffer.allocUnsafe(4 * MiB));
  private n = 0;
  /** `length` bytes (≤ 4 MiB) no other call returns. */
  block(length: number): Buffer {
    const b = Buffer.from(this.pattern.subarray(0, length));
    b.writeUInt32LE(this.n++ >>> 0, 0);
    if (length >= 8) b.writeUInt32LE(Math.floor(Math.random() * 2 ** 32), 4);
    return b;
  }
}

export const md5Hex = (b: Uint8Array): string => createHash('md5').update(b).digest('hex').toUpperCase();

/** Writes a file of `length` bytes in 4 MiB blocks from `src`; returns each block's offset, length and MD5. */
export async function writeBlocks(path: string, length: number, src: DataSource, block = 4 * MiB): Promise<Array<{ offset: number; length: number; hash: string }>> {
  const fh = await open(path, 'w');
  const out: Array<{ offset: number; length: number; hash: string }> = [];
  try {
    for (let o = 0; o < length; o += block) {
      const b = src.block(Math.min(block, length - o));
      await fh.write(b, 0, b.length, o);
      out.push({ offset: o, length: b.length, hash: md5Hex(b) });
    }
  } finally {
    await fh.close();
  }
  return out;
}
