/**
 * `waie Review` (issue 8): what a copy log says, in plain words: the drive status with its explanation
 * and next step, export or import (and how that was decided), which repair command fixes what, counts
 * per status, bytes affected, the failed items with their ranges, the import dispositions; optionally a
 * self-contained HTML report with charts (`/html`), a CSV with one row per failed component (`/csv`)
 * and the model as JSON (`/json`). English or Dutch (`/lang:nl`).
 *
 * Exit codes: 0 nothing needs repairing; 1 the log lists failures; 2 bad input (a missing or malformed
 * log or manifest); 3 a report file could not be written.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { WaieError } from '../../../src-shared/errors.ts';
import { formatBytes, type CountBar, type ReviewModel } from '../../../src-shared/review/index.ts';
import { reviewCopyLog, saveReview } from '../../services/review/index.ts';
import { LABELS } from '../../services/review/texts.ts';
import type { ParamSpecs } from '../args.ts';
import { missingParams } from './repair-export.ts';
import type { CliCommand, CliIo } from './types.ts';

/** Parameters of `waie Review`: the copy log (required), an optional manifest, report files and language. */
export const REVIEW_PARAMS = {
  copylogfile: { name: 'CopyLogFile', required: true, value: '<DriveCopyLogFile>', help: "The drive's copy log: an error or verbose log (…_error.xml, …_verbose.xml), or a newer …_CopyLog_….xml / …_VerboseLog_….xml. Every variant is read, of any size (it is streamed)." },
  manifestfile: { name: 'ManifestFile', required: false, value: '<DriveManifestFile>', help: "The drive manifest (or its backup): its DriveId is compared with the log's, the failed files are looked up in it, and renamed import blobs get their original names." },
  html: { required: false, value: '<file>', help: 'Write a self-contained HTML report with charts (status breakdown, where in each file the failures sit, where the drive is in its life cycle).' },
  csv: { required: false, value: '<file>', help: 'Write a CSV file with one row per failed component (blob, block, page range, properties or metadata file), every one in the log.' },
  json: { required: false, value: '<file>', help: 'Write the review model as JSON (what the wizard shows).' },
  lang: { required: false, value: '<en|nl>', help: 'Language of the output and the report: en (default) or nl.' },
} as const satisfies ParamSpecs;

/** Most failed items and dispositions printed on screen (the report and CSV hold more). */
export const SCREEN_ITEMS = 20;

