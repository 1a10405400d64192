/**
 * The desktop app's bundles (what electron-builder packages): built with the real build script, the
 * bundled engine worker runs a real repair against Azurite through the engine host, the worker bundle
 * contains no electron import, and the preload bundle requires nothing but electron.
 * (The Electron binary itself cannot be downloaded here; e2e/electron runs where it exists.)
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineHost } from '../host/engine-host.ts';
import { startAzurite, type AzuriteInstance } from '../testing/azurite.ts';
import { buildSampleExportJob, compareDirs } from '../demo/sample-job.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
let az: AzuriteInstance;
let tmp: string;
before(async () => {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-electron.js')], { cwd: root, stdio: 'pipe' });
  az = await startAzurite();
  tmp = await mkdtemp(join(tmpdir(), 'waie-bundle-'));
});
after(async () => {
  await az.stop();
  await rm(tmp, { recursive: true, force: true });
});

test('bundled worker repairs a drive through the engine host', async () => {
  const job = await buildSampleExportJob({ endpoint: az.endpoint, accountName: az.accountName, accountKey: az.accountKey, root: join(tmp, 'job'), profile: 'demo' });
  const host = new EngineHost({ workerUrl: new URL(`file://${join(root, 'dist', 'electron', 'worker.js')}`) });
  const phases = new Set<string>();
  host.subscribe((e) => {
    if (e.type === 'progress') phases.add(e.progress.phase);
  });
  const end = await host.run({ kind: 'RepairExport', request: { repairFile: join(tmp, 'r.rep'), targetDir: job.driveDir, copyLogFile: job.copyLogFile, manifestFile: job.manifestFile, logDir: join(tmp, 'logs'), credentials: { accountName: az.accountName, accountKey: az.accountKey, blobEndpoint: az.endpoint } } });
  assert.equal(end.type, 'done', JSON.stringify(end));
  assert.equal(end.type === 'done' && end.result.exitCode, 0);
  assert.deepEqual(await compareDirs(job.driveDir, job.pristineDir), []);
  // Progress is sampled (at most 10 events a second), so a short phase may not show: judge by the result.
  assert.ok(phases.size > 0, 'progress events arrived');
  assert.ok(end.type === 'done' && end.result.verifiedGood > 0, 'the manifest was verified');
  assert.equal(host.state().status, 'done');
});

test('worker bundle never imports electron; preload requires only electron', async () => {
  const worker = await readFile(join(root, 'dist', 'electron', 'worker.js'), 'utf8');
  assert.doesNotMatch(worker, /from ["']electron["']|require\(["']electron["']\)/);
  const preload = await readFile(join(root, 'dist', 'electron', 'preload.cjs'), 'utf8');
  const requires = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(requires)], ['electron']);
  assert.match(preload, /exposeInMainWorld\("api"/);
});
