/**
 * The review as CSV (`waie Review /csv:`): one row per failed component (a whole blob, a block, a page
 * range, a file range, a properties or metadata file, a 2021 entity) of every failed item in the log,
 * not only the listed ones: the log is streamed a second time and rows are written as they come, so
 * memory stays bounded. UTF-8 with a byte-order mark (so spreadsheet programs read accents right),
 * CRLF line ends, RFC 4180 quoting; cells starting with `= + - @` TAB or CR get a leading `'` so a
 * path from a log cannot become a spreadsheet formula (as in `services/report.ts`).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { CopyLogBlob } from '../../../src-shared/formats/types.ts';
import type { FailedComponent, ReviewModel } from '../../../src-shared/review/index.ts';
import { describeStatus, type Language, type StatusCategory } from '../../../src-shared/status/index.ts';
import { WaieError } from '../../../src-shared/errors.ts';
import { readCopyLog } from '../../engine/formats/copy-log.ts';
import { needsRepair } from '../../engine/repair-export/copy-log-pass.ts';
import { judgeBlob, judgeEntity } from './review.ts';

/** The header row. */
export const REVIEW_CSV_COLUMNS = ['FilePath', 'BlobPath', 'Component', 'Offset', 'Length', 'StatusCode', 'Repairable', 'Command', 'Explanation', 'NextStep', 'Line'] as const;

/** One CSV cell: quoted when needed; formula-like text neutralised. */
export function csvCell(v: string | number | undefined): string {
  const s = v === undefined ? '' : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

interface Row {
  component: FailedComponent;
  offset?: number;
  length?: number;
  status: string;
  category: StatusCategory;
}

/** The failed components of a DriveLog item, in log order. */
export function failedComponents(b: CopyLogBlob): Row[] {
  const rows: Row[] = [];
  if (b.status !== 'Completed' && b.status !== 'CompletedWithErrors') rows.push({ component: 'blob', length: b.length, status: b.status, category: 'blob' });
  const kind: FailedComponent = b.rangeKind === 'page' ? 'page' : b.rangeKind === 'file' ? 'fileRange' : 'block';
  for (const r of b.ranges) if (r.status !== 'Completed') rows.push({ component: kind, offset: r.offset, length: r.length, status: r.status, category: 'range' });
  if (b.properties && b.properties.status !== 'Completed') rows.push({ component: 'properties', status: b.properties.status, category: 'sidecar' });
  if (b.metadata && b.metadata.status !== 'Completed') rows.push({ component: 'metadata', status: b.metadata.status, category: 'sidecar' });
  if (rows.length === 0) rows.push({ component: 'blob', length: b.length, status: b.status, category: 'blob' });
  return rows;
}

async function write(out: WriteStream, line: string): Promise<void> {
  if (!out.write(line)) await once(out, 'drain');
}

/**
 * Writes the CSV of the log `model` was built from (`model.path`) to `file`, streaming the log again.
 * The command column uses the model's job-kind decision; texts are in `model.lang`.
 * @returns the number of data rows written
 * @throws WaieError `XML_PARSE` (the log changed into something unreadable), `FILE_WRITE`
 */
export async function writeReviewCsv(model: ReviewModel, file: string): Promise<number> {
  const lang: Language = model.lang === 'nl' ? 'nl' : 'en';
  const command = model.jobKind.kind === 'export' ? 'RepairExport' : model.jobKind.kind === 'import' ? 'RepairImport' : '';
  const out = createWriteStream(file, { encoding: 'utf8', mode: 0o644 });
  const failed = new Promise<never>((_, reject) =>
    out.once('error', (err) => reject(new WaieError({ code: 'FILE_WRITE', title: 'The CSV file cannot be written', detail: `${file}: ${err.message}`, file }, { cause: err }))),
  );
  failed.catch(() => undefined);
  const yesNo = (b: boolean): string => (b ? (lang === 'nl' ? 'ja' : 'yes') : lang === 'nl' ? 'nee' : 'no');
  let rows = 0;
  const work = (async () => {
    await write(out, '\ufeff' + REVIEW_CSV_COLUMNS.join(',') + '\r\n');
    for await (const item of readCopyLog(model.path)) {
      if (item.type === 'blob') {
        const b = item.blob;
        if (!needsRepair(b)) continue;
        const j = judgeBlob(b, lang);
        for (const r of failedComponents(b)) {
          const d = describeStatus(r.category, r.status, lang);
          await write(out, [b.filePath, b.blobPath, r.component, r.offset, r.length, r.status, yesNo(j.repairable), j.repairable ? command : '', d.explanation, d.nextStep, b.line].map(csvCell).join(',') + '\r\n');
          rows++;
        }
      } else if (item.type === 'entity') {
        const e = item.entity;
        const j = judgeEntity(e, lang);
        const status = e.category ?? e.errorCode ?? 'Failed';
        const d = describeStatus('dataBox', status, lang);
        const explanation = d.known ? d.explanation : [e.errorCode, e.errorMessage].filter(Boolean).join(': ');
        await write(out, ['\\' + e.path.replace(/\//g, '\\'), e.path, 'entity', undefined, undefined, status, yesNo(j.repairable), j.repairable ? command : '', explanation, j.nextStep, e.line].map(csvCell).join(',') + '\r\n');
        rows++;
      }
    }
    out.end();
    await once(out, 'finish');
  })();
  try {
    await Promise.race([work, failed]);
  } finally {
    if (!out.closed) out.destroy();
  }
  return rows;
}
