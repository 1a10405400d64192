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

/** Writes the after-repair drive log. Blobs in FilePath order; ranges by offset; ImportDisposition passed through (RepairImport). */
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
      importDisposition: a.importDisposition,
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

/** What {@link formatSummary} names besides the result. */
export interface SummaryInputs {
  /** Default `RepairExport`. RepairImport: "uploaded" instead of "downloaded", source directories, the path map. */
  mode?: 'RepairExport' | 'RepairImport';
  copyLogFile?: string;
  manifestFile?: string;
  /** RepairExport: the target directory (`/d`). RepairImport: the source directories, joined with `;`. */
  targetDir: string;
  repairFile: string;
}

/**
 * The plain-text summary: what was done, what failed (status code, explanation, next step), where the
 * logs are; for RepairImport also the unresolved paths of the path map and what to do with them.
 */
export function formatSummary(r: RepairResult, extra: SummaryInputs): string {
  const importing = extra.mode === 'RepairImport';
  const lines: string[] = [];
  lines.push(`waie ${importing ? 'RepairImport' : 'RepairExport'} — drive ${r.driveId}`);
  lines.push(`${importing ? 'Source directories' : 'Target directory'}: ${extra.targetDir}`);
  if (extra.copyLogFile) lines.push(`Copy log: ${extra.copyLogFile}`);
  if (extra.manifestFile) lines.push(`Drive manifest: ${extra.manifestFile}`);
  lines.push(`Repair file: ${extra.repairFile}`);
  if (importing && r.pathMap?.written) lines.push(`Path map file: ${r.pathMap.file}`);
  lines.push('');
  if (r.alreadyFinished) lines.push(`This repair had already finished: nothing was ${importing ? 'uploaded' : 'downloaded'}.`);
  lines.push(importing ? `Repaired in this run: ${r.repaired} component(s), ${mib(r.bytesUploaded ?? 0)} uploaded.` : `Repaired in this run: ${r.repaired} component(s), ${mib(r.bytesDownloaded)} downloaded.`);
  if (r.resumed) lines.push(`Already done by an earlier run: ${r.resumed} component(s).`);
  if (extra.manifestFile) lines.push(`Verified against the manifest: ${r.verifiedGood} component(s) good, ${mib(r.bytesVerified)} read.`);
  if (importing && r.verifiedGood) lines.push(`Checked against the copy log's MD5 before upload: ${r.verifiedGood} component(s) good, ${mib(r.bytesVerified)} read.`);
  lines.push(`Time: ${(r.elapsedMs / 1000).toFixed(1)} s.`);
  if (r.notes.length) {
    lines.push('', 'Notes:');
    for (const n of r.notes) lines.push(`- ${n}`);
  }
  const conflicts = r.pathMap?.conflicts ?? [];
  if (conflicts.length) {
    lines.push('', `UNRESOLVED PATHS: ${conflicts.length} file(s) could not be found as exactly one readable original.`);
    lines.push(`They are listed in the path map file ${r.pathMap?.file}. After each path, add a TAB and the full path of the original file, then run the same command again.`);
    for (const c of conflicts.slice(0, 200)) lines.push(`  ${c.drivePath}: ${c.detail}`);
    if (conflicts.length > 200) lines.push(`  … and ${conflicts.length - 200} more (see the path map file).`);
  }
  if (r.failures.length) {
    lines.push('', `NOT REPAIRED: ${r.failures.length} component(s).`);
    const byCode = new Map<string, number>();
    // A failure whose file is an unresolved path is explained above (UNRESOLVED PATHS), not by its code.
    const unresolved = new Set(conflicts.map((c) => c.drivePath));
    let fromPathMap = 0;
    for (const f of r.failures) {
      if (unresolved.has(f.filePath)) fromPathMap++;
      else byCode.set(f.statusCode, (byCode.get(f.statusCode) ?? 0) + 1);
    }
    if (fromPathMap) lines.push(`- unresolved path (${fromPathMap}): the original file could not be found as exactly one readable file; see UNRESOLVED PATHS above.`);
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
