/**
 * Child process of bench/memory.ts: runs one RepairExport (the engine, in this process) and prints
 * { ms, peakRss, bytesDownloaded, exitCode } as one JSON line.
 *
 *   memory-child.ts <endpoint> <copyLog> <driveDir> <workDir>
 */
import { join } from 'node:path';
import { runRepairExport } from '../src-main/engine/repair-export/run.ts';
import { AZURITE_ACCOUNT_KEY, AZURITE_ACCOUNT_NAME } from '../src-main/testing/azurite.ts';
import { peakRss } from './lib.ts';

const [endpoint, copyLogFile, targetDir, work] = process.argv.slice(2) as [string, string, string, string];
// BENCH_DEBUG: the peaks of the parts of memory, on stderr.
const peaks = { rss: 0, heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 };
const sampler = process.env.BENCH_DEBUG
  ? setInterval(() => {
      const m = process.memoryUsage();
      for (const k of Object.keys(peaks) as Array<keyof typeof peaks>) peaks[k] = Math.max(peaks[k], m[k]);
    }, 50)
  : undefined;
const t = performance.now();
const r = await runRepairExport({
  repairFile: join(work, 'r.rep'),
  targetDir,
  copyLogFile,
  logDir: join(work, 'logs'),
  credentials: { accountName: AZURITE_ACCOUNT_NAME, accountKey: AZURITE_ACCOUNT_KEY, blobEndpoint: endpoint },
});
const ms = performance.now() - t;
if (sampler) {
  clearInterval(sampler);
  process.stderr.write(`memory peaks MiB: ${Object.entries(peaks).map(([k, v]) => `${k} ${(v / 2 ** 20).toFixed(0)}`).join(', ')}\n`);
}
process.stdout.write(`${JSON.stringify({ ms, peakRss: peakRss(), bytesDownloaded: r.bytesDownloaded, exitCode: r.exitCode })}\n`);
