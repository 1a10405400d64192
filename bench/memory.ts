/**
 * 4. Bounded memory: the engine repairing a small and a large file (a blob that failed as a whole and
 * is missing from the drive, so every byte is downloaded and written) from Azurite, each repair in its
 * own child process (bench/memory-child.ts) so its peak RSS is its own. The repair streams: 4 MiB parts
 * into reused buffers, never the whole file, so the two peaks differ by less than 20 %.
 * Quick mode: 64 MiB and 512 MiB (the same 8× step); --full: 256 MiB and 2 GiB.
 */
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createDriveLogWriter } from '../src-main/engine/formats/drive-log-writer.ts';
import { blobServiceClientFor, startAzurite } from '../src-main/testing/azurite.ts';
import { DataSource, GiB, MiB, fmtBytes, fmtMs, runChild, type BenchOptions, type Figure } from './lib.ts';

interface ChildResult {
  ms: number;
  peakRss: number;
  bytesDownloaded: number;
  exitCode: number;
}

export async function benchMemory(o: BenchOptions): Promise<Figure[]> {
  const sizes = o.full ? [256 * MiB, 2 * GiB] : [64 * MiB, 512 * MiB];
  const az = await startAzurite();
  try {
    const container = blobServiceClientFor(az).getContainerClient('bench');
    await container.create();
    const src = new DataSource();
    const out: ChildResult[] = [];
    for (const size of sizes) {
      const name = `big-${size}.bin`;
      const client = container.getBlockBlobClient(name);
      const ids: string[] = [];
      for (let off = 0, k = 0; off < size; off += 4 * MiB, k++) {
        const id = Buffer.from(`blk-${String(k).padStart(8, '0')}`).toString('base64');
        const data = src.block(Math.min(4 * MiB, size - off));
        await client.stageBlock(id, data, data.length);
        ids.push(id);
      }
      await client.commitBlockList(ids);
      const dir = join(o.tmp, 'memory', String(size));
      const drive = join(dir, 'drive');
      await mkdir(drive, { recursive: true });
      const copyLog = join(dir, 'bench_BENCH0004_error.xml');
      const w = await createDriveLogWriter(copyLog, { version: '2014-11-01', driveId: 'BENCH0004' });
      await w.writeBlob({ kind: 'blob', status: 'Failed', blobPath: `bench/${name}`, filePath: `\\bench\\${name}`, length: size, hasRangeList: false, ranges: [], line: 0 });
      await w.end('CompletedWithErrors');
      const r = await runChild<ChildResult>('./memory-child.ts', [az.endpoint, copyLog, drive, dir]);
      const written = (await stat(join(drive, 'bench', name))).size;
      if (r.exitCode !== 0 || r.bytesDownloaded !== size || written !== size) throw new Error(`repair of ${fmtBytes(size)} failed: ${JSON.stringify(r)}`);
      o.log(`memory: ${fmtBytes(size)} repaired in ${fmtMs(r.ms)}, peak RSS ${fmtBytes(r.peakRss)}`);
      out.push(r);
      await client.delete();
    }
    const [small, large] = out as [ChildResult, ChildResult];
    const ratio = large.peakRss / small.peakRss;
    return [
      {
        bench: '4 bounded memory',
        name: `peak RSS repairing ${fmtBytes(sizes[1] as number)} vs ${fmtBytes(sizes[0] as number)}`,
        value: fmtBytes(large.peakRss),
        baseline: `${fmtBytes(small.peakRss)} for ${fmtBytes(sizes[0] as number)}`,
        ratio,
        target: '< 1.20',
        pass: ratio < 1.2,
        note: `download rates ${fmtBytes(sizes[0] as number)}: ${((sizes[0] as number) / MiB / (small.ms / 1000)).toFixed(0)} MiB/s, ${fmtBytes(sizes[1] as number)}: ${((sizes[1] as number) / MiB / (large.ms / 1000)).toFixed(0)} MiB/s`,
        raw: { sizes, results: out },
      },
    ];
  } finally {
    await az.stop();
  }
}
