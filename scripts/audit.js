#!/usr/bin/env node
// Dependency audit for CI: `npm audit --omit=dev` (the packages the app ships), failing on any high or
// critical advisory. `.npmrc` has audit=false (no audit during `npm ci`), which does not affect this command.
//
// Exit codes: 0 no high or critical advisory (or the advisory service could not be asked, see below);
// 1 high or critical advisories (listed). When the registry refuses the audit request (some mirrors and
// proxies answer 405), the audit cannot run: that is said loudly and, unless WAIE_AUDIT_REQUIRED=1, not
// counted as a failure (the advisories cannot be known, not "none found").
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
// WAIE_AUDIT_REPORT=<file>: judge a saved `npm audit --json` report instead (tests of this script).
const r = process.env.WAIE_AUDIT_REPORT
  ? { status: 0, stdout: readFileSync(process.env.WAIE_AUDIT_REPORT, 'utf8'), stderr: '' }
  : spawnSync(npm, ['audit', '--omit=dev', '--json'], { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
let report;
try {
  report = JSON.parse(r.stdout);
} catch {
  process.stderr.write(`npm audit printed no report (exit ${r.status}): ${(r.stderr || '').slice(-2000)}\n`);
  process.exit(process.env.WAIE_AUDIT_REQUIRED === '1' ? 1 : 0);
}
if (report.error || (report.statusCode && !report.metadata)) {
  const why = [report.message, report.error?.code, report.error?.summary].filter(Boolean).join(' ') || `exit ${r.status}`;
  process.stderr.write(`WARNING: npm audit could not ask the advisory service: ${why}. Dependencies were NOT audited in this run.\n`);
  process.exit(process.env.WAIE_AUDIT_REQUIRED === '1' ? 1 : 0);
}
const counts = report.metadata?.vulnerabilities ?? {};
const serious = Object.entries(report.vulnerabilities ?? {}).filter(([, v]) => v.severity === 'high' || v.severity === 'critical');
process.stdout.write(`npm audit --omit=dev: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ') || 'no advisories'}.\n`);
for (const [name, v] of serious) {
  const via = (v.via ?? []).map((x) => (typeof x === 'string' ? x : `${x.title ?? ''} ${x.url ?? ''}`.trim())).join('; ');
  process.stdout.write(`  ${v.severity.toUpperCase()} ${name} ${v.range ?? ''}: ${via}${v.fixAvailable ? ' (fix available)' : ''}\n`);
}
process.exit(serious.length ? 1 : 0);
