/**
 * Reliability, point 6: Electronegativity (@doyensec/electronegativity) over the Electron main process,
 * the preload and the renderer page, through scripts/electronegativity.js (offline, the Electron version
 * from node_modules): no finding above LOW. Also shows that the scan bites: a copy of the app with one
 * protection removed (sandbox off, context isolation off, web security off, insecure content, navigation unguarded, permissions not handled)
 * gets findings above LOW. And only the reviewed preload finding is silenced in the source.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = join(root, 'scripts', 'electronegativity.js');

interface Scan {
  code: number;
  report: { checks: number; errors: number; findings: Array<{ id: string; severity: string; file: string; line: number }> };
}

function scan(input?: string): Promise<Scan> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [SCRIPT, '--json', ...(input ? ['--input', input] : [])], { cwd: root, timeout: 120_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      try {
        resolve({ code, report: JSON.parse(stdout) as Scan['report'] });
      } catch {
        reject(new Error(`electronegativity: exit ${code}: ${stderr}${stdout}`));
      }
    });
  });
}

let tmp: string;
before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'waie-rel-eng-'));
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const above = (s: Scan): string[] => s.report.findings.filter((f) => !['LOW', 'INFORMATIONAL'].includes(f.severity)).map((f) => `${f.severity} ${f.id} ${f.file}:${f.line}`);

test('Electronegativity: no finding above LOW in the main process, the preload and the renderer page', async () => {
  const s = await scan();
  assert.deepEqual(above(s), []);
  assert.equal(s.code, 0);
  assert.equal(s.report.errors, 0, 'every file parsed');
  assert.ok(s.report.checks >= 30, `the checks ran (${s.report.checks})`);
});

test('only the reviewed preload finding is silenced (eng-disable) in the app\'s sources', async () => {
  const silenced: string[] = [];
  for (const folder of ['src-main/app', 'src-main/preload']) {
    for (const f of await readdir(join(root, folder))) {
      if (!f.endsWith('.ts') || f.endsWith('.test.ts')) continue;
      for (const m of (await readFile(join(root, folder, f), 'utf8')).matchAll(/eng-disable\s+([\w \t,]+)/g)) silenced.push(...m[1]!.trim().split(/[\s,]+/));
    }
  }
  assert.deepEqual(silenced, ['PRELOAD_JS_CHECK']);
});

/** A copy of what the scan reads, with `edit` applied to wiring.ts. */
async function variant(name: string, edit: (wiring: string) => string): Promise<string> {
  const dir = join(tmp, name);
  await cp(join(root, 'src-main', 'app'), join(dir, 'src-main', 'app'), { recursive: true, filter: (p) => !p.endsWith('.test.ts') });
  await cp(join(root, 'src-main', 'preload'), join(dir, 'src-main', 'preload'), { recursive: true });
  await cp(join(root, 'src-renderer', 'index.html'), join(dir, 'src-renderer', 'index.html'));
  const w = join(dir, 'src-main', 'app', 'wiring.ts');
  const before = await readFile(w, 'utf8');
  const after = edit(before);
  assert.notEqual(after, before, `${name}: the edit applies`);
  await writeFile(w, after);
  return dir;
}

test('the scan bites: with a protection removed, findings above LOW appear', async () => {
  const cases: Array<[string, (s: string) => string, string]> = [
    ['sandbox-off', (s) => s.replace('sandbox: true', 'sandbox: false'), 'SANDBOX_JS_CHECK'],
    ['insecure-content', (s) => s.replace('allowRunningInsecureContent: false', 'allowRunningInsecureContent: true'), 'INSECURE_CONTENT_JS_CHECK'],
    ['web-security-off', (s) => s.replace('webSecurity: true', 'webSecurity: false'), 'WEB_SECURITY_JS_CHECK'],
    ['context-isolation-off', (s) => s.replace('contextIsolation: true', 'contextIsolation: false'), 'CONTEXT_ISOLATION_JS_CHECK'],
    ['navigation-unguarded', (s) => s.replace("contents.on('will-navigate'", "contents.on('did-navigate'").replace("contents.setWindowOpenHandler(() => ({ action: 'deny' }));", ''), 'LIMIT_NAVIGATION_GLOBAL_CHECK'],
    ['permissions-unhandled', (s) => s.replace('session.setPermissionRequestHandler(', 'void ('), 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK'],
  ];
  for (const [name, edit, id] of cases) {
    const s = await scan(await variant(name, edit));
    assert.equal(s.code, 1, `${name}: the scan fails`);
    assert.ok(above(s).some((f) => f.includes(id)), `${name}: ${id} reported (${above(s).join('; ')})`);
  }
});
