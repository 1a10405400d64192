/**
 * Reliability, point 7: the dependency audit CI runs (scripts/audit.js after `npm ci` in .ci/run), judged
 * on saved `npm audit --json` reports: a high or critical advisory fails it and is listed; moderate ones
 * do not; a registry that refuses the audit request is reported as "not audited", and fails only when
 * WAIE_AUDIT_REQUIRED=1. (The audit itself needs the registry's advisory service, so it runs in CI, not here.)
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../scripts/audit.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'waie-rel-audit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function judge(report: unknown, env: NodeJS.ProcessEnv = {}): { code: number | null; out: string } {
  const file = join(dir, `r${Math.random()}.json`);
  writeFileSync(file, JSON.stringify(report));
  const r = spawnSync(process.execPath, [SCRIPT], { env: { ...process.env, WAIE_AUDIT_REPORT: file, ...env }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

const vuln = (severity: string) => ({ name: 'left-pad', severity, range: '<1.3.0', via: [{ title: 'Prototype pollution', url: 'https://example.invalid/advisory' }], fixAvailable: true });

test('a high or critical advisory fails the audit and is listed; moderate and low ones do not', () => {
  const high = judge({ vulnerabilities: { 'left-pad': vuln('high') }, metadata: { vulnerabilities: { high: 1 } } });
  assert.equal(high.code, 1);
  assert.match(high.out, /HIGH left-pad <1\.3\.0: Prototype pollution/);
  assert.equal(judge({ vulnerabilities: { x: vuln('critical') }, metadata: { vulnerabilities: { critical: 1 } } }).code, 1);
  assert.equal(judge({ vulnerabilities: { x: vuln('moderate'), y: vuln('low') }, metadata: { vulnerabilities: { moderate: 1, low: 1 } } }).code, 0);
  assert.equal(judge({ vulnerabilities: {}, metadata: { vulnerabilities: {} } }).code, 0);
});

test('a registry that refuses the audit: said loudly, a failure only when required', () => {
  const refused = { message: '405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk', statusCode: 405, error: { summary: '', detail: '' } };
  const r = judge(refused);
  assert.equal(r.code, 0);
  assert.match(r.out, /NOT audited/);
  assert.equal(judge(refused, { WAIE_AUDIT_REQUIRED: '1' }).code, 1);
});
