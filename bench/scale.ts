/**
 * 3. Scale: parse and plan generated drive manifests and copy logs of 10k, 100k and 1M blobs (two
 * blocks and a properties file each; the copy log names a failed block in every blob), each in its own
 * child process (bench/scale-child.ts) so its time and peak RSS are its own.
 *
 * - manifest: stream and validate the manifest, resolve every FilePath under the drive (path safety)
 *   and count the ranges and bytes to hash: the verification plan, which holds no file contents and
 *   nothing per blob;
 * - copy log: the Plan step of the wizard (`planRepair`: the engine's rules — needsRepair,
 *   failsAsWhole with the file's size on the drive, failed sidecars, path safety).
 *
 * Targets: the 1M time ≤ 12 × the 100k time (linear growth); peak RSS at 1M ≤ 512 MiB.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MiB, fmtBytes, fmtMs, runChild, type BenchOptions, type Figure } from './lib.ts';

interface ChildResult {
  ms: number;
  peakRss: number;
  bytes?: number;
  bytesToDownload?: number;
}

export async function benchScale(o: BenchOptions): Promise<Figure[]> {
  const sizes = [10_000, 100_000, 1_000_000];
  const drive = join(o.tmp, 'scale', 'drive');
  await mkdir(drive, { recursive: true });
  const res: Record<string, Record<number, ChildResult & { fileBytes: number }>> = { manifest: {}, copylog: {} };
  for (const n of sizes) {
    const dir = join(o.tmp, 'scale', String(n));
    await runChild('./scale-child.ts', ['gen', dir, String(n)]);
    for (const kind of ['manifest', 'copylog'] as const) {
      const file = join(dir, kind === 'manifest' ? 'm.manifest' : 'c_error.xml');
      const fileBytes = (await stat(file)).size;
      const r = await runChild<ChildResult>('./scale-child.ts', [kind, file, drive]);
      res[kind]![n] = { ...r, fileBytes };
      o.log(`scale: ${kind} ${n} blobs (${fmtBytes(fileBytes)}): ${fmtMs(r.ms)}, peak RSS ${fmtBytes(r.peakRss)}`);
    }
    await rm(dir, { recursive: true, force: true });
  }
  const figs: Figure[] = [];
  for (const kind of ['manifest', 'copylog'] as const) {
    const r = res[kind]!;
    const [s10k, s100k, s1m] = [r[10_000]!, r[100_000]!, r[1_000_000]!];
    const what = kind === 'manifest' ? 'manifest parse + verification plan' : 'copy log parse + repair plan';
    figs.push({
      bench: '3 scale',
      name: `${what}: time 1M vs 100k blobs`,
      value: fmtMs(s1m.ms),
      baseline: `${fmtMs(s100k.ms)} at 100k`,
      ratio: s1m.ms / s100k.ms,
      target: '≤ 12',
      pass: s1m.ms / s100k.ms <= 12,
      note: `10k: ${fmtMs(s10k.ms)}; 1M: ${((s1m.fileBytes / MiB) / (s1m.ms / 1000)).toFixed(0)} MiB/s of XML`,
      raw: r,
    });
    figs.push({
      bench: '3 scale',
      name: `${what}: peak RSS at 1M blobs`,
      value: fmtBytes(s1m.peakRss),
      baseline: '512 MiB limit',
      ratio: s1m.peakRss / (512 * MiB),
      target: '≤ 1.00',
      pass: s1m.peakRss <= 512 * MiB,
      note:
        kind === 'manifest'
          ? `the ${fmtBytes(s1m.fileBytes)} manifest describes ${((s1m.bytes ?? 0) / 2 ** 40).toFixed(1)} TiB of files; RSS at 10k/100k: ${fmtBytes(s10k.peakRss)}/${fmtBytes(s100k.peakRss)}`
          : `the ${fmtBytes(s1m.fileBytes)} copy log; RSS at 10k/100k: ${fmtBytes(s10k.peakRss)}/${fmtBytes(s100k.peakRss)}`,
    });
  }
  return figs;
}
