/**
 * Child process of bench/scale.ts (one per measurement, so each peak RSS is its own):
 *
 *   gen <dir> <blobs>              writes <dir>/m.manifest and <dir>/c_error.xml with <blobs> blobs each
 *   manifest <file> <driveDir>     parse the manifest and build the verification plan
 *   copylog <file> <driveDir>      parse the copy log and build the repair plan (the wizard's Plan step)
 *
 * Prints one JSON line: { ms, peakRss, … }.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { CopyLogBlob, ManifestBlob } from '../src-shared/formats/types.ts';
import { createManifestWriter } from '../src-main/engine/formats/manifest-writer.ts';
import { createDriveLogWriter } from '../src-main/engine/formats/drive-log-writer.ts';
import { readManifest } from '../src-main/engine/formats/manifest.ts';
import { resolveUnder } from '../src-main/engine/drive/target.ts';
import { planRepair } from '../src-main/services/plan.ts';
import { peakRss } from './lib.ts';

const [mode, a, b] = process.argv.slice(2);
const hex = (n: number): string => n.toString(16).toUpperCase().padStart(32, '0');

async function gen(dir: string, blobs: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  const m = await createManifestWriter(join(dir, 'm.manifest'), { driveId: 'BENCH0003', clientCreator: 'Windows Azure Import/Export service' });
  const c = await createDriveLogWriter(join(dir, 'c_error.xml'), { version: '2014-11-01', driveId: 'BENCH0003' });
  const MiB = 1024 * 1024;
  for (let i = 0; i < blobs; i++) {
    // Two blocks per file: 4 MiB and a tail of 1 KiB … 4 MiB.
    const tail = 1024 + ((i * 7919) % (4 * MiB - 1024));
    const name = `dir${i % 1000}/file-${String(i).padStart(7, '0')}.dat`;
    const filePath = `\\bench\\${name.replace('/', '\\')}`;
    const ranges = [
      { offset: 0, length: 4 * MiB, id: 'QmxvY2swMDAwMDA=', hash: hex(i * 2) },
      { offset: 4 * MiB, length: tail, id: 'QmxvY2swMDAwMDE=', hash: hex(i * 2 + 1) },
    ];
    const mb: ManifestBlob = { blobPath: `bench/${name}`, filePath, length: 4 * MiB + tail, rangeKind: 'block', ranges, propertiesPath: { path: `${filePath}.properties`, hash: hex(i) }, line: 0 };
    await m.writeBlob(mb);
    // The copy log names every blob with its second block failed (an error log of 1M failures is the worst case).
    const cb: CopyLogBlob = { kind: 'blob', status: 'CompletedWithErrors', blobPath: `bench/${name}`, filePath, length: mb.length, lastModified: 'Tue, 01 Oct 2024 10:00:00 GMT', rangeKind: 'block', hasRangeList: true, ranges: [{ ...ranges[0]!, status: 'Completed' }, { ...ranges[1]!, status: 'Failed' }], line: 0 };
    await c.writeBlob(cb);
  }
  await m.end();
  await c.end('CompletedWithErrors');
}

/** The verification plan: every blob's target resolved (path safety), its ranges and bytes counted; nothing kept per blob. */
async function manifestPlan(file: string, driveDir: string): Promise<Record<string, number>> {
  const plan = { blobs: 0, ranges: 0, bytes: 0, sidecars: 0, refused: 0 };
  for await (const item of readManifest(file)) {
    if (item.type !== 'blob') continue;
    const bl = item.blob;
    plan.blobs++;
    if (!resolveUnder(driveDir, bl.filePath).ok) plan.refused++;
    plan.ranges += bl.ranges.length;
    for (const r of bl.ranges) plan.bytes += r.length;
    if (bl.propertiesPath) plan.sidecars++;
    if (bl.metadataPath) plan.sidecars++;
  }
  return plan;
}

const t = performance.now();
let out: Record<string, unknown> = {};
if (mode === 'gen') await gen(a as string, Number(b));
else if (mode === 'manifest') out = await manifestPlan(a as string, b as string);
else if (mode === 'copylog') out = { ...(await planRepair({ repairFile: '', targetDir: b as string, copyLogFile: a, logDir: '', credentials: { accountName: 'x' } })), refused: 0 };
else throw new Error(`unknown mode ${mode}`);
const ms = performance.now() - t;
process.stdout.write(`${JSON.stringify({ ms, peakRss: peakRss(), ...out })}\n`);
