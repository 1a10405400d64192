/**
 * 1. Verify vs md5sum: the engine's manifest verification (runRepairExport with only /ManifestFile, so
 * every file is read and each 4 MiB block checked by MD5, and nothing needs repair) over the same files
 * that one `md5sum` process reads, page cache warm for both, side by side in rounds.
 *
 * - one file at a time: one hashing thread, one file in flight — against one md5sum (≥ 0.95×);
 * - all cores: the engine's default (a hashing thread per core, two files per thread) — against one
 *   md5sum (≥ 1.7× on 2 cores); one md5sum per core over halves of the files is shown as the ceiling.
 */
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { runRepairExport } from '../src-main/engine/repair-export/run.ts';
import { HASH_NICE, configureHashing } from '../src-main/engine/verify/hash-pool.ts';
import { createManifestWriter } from '../src-main/engine/formats/manifest-writer.ts';
import { AZURITE_ACCOUNT_KEY } from '../src-main/testing/azurite.ts';
import { DataSource, MiB, best, fmtBytes, fmtRate, run, sideBySide, writeBlocks, type BenchOptions, type Figure } from './lib.ts';

export async function benchVerify(o: BenchOptions): Promise<Figure[]> {
  // A drive of large and small files: quick 1 GiB, full 4 GiB.
  const large = o.full ? 60 : 14;
  const small = o.full ? 256 : 128;
  const dir = join(o.tmp, 'verify');
  const drive = join(dir, 'drive');
  await mkdir(join(drive, 'c'), { recursive: true });
  const src = new DataSource();
  const manifestFile = join(dir, 'BENCH0001.manifest');
  const w = await createManifestWriter(manifestFile, { driveId: 'BENCH0001' });
  const files: string[] = [];
  let total = 0;
  for (let i = 0; i < large + small; i++) {
    const length = i < large ? 64 * MiB : 1 * MiB;
    const name = `f${String(i).padStart(5, '0')}.bin`;
    const path = join(drive, 'c', name);
    const blocks = await writeBlocks(path, length, src);
    await w.writeBlob({ blobPath: `c/${name}`, filePath: `\\c\\${name}`, length, rangeKind: 'block', ranges: blocks, line: 0 });
    files.push(path);
    total += length;
  }
  await w.end();
  o.log(`verify: ${files.length} files, ${fmtBytes(total)}`);

  // md5sum runs at the hashing threads' priority (nice 10 by default), so both meet the same background load.
  const md5sum = (list: string[], cwd?: string): Promise<string> => (HASH_NICE > 0 ? run('nice', ['-n', String(HASH_NICE), 'md5sum', ...list], { cwd }) : run('md5sum', list, { cwd }));
  const cores = availableParallelism();
  const halves = Array.from({ length: cores }, (_, k) => files.filter((_, i) => i % cores === k));
  let runs = 0;
  const engine = async (threads: number | undefined, filesAtOnce: number | undefined): Promise<void> => {
    configureHashing(threads ? { threads, files: filesAtOnce } : {});
    const n = runs++;
    const r = await runRepairExport({
      repairFile: join(dir, `run${n}.rep`),
      targetDir: drive,
      manifestFile,
      logDir: join(dir, 'logs'),
      credentials: { accountName: 'devstoreaccount1', accountKey: AZURITE_ACCOUNT_KEY, blobEndpoint: 'http://127.0.0.1:9/devstoreaccount1' },
    });
    configureHashing({});
    if (r.exitCode !== 0 || r.bytesVerified !== total) throw new Error(`verification run failed: exit ${r.exitCode}, ${r.bytesVerified} of ${total} bytes verified`);
  };
  // Warm the page cache and the code paths once.
  await md5sum(files);
  await engine(undefined, undefined);
  const t = await sideBySide(
    o.full ? 5 : 4,
    {
      md5sum: () => md5sum(files),
      'engine 1 thread': () => engine(1, 1),
      'engine all cores': () => engine(undefined, undefined),
      [`${cores}× md5sum`]: () => Promise.all(halves.map((h) => md5sum(h))),
    } as Record<string, () => Promise<unknown>>,
    o.log,
  );
  // Informational: a drive of many small files, where the cost per file (not MD5) is what counts.
  const smallDrive = join(dir, 'small');
  const smallCount = 20_000;
  const smallManifest = join(dir, 'BENCH0001S.manifest');
  const sw = await createManifestWriter(smallManifest, { driveId: 'BENCH0001S' });
  const smallFiles: string[] = [];
  for (let d = 0; d < 20; d++) await mkdir(join(smallDrive, 'c', `d${d}`), { recursive: true });
  for (let i = 0; i < smallCount; i++) {
    const name = `d${i % 20}/s${String(i).padStart(6, '0')}.bin`;
    const path = join(smallDrive, 'c', name);
    const blocks = await writeBlocks(path, 8192, src);
    await sw.writeBlob({ blobPath: `c/${name}`, filePath: `\\c\\${name.replace('/', '\\')}`, length: 8192, rangeKind: 'block', ranges: blocks, line: 0 });
    smallFiles.push(name);
  }
  await sw.end();
  const smallEngine = async (): Promise<void> => {
    const r = await runRepairExport({ repairFile: join(dir, `run${runs++}.rep`), targetDir: smallDrive, manifestFile: smallManifest, logDir: join(dir, 'logs'), credentials: { accountName: 'devstoreaccount1', accountKey: AZURITE_ACCOUNT_KEY, blobEndpoint: 'http://127.0.0.1:9/devstoreaccount1' } });
    if (r.exitCode !== 0) throw new Error(`small-file verification failed: exit ${r.exitCode}`);
  };
  const smallCwd = join(smallDrive, 'c');
  await md5sum(smallFiles, smallCwd);
  const ts = await sideBySide(2, { 'md5sum small files': () => md5sum(smallFiles, smallCwd), 'engine small files': smallEngine } as Record<string, () => Promise<unknown>>, o.log);
  const smallBytes = smallCount * 8192;
  const smallBase = smallBytes / (best(ts['md5sum small files'] as number[]) / 1000);
  const smallRate = smallBytes / (best(ts['engine small files'] as number[]) / 1000);
  const smallNote = `many small files (${smallCount.toLocaleString('en')} × 8 KiB, not a target): ${fmtRate(smallRate)} vs md5sum ${fmtRate(smallBase)} (${(smallRate / smallBase).toFixed(2)}×): per-file work bounds it (the manifest read twice as XML, path checks, a round trip to a hashing thread per file), not MD5`;

  const rate = (ms: number[]): number => total / (best(ms) / 1000);
  const base = rate(t.md5sum as number[]);
  const one = rate(t['engine 1 thread'] as number[]);
  const all = rate(t['engine all cores'] as number[]);
  const ceiling = rate(t[`${cores}× md5sum`] as number[]);
  const raw = { files: files.length, bytes: total, cores, timesMs: t };
  const allTarget = cores >= 2 ? 0.85 * cores : 0.95;
  return [
    { bench: '1 verify vs md5sum', name: `one file at a time (${files.length} files, ${fmtBytes(total)})`, value: fmtRate(one), baseline: `${fmtRate(base)} md5sum`, ratio: one / base, target: '≥ 0.95', pass: one / base >= 0.95, raw },
    {
      bench: '1 verify vs md5sum',
      name: `many files, all ${cores} cores`,
      value: fmtRate(all),
      baseline: `${fmtRate(base)} md5sum`,
      ratio: all / base,
      target: `≥ ${allTarget.toFixed(2)}`,
      pass: all / base >= allTarget,
      note: `${cores} md5sum processes: ${fmtRate(ceiling)} (${(ceiling / base).toFixed(2)}×); ${smallNote}`,
      raw: { ...raw, ceiling, smallFiles: { files: smallCount, bytes: smallBytes, timesMs: ts, rate: smallRate, md5sumRate: smallBase } },
    },
  ];
}
