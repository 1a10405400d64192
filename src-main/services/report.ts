/**
 * Saving a repair's report (wizard's Report step): HTML for people (with each failure's status code,
 * explanation and next step from the status catalogue) and CSV for spreadsheets (one row per failure).
 * The HTML is self-contained, with no script and a restrictive CSP.
 */
import { writeFile } from 'node:fs/promises';
import type { RepairResult } from '../../src-shared/engine-protocol.ts';
import { describeStatusCode, type Language } from '../../src-shared/status/index.ts';

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function csvCell(v: string | number | undefined): string {
  const s = v === undefined ? '' : String(v);
  // Also neutralise spreadsheet formulas in untrusted text (copy-log paths).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV: header row, then one row per failure (status code, explanation, next step). */
export function reportCsv(r: RepairResult, lang: Language = 'en'): string {
  const rows = [['FilePath', 'BlobPath', 'Component', 'Offset', 'Length', 'StatusCode', 'Detail', 'Explanation', 'NextStep']];
  for (const f of r.failures) {
    const d = describeStatusCode(f.statusCode, lang, ['blob', 'range', 'sidecar', 'drive']);
    rows.push([f.filePath, f.blobPath ?? '', f.component, f.offset === undefined ? '' : String(f.offset), f.length === undefined ? '' : String(f.length), f.statusCode, f.detail, d.explanation, d.nextStep]);
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A self-contained HTML report. */
export function reportHtml(r: RepairResult, lang: Language = 'en'): string {
  const mib = (n: number): string => `${(n / 1048576).toFixed(1)} MiB`;
  const failures = r.failures
    .map((f) => {
      const d = describeStatusCode(f.statusCode, lang, ['blob', 'range', 'sidecar', 'drive']);
      const where = f.offset !== undefined ? ` (offset ${f.offset}, length ${f.length})` : '';
      return `<tr><td>${esc(f.filePath)}${esc(where)}</td><td><code>${esc(f.statusCode)}</code></td><td>${esc(f.detail)}</td><td>${esc(d.explanation)}</td><td>${esc(d.nextStep)}</td></tr>`;
    })
    .join('\n');
  const notes = r.notes.map((n) => `<li>${esc(n)}</li>`).join('');
  // A RepairImport result carries its upload counter and path map.
  const isImport = r.bytesUploaded !== undefined || r.pathMap !== undefined;
  const mode = isImport ? 'RepairImport' : 'RepairExport';
  const conflicts = (r.pathMap?.conflicts ?? []).map((c) => `<tr><td>${esc(c.drivePath)}</td><td><code>${esc(c.statusCode)}</code></td><td>${esc(c.detail)}</td><td>${c.candidates.map(esc).join('<br>')}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${mode} report — drive ${esc(r.driveId)}</title>
<style>body{font-family:"Segoe UI",system-ui,sans-serif;margin:2rem;color:#242424}table{border-collapse:collapse;width:100%}td,th{border:1px solid #d1d1d1;padding:.4rem;text-align:left;vertical-align:top}th{background:#f5f5f5}.ok{color:#0e700e}.bad{color:#b10e1c}</style>
</head><body>
<h1>${mode} report — drive ${esc(r.driveId)}</h1>
<p class="${r.exitCode === 0 ? 'ok' : 'bad'}">${r.exitCode === 0 ? 'Every component is repaired and verified.' : `${r.failures.length} component(s) could not be repaired.`}</p>
<ul>
<li>Repaired in this run: ${r.repaired} component(s), ${isImport ? `${mib(r.bytesUploaded ?? 0)} uploaded` : `${mib(r.bytesDownloaded)} downloaded`}</li>
<li>Already done by an earlier run: ${r.resumed}</li>
<li>${isImport ? `Checked against the copy log before upload: ${r.verifiedGood} component(s)` : `Verified good against the manifest: ${r.verifiedGood} component(s), ${mib(r.bytesVerified)} read`}</li>
<li>Time: ${(r.elapsedMs / 1000).toFixed(1)} s</li>
</ul>
${notes ? `<h2>Notes</h2><ul>${notes}</ul>` : ''}
${conflicts ? `<h2>Original files not resolved</h2><p>Path map file: ${esc(r.pathMap?.file ?? '')}</p><table><thead><tr><th>File on the drive</th><th>Status code</th><th>Why</th><th>Candidates</th></tr></thead><tbody>${conflicts}</tbody></table>` : ''}
${r.failures.length ? `<h2>Not repaired</h2><table><thead><tr><th>File</th><th>Status code</th><th>What happened</th><th>What it means</th><th>What to do</th></tr></thead><tbody>${failures}</tbody></table>` : ''}
<h2>Logs</h2><ul><li>Verbose log: ${esc(r.verboseLogFile)}</li><li>After-repair drive log: ${esc(r.driveLogFile)}</li><li>Summary: ${esc(r.summaryFile)}</li></ul>
</body></html>
`;
}

/** Writes the report in `format` to `path`. */
export async function saveReport(r: RepairResult, format: 'html' | 'csv', path: string, lang: Language = 'en'): Promise<void> {
  await writeFile(path, format === 'html' ? reportHtml(r, lang) : reportCsv(r, lang), { encoding: 'utf8', mode: 0o600 });
}