const n = (x: number, lang: 'en' | 'nl'): string => x.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-US');
const plain = (s: string): string => s.replace(/`([^`]+)`/g, '$1');
const barsLine = (bars: readonly CountBar[], lang: 'en' | 'nl'): string => bars.map((b) => `${b.code} ${n(b.count, lang)}`).join(', ');

/** The model as screen text (the first {@link SCREEN_ITEMS} failures and dispositions). */
export function formatReview(m: ReviewModel): string {
  const lang = m.lang === 'nl' ? 'nl' : 'en';
  const L = LABELS[lang];
  const out: string[] = [];
  out.push(`${L.reportTitle} — ${L.drive} ${m.driveId ?? '?'}`, `${m.path} (${m.variant}${m.version ? ` ${m.version}` : ''})`, '');
  out.push(`${L.driveStatus}: ${m.drive.status ?? '—'} — ${m.drive.title}`, `  ${plain(m.drive.explanation)}`, `  ${L.nextStep}: ${plain(m.drive.nextStep)}`);
  if (m.drive.lifecycleState) out.push(`  ${L.whereDrive}: ${m.drive.lifecycleState} (${plain(L.whereDriveNote)})`);
  out.push('', `${L.jobKind} ${m.jobKind.kind} — ${plain(m.jobKind.reason)}`, `${L.repair}: ${plain(m.repair.advice)}`);
  if (m.repair.commandLine) out.push(`  ${m.repair.commandLine}`);
  out.push('', `${L.numbers}:`);
  out.push(`  ${L.items}: ${n(m.totals.items, lang)}; ${L.failedItems}: ${n(m.failedBlobCount, lang)}; ${L.bytesAffected}: ${formatBytes(m.bytesAffected)} (${n(m.bytesAffected, lang)})`);
  out.push(`  ${L.repairableItems}: ${n(m.repair.repairable, lang)}; ${L.notRepairableItems}: ${n(m.repair.notRepairable, lang)}`);
  if (m.charts.blobStatus.length) out.push(`  ${L.chartBlob}: ${barsLine(m.charts.blobStatus, lang)}`);
  if (m.charts.rangeStatus.length) out.push(`  ${L.chartRange}: ${barsLine(m.charts.rangeStatus, lang)}`);
  if (m.charts.dispositionStatus.length) out.push(`  ${L.chartDisposition}: ${barsLine(m.charts.dispositionStatus, lang)}`);
  if (m.charts.entityCategory.length) out.push(`  ${L.chartEntity}: ${barsLine(m.charts.entityCategory, lang)}`);
  if (m.failedBlobs.length) {
    out.push('', `${L.failures}:`);
    for (const f of m.failedBlobs.slice(0, SCREEN_ITEMS)) {
      const what = [f.whole ? L.wholeFile : '', f.failedRangeCount ? `${n(f.failedRangeCount, lang)} × ${[...new Set(f.failedRanges.map((r) => r.status))].join('/')}` : '', f.propertiesStatus && f.propertiesStatus !== 'Completed' ? `${L.properties} ${f.propertiesStatus}` : '', f.metadataStatus && f.metadataStatus !== 'Completed' ? `${L.metadata} ${f.metadataStatus}` : '']
        .filter(Boolean)
        .join(', ');
      out.push(`  ${f.filePath}  ${f.status}${what ? ` (${what})` : ''}${f.bytesAffected ? `  ${formatBytes(f.bytesAffected)}` : ''}`);
      if (f.failedRanges.length) out.push(`      ${f.failedRanges.slice(0, 4).map((r) => `${r.offset}+${r.length} ${r.status}`).join('; ')}${f.failedRangeCount > 4 ? '; …' : ''}`);
      out.push(`      ${L.canRepair}: ${f.repairable ? L.yes : L.no}${f.command ? ` (${f.command})` : ''} — ${plain(f.why)}`);
    }
    const more = m.failedBlobCount - Math.min(SCREEN_ITEMS, m.failedBlobs.length);
    if (more > 0) out.push(`  ${L.notListed(more, lang === 'nl' ? 'mislukte items' : 'failed items')} ${lang === 'nl' ? '/html en /csv tonen meer.' : '/html and /csv show more.'}`);
  }
  if (m.dispositions.length) {
    out.push('', `${L.dispositions}:`);
    for (const d of m.dispositions.slice(0, SCREEN_ITEMS)) out.push(`  ${d.filePath} → ${d.blobPath}  ${d.status}${d.requested ? ` (${d.requested})` : ''}${d.originalBlobPath ? `  ${L.renamedFrom}: ${d.originalBlobPath}` : ''}`);
    const more = m.dispositions.length + m.dispositionsNotListed - Math.min(SCREEN_ITEMS, m.dispositions.length);
    if (more > 0) out.push(`  ${L.notListed(more, 'ImportDisposition')}`);
  }
  if (m.manifest) out.push('', `${L.manifest}: ${m.manifest.path} (DriveId ${m.manifest.driveId}, ${n(m.manifest.blobs, lang)} blobs)${m.manifest.driveIdMatches === false ? ` — ${L.manifestMismatch}` : ''}`);
  if (m.notes.length) out.push('', `${L.notes}:`, ...m.notes.map((x) => `  - ${plain(x)}`));
  return out.join('\n') + '\n';
}

/** Runs `waie Review`. Throws WaieError (bad input: exit code 2). */
export async function runReviewCommand(params: Partial<Record<string, string>>, io: CliIo): Promise<number> {
  const missing = missingParams(REVIEW_PARAMS, params);
  if (missing.length) throw new WaieError({ code: 'BAD_INPUT', title: `Missing ${missing.join(', ')}`, detail: 'Review needs the copy log: /CopyLogFile:<file>. Run "waie help Review".' });
  const lang = (params.lang ?? 'en').trim().toLowerCase();
  if (lang !== 'en' && lang !== 'nl') throw new WaieError({ code: 'BAD_INPUT', title: 'Invalid /lang', detail: 'Give /lang:en (English) or /lang:nl (Dutch).' });
  const model = await reviewCopyLog(resolve(params.copylogfile!), { lang, ...(params.manifestfile ? { manifestPath: resolve(params.manifestfile) } : {}) });
  io.out.write(formatReview(model));
  try {
    if (params.html) {
      await saveReview(model, 'html', resolve(params.html));
      io.out.write(`\nHTML: ${resolve(params.html)}\n`);
    }
    if (params.csv) {
      const rows = await saveReview(model, 'csv', resolve(params.csv));
      io.out.write(`CSV: ${resolve(params.csv)} (${rows} rows)\n`);
    }
    if (params.json) {
      await writeFile(resolve(params.json), JSON.stringify(model, null, 2) + '\n', 'utf8');
      io.out.write(`JSON: ${resolve(params.json)}\n`);
    }
  } catch (err) {
    if (err instanceof WaieError && err.info.code === 'FILE_WRITE') {
      io.err.write(`error: ${err.info.title}.\n${err.info.detail}\n`);
      return 3;
    }
    throw err;
  }
  return model.repair.repairable + model.repair.notRepairable > 0 ? 1 : 0;
}

/** The `waie Review` command for the registry (`commands/index.ts`). */
export const reviewCommand: CliCommand = {
  name: 'Review',
  summary:
    'Explain a copy log: the drive status and what to do next, whether it is an export or an import log, which failures RepairExport or RepairImport can fix, counts per status, bytes affected, failed blobs with their ranges, import dispositions. Optionally an HTML report with charts, a CSV, or JSON.',
  usage: `Review /CopyLogFile:<DriveCopyLogFile> [/ManifestFile:<DriveManifestFile>] [/html:<file>] [/csv:<file>]
             [/json:<file>] [/lang:<en|nl>]`,
  params: REVIEW_PARAMS,
  notes: `Export or import is decided from the log: Snapshot/LastModified (export) or ImportDisposition (import)
elements; else status codes only one side produces (Committed, Uncommitted, FileUnexpectedEnd: import;
BlobUnexpectedChange, BlobUnexpectedEnd: export); else a 2018-10-01 log or "Upload…" categories (import).

Exit codes: 0 nothing needs repairing; 1 the log lists failures; 2 bad input (missing or malformed log
or manifest); 3 a report file could not be written.

Example:
  waie Review /CopyLogFile:myjob_9WM35C3U_20130921-034307-902_error.xml /html:review.html /lang:nl`,
  run: (params, io) => runReviewCommand(params, io),
};
