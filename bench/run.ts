/**
 * `npm run bench` — the performance benchmarks of issue 5, each figure measured side by side with its
 * baseline in the same run and printed as a ratio next to its target:
 *
 *   1 verify vs md5sum        bench/verify.ts
 *   2 repair vs the SDK       bench/repair.ts
 *   3 scale (10k…1M blobs)    bench/scale.ts
 *   4 bounded memory          bench/memory.ts
 *   5 a responsive wizard     bench/wizard.ts
 *
 * Usage: npm run bench [-- --full] [-- --only=1,3] [-- --update-md]
 * Quick mode (default) uses smaller data where the issue allows; --full the issue's sizes.
 * Writes bench/results.json; --update-md also puts the table into BENCHMARKS.md (between its
 * `results:start` / `results:end` markers). Exit code 1 when a target is missed.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchOptions, Figure } from './lib.ts';

const argv = process.argv.slice(2);
const full = argv.includes('--full');
const only = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const updateMd = argv.includes('--update-md');
const benches: Array<[string, () => Promise<(o: BenchOptions) => Promise<Figure[]>>]> = [
  ['1', async () => (await import('./verify.ts')).benchVerify],
  ['2', async () => (await import('./repair.ts')).benchRepair],
  ['3', async () => (await import('./scale.ts')).benchScale],
  ['4', async () => (await import('./memory.ts')).benchMemory],
  ['5', async () => (await import('./wizard.ts')).benchWizard],
];

function machine(): Record<string, unknown> {
  const c = cpus();
  return { cpu: c[0]?.model ?? 'unknown', cores: availableParallelism(), memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform} ${process.arch}` };
}

function table(figs: Figure[]): string {
  const head = ['#', 'figure', 'engine', 'baseline (same run)', 'ratio', 'target', 'met'];
  const rows = figs.map((f) => [f.bench, f.name, f.value, f.baseline, f.ratio.toFixed(2), f.target, f.pass ? 'yes' : 'NO']);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => c.padEnd(w[i] as number)).join(' | ')} |`;
  return [line(head), `|${w.map((n) => '-'.repeat(n + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const started = new Date();
const tmp = await mkdtemp(join(tmpdir(), 'waie-bench-'));
const figures: Figure[] = [];
const errors: string[] = [];
const log = (line: string): void => void process.stderr.write(`${line}\n`);
log(`waie benchmarks (${full ? 'full' : 'quick'} mode) on ${JSON.stringify(machine())}`);
try {
  for (const [id, load] of benches) {
    if (only && !only.includes(id)) continue;
    const t = performance.now();
    try {
      const fn = await load();
      const figs = await fn({ full, tmp, log });
      figures.push(...figs);
      for (const f of figs) log(`→ ${f.bench}: ${f.name}: ${f.value} vs ${f.baseline} = ${f.ratio.toFixed(2)} (target ${f.target}) ${f.pass ? 'met' : 'NOT MET'}${f.note ? ` — ${f.note}` : ''}`);
    } catch (err) {
      errors.push(`bench ${id}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      log(`bench ${id} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
    log(`bench ${id} took ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
} finally {
  await rm(tmp, { recursive: true, force: true });
}

const text = table(figures);
const notes = figures.filter((f) => f.note).map((f) => `- ${f.bench}, ${f.name}: ${f.note}`);
process.stdout.write(`\n${text}\n${notes.length ? `\n${notes.join('\n')}\n` : ''}`);
const results = {
  command: `npm run bench${full ? ' -- --full' : ''}${only ? ` -- --only=${only.join(',')}` : ''}`,
  mode: full ? 'full' : 'quick',
  startedAt: started.toISOString(),
  durationS: Math.round((Date.now() - started.getTime()) / 1000),
  machine: machine(),
  allMet: errors.length === 0 && figures.every((f) => f.pass),
  figures,
  errors,
  table: text,
};
await writeFile(fileURLToPath(new URL('./results.json', import.meta.url)), JSON.stringify(results, null, 2) + '\n');
if (updateMd) {
  const mdFile = fileURLToPath(new URL('../BENCHMARKS.md', import.meta.url));
  const md = await readFile(mdFile, 'utf8');
  const m = results.machine as { cpu: string; cores: number; memoryGiB: number; node: string; platform: string };
  const section = [
    '<!-- results:start (written by `npm run bench -- --update-md`) -->',
    '',
    `Command: \`${results.command}\` — ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${Math.round(results.durationS / 60)} min.`,
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}, Node ${m.node}.`,
    '',
    text,
    '',
    ...(notes.length ? [...notes, ''] : []),
    results.allMet ? 'Every target met.' : `Not met: ${[...figures.filter((f) => !f.pass).map((f) => `${f.bench} (${f.name})`), ...errors.map((e) => e.split('\n')[0])].join('; ')}.`,
    '',
    '<!-- results:end -->',
  ].join('\n');
  await writeFile(mdFile, md.replace(/<!-- results:start[\s\S]*?<!-- results:end -->/, section));
}
if (errors.length) process.stdout.write(`\n${errors.length} benchmark(s) failed to run:\n${errors.join('\n')}\n`);
process.stdout.write(`\n${results.allMet ? 'Every target met.' : 'Some targets NOT met.'} Results in bench/results.json.\n`);
process.exit(results.allMet ? 0 : 1);
