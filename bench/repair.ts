/**
 * 2. Repair vs the SDK: the engine repairing N MiB of failed blocks named in a copy log (range planning,
 * ETag-pinned ranged GETs over undici with a read SAS, MD5 of each range, positional writes into the
 * drive files with O_DIRECT, repair-file and verbose-log bookkeeping, fsync of each file) against `BlobClient.downloadToFile` of the same ranges
 * at the same concurrency (8), from the same in-memory Azurite, side by side in rounds.
 */
import { mkdir, open, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { CopyLogBlob } from '../src-shared/formats/types.ts';
import { runRepairExport } from '../src-main/engine/repair-export/run.ts';
import { createDriveLogWriter } from '../src-main/engine/formats/drive-log-writer.ts';
import { blobServiceClientFor, startAzurite } from '../src-main/testing/azurite.ts';
import { DataSource, MiB, best, fmtBytes, fmtRate, md5Hex, median, run, sideBySide, timed, type BenchOptions, type Figure } from './lib.ts';
import { availableParallelism } from 'node:os';

const CONCURRENCY = 8;
const BLOCK = 4 * MiB;

export async function benchRepair(o: BenchOptions): Promise<Figure[]> {
  // Blobs of 8 blocks of 4 MiB; every other block failed. Quick: 256 MiB to repair, full: 1 GiB.
  const blobs = o.full ? 64 : 16;
  const blocksPerBlob = 8;
  const dir = join(o.tmp, 'repair');
  const drive = join(dir, 'drive');
  const sdkDir = join(dir, 'sdk');
  await mkdir(join(drive, 'bench'), { recursive: true });
  await mkdir(sdkDir, { recursive: true });
  const az = await startAzurite();
  try {
    const service = blobServiceClientFor(az);
    const container = service.getContainerClient('bench');
    await container.create();
    const src = new DataSource();
    const copyLogFile = join(dir, 'bench_BENCH0002_error.xml');
    const log = await createDriveLogWriter(copyLogFile, { version: '2014-11-01', driveId: 'BENCH0002' });
    const failed: Array<{ blob: string; offset: number; length: number }> = [];
    for (let i = 0; i < blobs; i++) {
      const name = `b${String(i).padStart(4, '0')}.bin`;
      const client = container.getBlockBlobClient(name);
      const ids: string[] = [];
      const ranges: CopyLogBlob['ranges'] = [];
      const blockData: Buffer[] = [];
      for (let k = 0; k < blocksPerBlob; k++) {
        const data = src.block(BLOCK);
        blockData.push(data);
        const id = Buffer.from(`block-${String(k).padStart(6, '0')}`).toString('base64');
        await client.stageBlock(id, data, data.length);
        ids.push(id);
        const bad = k % 2 === 1;
        ranges.push({ offset: k * BLOCK, length: BLOCK, id, hash: md5Hex(data), status: bad ? 'Failed' : 'Completed' });
        if (bad) failed.push({ blob: name, offset: k * BLOCK, length: BLOCK });
      }
      await client.commitBlockList(ids);
      // The drive file: right length, failed blocks never written (zeros).
      // The drive file as the service left it: full length, good blocks written, failed blocks zeros.
      await writeFile(join(drive, 'bench', name), Buffer.concat(blockData.map((d, k) => (k % 2 === 1 ? Buffer.alloc(d.length) : d))));
      await log.writeBlob({ kind: 'blob', status: 'CompletedWithErrors', blobPath: `bench/${name}`, filePath: `\\bench\\${name}`, length: blocksPerBlob * BLOCK, rangeKind: 'block', hasRangeList: true, ranges, line: 0 });
    }
    await log.end('CompletedWithErrors');
    const bytes = failed.length * BLOCK;
    o.log(`repair: ${failed.length} failed blocks in ${blobs} blobs, ${fmtBytes(bytes)} to download, concurrency ${CONCURRENCY}`);

    let n = 0;
    const engine = async (): Promise<void> => {
      const i = n++;
      const r = await runRepairExport({
        repairFile: join(dir, `run${i}.rep`),
        targetDir: drive,
        copyLogFile,
        logDir: join(dir, 'logs'),
        concurrency: CONCURRENCY,
        credentials: { accountName: az.accountName, accountKey: az.accountKey, blobEndpoint: az.endpoint },
      });
      if (r.exitCode !== 0 || r.bytesDownloaded !== bytes) throw new Error(`engine repair failed: exit ${r.exitCode}, ${r.bytesDownloaded} of ${bytes} bytes`);
    };
    const sdk = async (): Promise<void> => {
      const limit = pLimit(CONCURRENCY);
      await Promise.all(failed.map((f, i) => limit(() => container.getBlobClient(f.blob).downloadToFile(join(sdkDir, `${i}.part`), f.offset, f.length))));
    };
    // Not a target: the SDK's download with each file flushed to the drive (fsync), as the engine does
    // before it records a file repaired — what durability costs on this disk.
    const sdkSynced = async (): Promise<void> => {
      const limit = pLimit(CONCURRENCY);
      await Promise.all(
        failed.map((f, i) =>
          limit(async () => {
            const path = join(sdkDir, `${i}.part`);
            await container.getBlobClient(f.blob).downloadToFile(path, f.offset, f.length);
            const fh = await open(path, 'r+');
            await fh.sync();
            await fh.close();
          }),
        ),
      );
    };
    await sdk();
    await engine();
    await run('sync', []);
    // CPU seconds of this process (all threads; the main thread too) and of Azurite, per turn: on a
    // 2-core machine both contenders and Azurite share the cores, so CPU is what bounds them.
    const secs = async (path: string): Promise<number> => {
      const st = await readFile(path, 'utf8').catch(() => '');
      const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
      return st ? (Number(f[11]) + Number(f[12])) / 100 : 0;
    };
    const cpuOf = async (): Promise<[number, number, number]> => [await secs(`/proc/${process.pid}/stat`), await secs(`/proc/${process.pid}/task/${process.pid}/stat`), await secs(`/proc/${az.pid}/stat`)];
    const cpu: Record<string, Array<[number, number]>> = {};
    // BENCH_DEBUG: CPU seconds per thread name of this process.
    const threads = async (): Promise<Map<string, number>> => {
      const m = new Map<string, number>();
      for (const tid of await readdir(`/proc/${process.pid}/task`).catch(() => [] as string[])) {
        const st = await readFile(`/proc/${process.pid}/task/${tid}/stat`, 'utf8').catch(() => '');
        if (!st) continue;
        const name = Number(tid) === process.pid ? 'main' : st.slice(st.indexOf('(') + 1, st.lastIndexOf(')'));
        const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
        m.set(name, (m.get(name) ?? 0) + (Number(f[11]) + Number(f[12])) / 100);
      }
      return m;
    };
    const withCpu = (name: string, fn: () => Promise<void>) => async (): Promise<void> => {
      const a = await cpuOf();
      const ta = process.env.BENCH_DEBUG ? await threads() : undefined;
      await fn();
      const b = await cpuOf();
      if (ta) {
        const tb = await threads();
        o.log(`    ${name} threads: ${[...tb].map(([k, v]) => [k, v - (ta.get(k) ?? 0)] as const).filter(([, v]) => v >= 0.05).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}`);
      }
      (cpu[name] ??= []).push([b[0] - a[0], b[2] - a[2]]);
      if (process.env.BENCH_DEBUG) o.log(`    ${name}: CPU s: this process ${(b[0] - a[0]).toFixed(2)} (main thread ${(b[1] - a[1]).toFixed(2)}), Azurite ${(b[2] - a[2]).toFixed(2)}`);
    };
    // `sync` after each turn: the SDK leaves its bytes in the page cache, the engine flushes them to the
    // drive (fsync) before it records a file repaired; neither turn pays for the other's writes.
    const t = await sideBySide(o.full ? 7 : 5, { 'SDK downloadToFile': withCpu('SDK', sdk), engine: withCpu('engine', engine), 'SDK + fsync': withCpu('SDK + fsync', sdkSynced) }, o.log, () => run('sync', []));
    const base = bytes / (best(t['SDK downloadToFile']) / 1000);
    const eng = bytes / (best(t.engine) / 1000);
    const synced = bytes / (best(t['SDK + fsync']) / 1000);
    const cpuMedian = (k: string, i: 0 | 1): number => median((cpu[k] ?? []).map((x) => x[i]));
    const md5Cpu = await timed(async () => {
      const b = src.block(BLOCK);
      for (let i = 0; i < 16; i++) md5Hex(b);
    });
    const cpuNote = cpu.engine?.length && cpu.engine[0]![0] + cpu.engine[0]![1] > 0
      ? `; CPU per turn (median): engine ${cpuMedian('engine', 0).toFixed(2)} s + Azurite ${cpuMedian('engine', 1).toFixed(2)} s, SDK ${cpuMedian('SDK', 0).toFixed(2)} s + Azurite ${cpuMedian('SDK', 1).toFixed(2)} s on ${availableParallelism()} cores; MD5 of ${fmtBytes(bytes)} alone takes ${((md5Cpu / 1000) * (bytes / (64 * MiB))).toFixed(2)} s of one core`
      : '';
    await rm(sdkDir, { recursive: true, force: true });
    return [
      {
        bench: '2 repair vs SDK',
        name: `${fmtBytes(bytes)} of failed blocks, concurrency ${CONCURRENCY}`,
        value: fmtRate(eng),
        baseline: `${fmtRate(base)} downloadToFile`,
        ratio: eng / base,
        target: '≥ 0.90',
        pass: eng / base >= 0.9,
        note: `downloadToFile with an fsync of each file (as the engine flushes each repaired file before recording it): ${fmtRate(synced)} (${(synced / base).toFixed(2)}×)${cpuNote}`,
        raw: { bytes, blocks: failed.length, blobs, concurrency: CONCURRENCY, timesMs: t, cpuSecondsPerTurn: cpu },
      },
    ];
  } finally {
    await az.stop();
  }
}
