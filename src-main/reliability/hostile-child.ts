/**
 * Child process of hostile-input.test.ts: runs RepairExport on each case of a corpus, one after the other,
 * and reports per case the outcome, the time taken and how much the process's peak memory (max RSS)
 * and heap grew, so that the parent can bound memory without the noise of its own test runner.
 *
 * Usage: node --expose-gc --import tsx hostile-child.ts <cases.json>   (prints one JSON line on stdout)
 * cases.json: [{ name, request: RepairExportRequest }]; the account key comes from WAIE_STORAGE_ACCOUNT_KEY.
 */
import { readFileSync } from 'node:fs';
import { resourceUsage } from 'node:process';
import type { RepairExportRequest } from '../../src-shared/engine-protocol.ts';
import { toErrorInfo } from '../../src-shared/errors.ts';
import { runRepairExport } from '../engine/repair-export/run.ts';

interface Case {
  name: string;
  request: RepairExportRequest;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const cases = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Case[];
const out: unknown[] = [];
for (const c of cases) {
  c.request.credentials.accountKey = process.env.WAIE_STORAGE_ACCOUNT_KEY;
  gc();
  const rssBefore = resourceUsage().maxRSS;
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = heapBefore;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 2);
  const t0 = Date.now();
  let report: Record<string, unknown>;
  try {
    const r = await runRepairExport(c.request);
    report = { outcome: 'result', exitCode: r.exitCode, failures: r.failures.map((f) => ({ statusCode: f.statusCode, filePath: f.filePath, blobPath: f.blobPath, detail: f.detail })), bytesDownloaded: r.bytesDownloaded };
  } catch (err) {
    const e = toErrorInfo(err);
    report = { outcome: 'error', error: { code: e.code, statusCode: e.statusCode, title: e.title, detail: e.detail.slice(0, 400), file: e.file, line: e.line, column: e.column } };
  }
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  out.push({ name: c.name, ms: Date.now() - t0, rssGrowthKb: resourceUsage().maxRSS - rssBefore, heapGrowth: peakHeap - heapBefore, ...report });
}
process.stdout.write(JSON.stringify(out) + '\n');
