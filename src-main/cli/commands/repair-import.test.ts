/**
 * `waie RepairImport` as an operator runs it: a real child process, a real Azurite, real files.
 * Includes kill -9 at several moments of a repair (requests slowed by the fault proxy) and resume.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WaieError } from '../../../src-shared/errors.ts';
import { startAzurite, blobServiceClientFor, type AzuriteInstance } from '../../testing/azurite.ts';
import { startFaultProxy } from '../../testing/fault-proxy.ts';
import { buildSampleImportJob, type SampleImportJob } from '../../demo/sample-import-job.ts';
import { REPAIR_IMPORT_PARAMS, repairImportRequest, splitSourceDirs } from './repair-import.ts';

const waie = fileURLToPath(new URL('../../../bin/waie.js', import.meta.url));
let az: AzuriteInstance;
let tmp: string;
before(async () => {
  az = await startAzurite();
  tmp = await realpath(await mkdtemp(join(tmpdir(), 'waie-ri-cli-')));
});
after(async () => {
  await az.stop();
  await rm(tmp, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], opts: { killAfterMs?: number } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [waie, ...args], { cwd: tmp, env: { ...process.env, NODE_OPTIONS: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    if (opts.killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs);
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

function repairArgs(job: SampleImportJob, dir: string, endpoint: string, mapFile: string): string[] {
  return ['RepairImport', `/r:${join(dir, 'drive.rep')}`, `/d:${job.sourceDirs.join(';')}`, `/sn:${az.accountName}`, `/sk:${az.accountKey}`, `/CopyLogFile:${job.copyLogFile}`, `/PathMapFile:${mapFile}`, `/logdir:${join(dir, 'logs')}`, `/BlobEndpoint:${endpoint}`, '/concurrency:2'];
}

test('help explains every parameter', async () => {
  const general = await run(['help']);
  assert.equal(general.code, 0);
  assert.match(general.stdout, /RepairImport/);
  const h = await run(['help', 'RepairImport']);
  assert.equal(h.code, 0);
  for (const [k, p] of Object.entries(REPAIR_IMPORT_PARAMS)) {
    const spelled = `/${'name' in p ? p.name : k}:`;
    assert.ok(h.stdout.includes(spelled), spelled);
  }
  for (const p of ['/r:', '/d:', '/sn:', '/sk:', '/csas:', '/CopyLogFile:', '/PathMapFile:', '/logdir:', '/bk:', '/BlobEndpoint:']) assert.ok(h.stdout.includes(p), p);
  assert.match(h.stdout, /TAB/);
  assert.match(h.stdout, /semicolons/);
});

test('bad input: missing parameters, /bk, an unknown parameter: exit code 2, one paragraph, nothing uploaded', async () => {
  const missing = await run(['RepairImport', '/r:x.rep']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^error: Missing \/d, \/sn, \/CopyLogFile, \/sk or \/csas/);
  const bk = await run(['RepairImport', '/r:x.rep', '/d:a;b', '/sn:acct', '/sk:a2V5', '/CopyLogFile:c.xml', '/bk:238810-662376-448998-450120-652806-203390-606320-483076']);
  assert.equal(bk.code, 2);
  assert.match(bk.stderr, /\/bk is not available yet/);
  const unknown = await run(['RepairImport', '/ManifestFile:x']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Unknown parameter \/manifestfile/i);
  const noDir = await run(['RepairImport', `/r:${join(tmp, 'n.rep')}`, `/d:${join(tmp, 'nope')}`, '/sn:acct', '/sk:a2V5', `/CopyLogFile:${join(tmp, 'x.xml')}`]);
  assert.equal(noDir.code, 2);
  assert.match(noDir.stderr, /source directory does not exist/);
  assert.doesNotMatch(missing.stderr + bk.stderr + noDir.stderr, /\n\s+at .+:\d+:\d+/, 'no stack trace');
});

test('request: /d split on semicolons; key from the environment; /sk and /csas exclusive', () => {
  assert.deepEqual(splitSourceDirs('C:\\Users\\bob\\Pictures; X:\\BobBackup\\photos;'), ['C:\\Users\\bob\\Pictures', 'X:\\BobBackup\\photos']);
  const r = repairImportRequest({ r: 'a.rep', d: '/a;/b', sn: 'acct', copylogfile: 'c.xml', pathmapfile: 'm.txt', concurrency: '3' }, { WAIE_STORAGE_ACCOUNT_KEY: 'a2V5' });
  assert.deepEqual(r.sourceDirs, ['/a', '/b']);
  assert.equal(r.credentials.accountKey, 'a2V5');
  assert.equal(r.pathMapFile, 'm.txt');
  assert.equal(r.concurrency, 3);
  assert.throws(() => repairImportRequest({ r: 'a', d: ' ; ', sn: 'acct', copylogfile: 'c', sk: 'k' }, {}), (e: unknown) => e instanceof WaieError && /\/d/.test(e.info.title));
  assert.throws(() => repairImportRequest({ r: 'a', d: 'b', sn: 'acct', copylogfile: 'c', sk: 'k', csas: 's' }, {}), /not both/);
});

test('kill -9 at several moments, then resume: every blob equals its original with its block list; a finished repair uploads nothing; no key anywhere', async () => {
  const dir = join(tmp, 'kill');
  const job = await buildSampleImportJob({ endpoint: az.endpoint, accountName: az.accountName, accountKey: az.accountKey, root: join(dir, 'job') });
  const container = blobServiceClientFor(az).getContainerClient(job.container);
  const untouched = job.blobs.filter((b) => b.expect === 'untouched');
  const etags = new Map<string, string | undefined>();
  for (const b of untouched) etags.set(b.blobName, (await container.getBlobClient(b.blobName).getProperties()).etag);
  const mapFile = join(dir, 'pathmap.txt');
  await writeFile(mapFile, `${job.ambiguous.drivePath}\t${job.ambiguous.candidates[1]}\n${job.changedPath}\t${job.changedOriginal}\n`);
  // Slow every upload so that kills land between Put Blocks, Put Pages and commits.
  const proxy = await startFaultProxy(az.endpoint, ({ method }) => (method === 'PUT' ? { kind: 'delay', ms: 150 } : { kind: 'pass' }));
  const outputs: string[] = [];
  try {
    let killed = 0;
    let finished: Run | undefined;
    for (const ms of [1200, 1700, 2200, 2700, 3200, 3700]) {
      const r = await run(repairArgs(job, dir, proxy.endpoint, mapFile), { killAfterMs: ms });
      outputs.push(r.stdout, r.stderr);
      if (r.signal === 'SIGKILL') killed++;
      else {
        finished = r;
        break;
      }
    }
    assert.ok(killed >= 2, `at least two runs were killed mid-repair (killed ${killed})`);
    finished ??= await run(repairArgs(job, dir, proxy.endpoint, mapFile));
    outputs.push(finished.stdout, finished.stderr);
    assert.equal(finished.code, 0, finished.stderr + finished.stdout);
    assert.match(finished.stdout, /Already done by an earlier run: [1-9]/);
    for (const b of job.blobs.filter((x) => x.original)) {
      const data = await container.getBlobClient(b.blobName).downloadToBuffer();
      assert.ok(data.equals(await readFile(b.original!)), `${b.blobPath} equals its original`);
      if (b.blockIds) assert.deepEqual((await container.getBlockBlobClient(b.blobName).getBlockList('committed')).committedBlocks?.map((x) => x.name), b.blockIds, `${b.blobPath} block list`);
    }
    for (const b of untouched) assert.equal((await container.getBlobClient(b.blobName).getProperties()).etag, etags.get(b.blobName), `${b.blobPath} untouched`);
    const again = await run(repairArgs(job, dir, proxy.endpoint, mapFile));
    outputs.push(again.stdout, again.stderr);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /already finished: nothing was uploaded/);
  } finally {
    await proxy.close();
  }
  let written = outputs.join('\n');
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && !e.parentPath.startsWith(join(dir, 'job'))) written += await readFile(join(e.parentPath, e.name), 'latin1');
  }
  assert.ok(!written.includes(az.accountKey), 'the account key appears in no output, log, path map or repair file');
});
