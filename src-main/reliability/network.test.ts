/**
 * Reliability, point 1: network faults between the engine and a real Azurite, through the recording
 * proxy (harness.ts). Adds to repair-export.test.ts (cuts mid-body, 503s on ranged GETs, a stalled body)
 * and repair-import.test.ts (503s and resets on uploads): resets before the response and 503 storms on
 * every kind of request, longer than the SDK's own 3 tries; a request that never gets an answer; and the
 * endpoint gone for good, for RepairExport and RepairImport through the `waie` command (exit code 3, the
 * repair file intact, a later run finishes). Every scenario ends with the secret scan.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AzuriteInstance } from '../testing/azurite.ts';
import { blobServiceClientFor } from '../testing/azurite.ts';
import { buildSampleExportJob, compareDirs, type SampleJob } from '../demo/sample-job.ts';
import { buildSampleImportJob, type SampleImportJob } from '../demo/sample-import-job.ts';
import { runRepairExport } from '../engine/repair-export/run.ts';
import { runRepairImport } from '../engine/repair-import/run.ts';
import type { RepairExportRequest } from '../../src-shared/engine-protocol.ts';
import { FULL, assertNoSecrets, readRepairFile, runWaie, startRecordingProxy, startSuiteAzurite, type CliRun, type ProxyRequest } from './harness.ts';

let az: AzuriteInstance;
let tmp: string;
before(async () => {
  az = await startSuiteAzurite();
  tmp = await realpath(await mkdtemp(join(tmpdir(), 'waie-rel-net-')));
});
after(async () => {
  await az?.stop();
  await rm(tmp, { recursive: true, force: true });
});

let n = 0;
async function exportJob(): Promise<{ job: SampleJob; dir: string }> {
  const dir = join(tmp, `x${n++}`);
  const job = await buildSampleExportJob({ endpoint: az.endpoint, accountName: az.accountName, accountKey: az.accountKey, root: join(dir, 'job'), profile: 'alternate' });
  return { job, dir };
}

function exportRequest(job: SampleJob, dir: string, endpoint: string, extra: Partial<RepairExportRequest> = {}): RepairExportRequest {
  return { repairFile: join(dir, 'drive.rep'), targetDir: job.driveDir, copyLogFile: job.copyLogFile, manifestFile: job.manifestFile, logDir: join(dir, 'logs'), credentials: { accountName: az.accountName, accountKey: az.accountKey, blobEndpoint: endpoint }, ...extra };
}

/** Counts requests per key and answers the first `times` of each with `fault`. */
function firstTimes(times: number, fault: (r: ProxyRequest) => { kind: 'reset' } | { kind: 'status'; status: number } | undefined) {
  const seen = new Map<string, number>();
  return (r: ProxyRequest) => {
    const f = fault(r);
    if (!f) return { kind: 'pass' } as const;
    const key = `${r.method} ${r.url} ${r.range?.start ?? ''}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return count <= times ? f : ({ kind: 'pass' } as const);
  };
}

test('RepairExport: every read (properties and ranges) reset before its response 4 times in a row (long form: then 503 storms): byte-identical', async () => {
  const { job, dir } = await exportJob();
  // 4 failures in a row outlast the SDK's own 3 tries: the engine's retries are needed on top.
  const proxy = await startRecordingProxy(az.endpoint, { plan: firstTimes(4, (r) => (r.method === 'GET' || r.method === 'HEAD' ? { kind: 'reset' } : undefined)) });
  try {
    const r = await runRepairExport(exportRequest(job, dir, proxy.endpoint, { maxAttempts: 8 }));
    assert.deepEqual(r.failures, []);
    assert.deepEqual(await compareDirs(job.driveDir, job.pristineDir), []);
    const verbose = await readFile(r.verboseLogFile, 'utf8');
    assert.match(verbose, /retry \d Get Blob Properties of /, 'properties reads were retried by the engine');
    assert.match(verbose, /retry \d .* offset \d+ length \d+ after 0 bytes/, 'range reads were retried by the engine');
    assert.ok(proxy.requests.filter((q) => q.method === 'HEAD').length >= 4 * job.blobs.length / 2, 'resets were injected on properties reads');
  } finally {
    await proxy.close();
  }
  if (!FULL) {
    await assertNoSecrets([az.accountKey], { dirs: [dir], skip: [join(dir, 'job')] });
    return;
  }
  const { job: job2, dir: dir2 } = await exportJob();
  const storm = await startRecordingProxy(az.endpoint, { plan: firstTimes(5, (r) => (r.method === 'GET' || r.method === 'HEAD' ? { kind: 'status', status: r.n % 2 ? 503 : 500 } : undefined)) });
  try {
    const r = await runRepairExport(exportRequest(job2, dir2, storm.endpoint, { maxAttempts: 8 }));
    assert.deepEqual(r.failures, []);
    assert.deepEqual(await compareDirs(job2.driveDir, job2.pristineDir), []);
  } finally {
    await storm.close();
  }
  await assertNoSecrets([az.accountKey], { dirs: [dir, dir2], skip: [join(dir, 'job'), join(dir2, 'job')] });
});

test('RepairExport: a request that never gets an answer is cut off by the timeout and sent again', async () => {
  const { job, dir } = await exportJob();
  let hung = 0;
  const proxy = await startRecordingProxy(az.endpoint, {
    plan: (r) => {
      // The first properties read and the first range read get no answer at all.
      if ((r.method === 'HEAD' && hung === 0) || (r.method === 'GET' && r.range && hung === 1)) {
        hung++;
        return { kind: 'delay', ms: 60_000 };
      }
      return { kind: 'pass' };
    },
  });
  try {
    const t0 = Date.now();
    const r = await runRepairExport(exportRequest(job, dir, proxy.endpoint, { stallTimeoutMs: 600 }));
    assert.deepEqual(r.failures, []);
    assert.equal(hung, 2);
    assert.deepEqual(await compareDirs(job.driveDir, job.pristineDir), []);
    assert.ok(Date.now() - t0 < 30_000, 'cut off by the timeout, not by the server');
    assert.match(await readFile(r.verboseLogFile, 'utf8'), /retry 1 Get Blob Properties of .*no data for|retry 1 Get Blob Properties of .*interrupted/);
  } finally {
    await proxy.close();
  }
});

function exportArgs(job: SampleJob, dir: string, endpoint: string): string[] {
  return ['RepairExport', `/r:${join(dir, 'drive.rep')}`, `/d:${job.driveDir}`, `/sn:${az.accountName}`, `/CopyLogFile:${job.copyLogFile}`, `/ManifestFile:${job.manifestFile}`, `/logdir:${join(dir, 'logs')}`, `/BlobEndpoint:${endpoint}`, '/concurrency:2'];
}

function assertStoppedClearly(r: CliRun, what: RegExp): void {
  assert.equal(r.code, 3, `exit code 3 (the run stopped, resumable): ${r.stderr}`);
  assert.match(r.stderr, /error: The storage account cannot be reached\./);
  assert.match(r.stderr, what);
  assert.match(r.stderr, /run the same command again to resume/);
  assert.doesNotMatch(r.stderr + r.stdout, /\n\s+at .+:\d+:\d+/, 'no stack trace');
}

/** The repair file after a stop: every line whole JSON, the header first, and work recorded. */
async function assertRepairFileIntact(path: string, mode: string): Promise<number> {
  const text = await readFile(path, 'utf8');
  assert.ok(text.endsWith('\n'), 'no torn last line');
  const lines = await readRepairFile(path);
  assert.equal(lines[0]?.format, 'waie-repair-file');
  assert.equal(lines[0]?.mode, mode);
  assert.ok(!lines.some((l) => l.t === 'finished'), 'not marked finished');
  return lines.filter((l) => l.t === 'done').length;
}

test('RepairExport (waie): the endpoint gone for good stops the run with exit code 3 and a clear error; the repair file is intact; a later run finishes', async () => {
  const { job, dir } = await exportJob();
  let served = 0;
  const proxy = await startRecordingProxy(az.endpoint, {
    plan: (r) => (r.method === 'GET' && r.range ? { kind: 'delay', ms: 30 } : { kind: 'pass' }),
    onEnd: (r) => {
      // After a few ranges, the endpoint disappears: connections are refused from now on.
      if (r.method === 'GET' && r.range && ++served === 4) void proxy.close();
    },
  });
  const env = { WAIE_STORAGE_ACCOUNT_KEY: az.accountKey };
  const gone = await runWaie(exportArgs(job, dir, proxy.endpoint), { cwd: dir, env });
  assertStoppedClearly(gone, /cannot be reached \(ECONNREFUSED\)/);
  const done = await assertRepairFileIntact(join(dir, 'drive.rep'), 'RepairExport');
  assert.ok(done >= 1, `the repair file keeps what was done (${done} records)`);
  assert.ok((await compareDirs(job.driveDir, job.pristineDir)).length > 0, 'the drive is not finished yet');
  const later = await runWaie(exportArgs(job, dir, az.endpoint), { cwd: dir, env });
  assert.equal(later.code, 0, later.stderr + later.stdout);
  assert.match(later.stdout, /Already done by an earlier run: [1-9]/);
  assert.deepEqual(await compareDirs(job.driveDir, job.pristineDir), []);
  await assertNoSecrets([az.accountKey], { dirs: [dir], skip: [join(dir, 'job')], texts: [['stopped run', gone.stdout + gone.stderr], ['later run', later.stdout + later.stderr]] });
});

async function importJob(): Promise<{ job: SampleImportJob; dir: string; mapFile: string }> {
  const dir = join(tmp, `i${n++}`);
  const job = await buildSampleImportJob({ endpoint: az.endpoint, accountName: az.accountName, accountKey: az.accountKey, root: join(dir, 'job') });
  const mapFile = join(dir, 'pathmap.txt');
  await writeFile(mapFile, `${job.ambiguous.drivePath}\t${job.ambiguous.candidates[1]}\n${job.changedPath}\t${job.changedOriginal}\n`);
  return { job, dir, mapFile };
}

async function assertImportRepaired(job: SampleImportJob): Promise<void> {
  const container = blobServiceClientFor(az).getContainerClient(job.container);
  for (const b of job.blobs.filter((x) => x.original)) {
    assert.ok((await container.getBlobClient(b.blobName).downloadToBuffer()).equals(await readFile(b.original!)), `${b.blobPath} equals its original`);
    if (b.blockIds) assert.deepEqual((await container.getBlockBlobClient(b.blobName).getBlockList('committed')).committedBlocks?.map((x) => x.name), b.blockIds, `${b.blobPath} block list`);
  }
}

test('RepairImport: reads (properties, block lists) reset before their response 4 times in a row: every blob equals its original', async () => {
  const { job, dir, mapFile } = await importJob();
  const proxy = await startRecordingProxy(az.endpoint, { plan: firstTimes(4, (r) => (r.method === 'GET' || r.method === 'HEAD' ? { kind: 'reset' } : undefined)) });
  try {
    const r = await runRepairImport({ repairFile: join(dir, 'drive.rep'), sourceDirs: job.sourceDirs, copyLogFile: job.copyLogFile, pathMapFile: mapFile, logDir: join(dir, 'logs'), concurrency: 4, credentials: { accountName: az.accountName, accountKey: az.accountKey, blobEndpoint: proxy.endpoint } });
    assert.deepEqual(r.failures, []);
    assert.match(await readFile(r.verboseLogFile, 'utf8'), /retry 1 Get (Blob Properties|Block List) of /);
  } finally {
    await proxy.close();
  }
  await assertImportRepaired(job);
  await assertNoSecrets([az.accountKey], { dirs: [dir], skip: [join(dir, 'job')] });
});

test('RepairImport (waie): the endpoint gone for good stops the run with exit code 3; the repair file is intact; a later run finishes', async () => {
  const { job, dir, mapFile } = await importJob();
  let puts = 0;
  const proxy = await startRecordingProxy(az.endpoint, {
    plan: (r) => (r.method === 'PUT' ? { kind: 'delay', ms: 30 } : { kind: 'pass' }),
    onEnd: (r) => {
      if (r.method === 'PUT' && ++puts === 6) void proxy.close();
    },
  });
  const args = (endpoint: string): string[] => ['RepairImport', `/r:${join(dir, 'drive.rep')}`, `/d:${job.sourceDirs.join(';')}`, `/sn:${az.accountName}`, `/CopyLogFile:${job.copyLogFile}`, `/PathMapFile:${mapFile}`, `/logdir:${join(dir, 'logs')}`, `/BlobEndpoint:${endpoint}`, '/concurrency:2'];
  const env = { WAIE_STORAGE_ACCOUNT_KEY: az.accountKey };
  const gone = await runWaie(args(proxy.endpoint), { cwd: dir, env });
  assertStoppedClearly(gone, /cannot be reached \(ECONNREFUSED\)/);
  const done = await assertRepairFileIntact(join(dir, 'drive.rep'), 'RepairImport');
  assert.ok(done >= 1, `the repair file keeps what was done (${done} records)`);
  const later = await runWaie(args(az.endpoint), { cwd: dir, env });
  assert.equal(later.code, 0, later.stderr + later.stdout);
  assert.match(later.stdout, /Already done by an earlier run: [1-9]/);
  await assertImportRepaired(job);
  await assertNoSecrets([az.accountKey], { dirs: [dir], skip: [join(dir, 'job')], texts: [['stopped run', gone.stdout + gone.stderr], ['later run', later.stdout + later.stderr]] });
});
