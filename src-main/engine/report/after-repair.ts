/**
 * After-repair reports in `/logdir`:
 * - a drive log in the classic `DriveLog` format (seed `000_…`) listing each blob the run touched,
 *   each component with its new status (`Completed` when repaired and verified, else the failure's
 *   status code), and the drive status (`Completed` or `CompletedWithErrors`);
 * - a short human summary (plain text).
 */
import { writeFile } from 'node:fs/promises';
import type { RepairResult } from '../../../src-shared/engine-protocol.ts';
import type { CopyLogBlob } from '../../../src-shared/formats/types.ts';
import { describeStatusCode } from '../../../src-shared/status/index.ts';
import { createDriveLogWriter } from '../formats/drive-log-writer.ts';
import type { AfterBlob } from '../repair-export/context.ts';

function blobStatus(a: AfterBlob): string {
  if (a.blobFailure) return a.blobFailure;
  const bad = [...a.ranges.values()].some((r) => r.status !== 'Completed') || (a.properties && a.properties.status !== 'Completed') || (a.metadata && a.metadata.status !== 'Completed');
  return bad ? 'CompletedWithErrors' : 'Completed';
}

/** Writes the after-repair drive log. Blobs in FilePath order; ranges by offset. */
export async function writeAfterRepairDriveLog(file: string, driveId: string, blobs: Iterable<AfterBlob>, driveStatus: string): Promise<void> {
  const w = await createDriveLogWriter(file, { version: '2014-11-01', driveId });
  const sorted = [...blobs].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  for (const a of sorted) {
    const b: CopyLogBlob = {
      kind: 'blob',
      status: blobStatus(a),
      blobPath: a.blobPath,
      filePath: a.filePath,
      snapshot: a.snapshot,
      length: Math.max(0, a.length),
      lastModified: a.lastModified,
      rangeKind: a.rangeKind,
      hasRangeList: a.ranges.size > 0,
      ranges: [...a.ranges.values()].sort((x, y) => x.offset - y.offset),
      properties: a.properties ? { status: a.properties.status, path: a.properties.path ? { path: a.properties.path } : undefined } : undefined,
      metadata: a.metadata ? { status: a.metadata.status, path: a.metadata.path ? { path: a.metadata.path } : undefined } : undefined,
      line: 0,
    };
    await w.writeBlob(b);
  }
  await w.end(driveStatus);
}

function mib(n: number): string {
  return `${(n / 1048576).toFixed(1)} MiB`;
}

/** The plain-text summary: what was done, what failed (status code, explanation, next step), where the logs are. */
export function formatSummary(r: RepairResult, extra: { copyLogFile?: string; manifestFile?: string; targetDir: string; repairFile: string }): string {
  const lines: string[] = [];
  lines.push(`waie RepairExport — drive ${r.driveId}`);
  lines.push(`Target directory: ${extra.targetDir}`);
  if (extra.copyLogFile) lines.push(`Copy log: ${extra.copyLogFile}`);
  if (extra.manifestFile) lines.push(`Drive manifest: ${extra.manifestFile}`);
  lines.push(`Repair file: ${extra.repairFile}`);
  lines.push('');
  if (r.alreadyFinished) lines.push('This repair had already finished: nothing was downloaded.');
  lines.push(`Repaired in this run: ${r.repaired} component(s), ${mib(r.bytesDownloaded)} downloaded.`);
  if (r.resumed) lines.push(`Already done by an earlier run: ${r.resumed} component(s).`);
  if (extra.manifestFile) lines.push(`Verified against the manifest: ${r.verifiedGood} component(s) good, ${mib(r.bytesVerified)} read.`);
  lines.push(`Time: ${(r.elapsedMs / 1000).toFixed(1)} s.`);
  if (r.notes.length) {
    lines.push('', 'Notes:');
    for (const n of r.notes) lines.push(`- ${n}`);
  }
  if (r.failures.length) {
    lines.push('', `NOT REPAIRED: ${r.failures.length} component(s).`);
    const byCode = new Map<string, number>();
    for (const f of r.failures) byCode.set(f.statusCode, (byCode.get(f.statusCode) ?? 0) + 1);
    for (const [code, n] of byCode) {
      const d = describeStatusCode(code, 'en', ['blob', 'range', 'sidecar', 'drive']);
      lines.push(`- ${code} (${n}): ${d.explanation} Next step: ${d.nextStep}`);
    }
    lines.push('');
    for (const f of r.failures.slice(0, 200)) {
      const where = f.offset !== undefined ? ` [offset ${f.offset}, length ${f.length}]` : '';
      lines.push(`  ${f.statusCode}  ${f.component}  ${f.filePath}${where}: ${f.detail}`);
    }
    if (r.failures.length > 200) lines.push(`  … and ${r.failures.length - 200} more (see the verbose log).`);
  } else {
    lines.push('', r.repaired || r.alreadyFinished || r.resumed ? 'Every component is repaired and verified.' : 'Nothing needed repair.');
  }
  lines.push('', `Verbose log: ${r.verboseLogFile}`, `After-repair drive log: ${r.driveLogFile}`, `This summary: ${r.summaryFile}`);
  return lines.join('\n') + '\n';
}

/** Writes the summary file. */
export async function writeSummary(file: string, text: string): Promise<void> {
  await writeFile(file, text, { encoding: 'utf8', mode: 0o600 });
}
