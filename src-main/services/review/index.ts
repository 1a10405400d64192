/**
 * Review of a copy log (issue 8): the streaming model builder, the HTML report and the CSV. What the
 * wizard calls (through a `review.run` channel to add to the IPC contract): {@link reviewCopyLog} for the
 * model, {@link saveReview} to save it as HTML or CSV.
 */
import { writeFile } from 'node:fs/promises';
import type { ReviewModel } from '../../../src-shared/review/index.ts';
import { WaieError } from '../../../src-shared/errors.ts';
import { reviewHtml } from './html.ts';
import { writeReviewCsv } from './csv.ts';

export { reviewCopyLog, judgeBlob, judgeEntity, decideJobKind, repairCommandLine, DEFAULT_REVIEW_LIMITS, type ReviewOptions } from './review.ts';
export { reviewHtml, richText, REVIEW_REPORT_CSP, MAX_STRIPS } from './html.ts';
export { writeReviewCsv, csvCell, failedComponents, REVIEW_CSV_COLUMNS } from './csv.ts';

/**
 * Saves `model` as `html` (the self-contained report) or `csv` (one row per failed component; streams
 * the log at `model.path` again) to `path`.
 * @returns the number of bytes (html) or data rows (csv) written
 * @throws WaieError `FILE_WRITE`; for csv also `XML_PARSE` when the log can no longer be read
 */
export async function saveReview(model: ReviewModel, format: 'html' | 'csv', path: string): Promise<number> {
  if (format === 'csv') return writeReviewCsv(model, path);
  const html = reviewHtml(model);
  try {
    await writeFile(path, html, { encoding: 'utf8', mode: 0o644 });
  } catch (err) {
    throw new WaieError({ code: 'FILE_WRITE', title: 'The report cannot be written', detail: `${path}: ${(err as Error).message}`, file: path }, { cause: err });
  }
  return Buffer.byteLength(html);
}
