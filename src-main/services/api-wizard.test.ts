/**
 * The wizard's channels for "Repair an import job", "Review a copy log" and "Find in storage account",
 * through the real handlers (composeAppServices, the real engine host and worker) against a real
 * Azurite: repairImport.plan / repairImport.start / pathMap.set on the sample damaged import job until
 * every blob equals its original; review.run / review.save; logs.list / logs.download with logs laid
 * out as the service lays them out; secrets remembered for redaction and never in an answer.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ContainerSASPermissions, generateBlobSASQueryParameters, StorageSharedKeyCredential } from '@azure/storage-blob';
import type { RepairImportRequest, StorageCredentials } from '../../src-shared/engine-protocol.ts';
import type { Channel, ParamsOf, ResultOf } from '../../src-shared/ipc/contract.ts';
import { blobServiceClientFor, startAzurite, type AzuriteInstance } from '../testing/azurite.ts';
import { buildSampleImportJob, type SampleImportJob } from '../demo/sample-import-job.ts';
import { composeAppServices, type AppServices } from './compose.ts';
import { callHandler } from './api.ts';

let az: AzuriteInstance;
let tmp: string;
let services: AppServices;
let key: StorageCredentials;

before(async () => {
  az = await startAzurite();
  tmp = await realpath(await mkdtemp(join(tmpdir(), 'waie-api-wizard-')));
  services = await composeAppServices({ hostKind: 'browser', dataDir: join(tmp, 'data') });
  key = { accountName: az.accountName, accountKey: az.accountKey, blobEndpoint: az.endpoint };
});
after(async () => {
  await services?.close();
  await az?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** Calls a channel the way both hosts do (errors as data, redacted). */
function call<C extends Channel>(channel: C, params: ParamsOf<C>) {
  return callHandler(services.handlers, channel, params);
}

async function value<C extends Channel>(channel: C, params: ParamsOf<C>): Promise<ResultOf<C>> {
  const r = await call(channel, params);
  assert.ok(r.ok, `${channel}: ${JSON.stringify(!r.ok && r.error)}`);
  return r.value;
}

/** Waits for the engine host's job to end. */
async function finished() {
  for (let i = 0; i < 600 && services.engine.state().status === 'running'; i++) await new Promise((r) => setTimeout(r, 100));
  const s = services.engine.state();
  assert.notEqual(s.status, 'running', 'the job ends');
  return s;
}

let jobs = 0;
async function importJob(): Promise<{ job: SampleImportJob; request: RepairImportRequest }> {
  const dir = join(tmp, `import${jobs++}`);
  const job = await buildSampleImportJob({ endpoint: az.endpoint, accountName: az.accountName, accountKey: az.accountKey, root: join(dir, 'job') });
  return { job, request: { repairFile: join(dir, `${job.driveId}.rep`), sourceDirs: job.sourceDirs, copyLogFile: job.copyLogFile, logDir: join(dir, 'logs'), credentials: key } };
}

async function blobEquals(job: SampleImportJob, blobName: string, file: string): Promise<boolean> {
  const data = await blobServiceClientFor(az).getContainerClient(job.container).getBlobClient(blobName).downloadToBuffer();
  return data.equals(await readFile(file));
}

test('repairImport.plan: what will be uploaded, and the ambiguous original found before anything is uploaded', async () => {
  const { job, request } = await importJob();
  const plan = await value('repairImport.plan', { request });
  // Blobs to repair: every failed blob but the skipped one; the renamed one counted.
  assert.equal(plan.skippedByRule, 1);
  assert.equal(plan.renamed, 1);
  assert.equal(plan.blobsToRepair, 8);
  assert.equal(plan.wholeBlobs, 3, 'deleted, never uploaded, never committed');
  assert.equal(plan.sidecarFiles, 2);
  assert.ok(plan.bytesToUpload > 2 * 1024 * 1024, String(plan.bytesToUpload));
  assert.deepEqual(plan.sourceDirs, job.sourceDirs);
  assert.deepEqual(
    plan.conflicts.map((c) => [c.drivePath, c.reason, c.candidates]),
    [[job.ambiguous.drivePath, 'ambiguous', job.ambiguous.candidates]],
  );
  assert.equal(plan.conflictCount, 1);
  assert.equal(plan.pathMapFile, request.repairFile.replace(/\.rep$/, '_pathmap.txt'));
  await assert.rejects(stat(plan.pathMapFile), 'planning writes nothing');
  await assert.rejects(stat(request.repairFile), 'planning writes nothing');

  // A missing source folder, and an export log, are refused with the reason.
  const missing = await call('repairImport.plan', { request: { ...request, sourceDirs: [join(tmp, 'no-such-folder')] } });
  assert.ok(!missing.ok);
  assert.equal(missing.error.statusCode, 'DiskNotFound');
  const exportLog = fileURLToPath(new URL('../engine/formats/fixtures/seed000-export-error.xml', import.meta.url));
  const refused = await call('repairImport.plan', { request: { ...request, copyLogFile: exportLog } });
  assert.ok(!refused.ok);
  assert.match(refused.error.title, /export job/);
});

test('repairImport.start, then pathMap.set with the choices and repairImport.start again: every blob equals its original', async () => {
  const { job, request } = await importJob();
  services.engine.reset();
  await value('repairImport.start', { request });
  // A second start while it runs is refused.
  const again = await call('repairImport.start', { request });
  if (services.engine.state().status === 'running') {
    assert.ok(!again.ok);
    assert.equal(again.error.code, 'BUSY');
  }
  const first = await finished();
  assert.equal(first.status, 'done', JSON.stringify(first));
  assert.ok(first.status === 'done');
  const r1 = first.result;
  assert.equal(r1.exitCode, 1);
  assert.ok((r1.bytesUploaded ?? 0) > 0);
  assert.deepEqual(r1.pathMap?.conflicts.map((c) => c.drivePath), [job.ambiguous.drivePath]);
  assert.deepEqual(r1.failures.filter((f) => f.statusCode === 'Corrupted').map((f) => f.filePath), [job.changedPath]);

  // The user's choices: the second candidate for the ambiguous file, an unchanged copy for the edited one.
  const file = r1.pathMap!.file;
  await value('pathMap.set', {
    file,
    entries: [
      { drivePath: job.ambiguous.drivePath, target: job.ambiguous.candidates[1]! },
      { drivePath: job.changedPath, target: job.changedOriginal },
    ],
  });
  const text = await readFile(file, 'utf8');
  assert.ok(text.includes(`${job.ambiguous.drivePath}\t${job.ambiguous.candidates[1]}`), text);
  assert.ok(text.includes(`${job.changedPath}\t${job.changedOriginal}`), text);
  // A target that cannot be written on one line is refused, and nothing changes.
  const bad = await call('pathMap.set', { file, entries: [{ drivePath: '\\x\ty', target: '/tmp/x' }] });
  assert.ok(!bad.ok);
  assert.equal(await readFile(file, 'utf8'), text);

  await value('repairImport.start', { request });
  const second = await finished();
  assert.ok(second.status === 'done', JSON.stringify(second));
  assert.equal(second.result.exitCode, 0, JSON.stringify(second.result.failures));
  assert.deepEqual(second.result.pathMap?.conflicts, []);
  assert.ok(second.result.resumed > 0, 'the second run resumed the first');
  for (const b of job.blobs.filter((x) => x.original && x.expect !== 'untouched')) assert.ok(await blobEquals(job, b.blobName, b.original!), `${b.blobPath} equals its original`);
  // The report of an import says so.
  const saved = await value('report.save', { format: 'html', path: join(tmp, 'import-report.html') });
  const html = await readFile(saved.path, 'utf8');
  assert.match(html, /RepairImport report/);
  assert.match(html, /uploaded/);
  services.engine.reset();
});

test('review.run and review.save: the import log reviewed in Dutch, saved as HTML with charts and as CSV', async () => {
  const { job } = await importJob();
  const model = await value('review.run', { copyLogPath: job.copyLogFile, lang: 'nl' });
  assert.equal(model.lang, 'nl');
  assert.equal(model.jobKind.kind, 'import');
  assert.equal(model.driveId, job.driveId);
  assert.equal(model.repair.command, 'RepairImport');
  assert.ok(model.failedBlobs.length >= 8);
  assert.ok(model.charts.blobStatus.length > 0 && model.charts.rangeStatus.length > 0);
  assert.ok(model.dispositions.some((d) => d.status === 'Renamed'));
  const en = await value('review.run', { copyLogPath: job.copyLogFile });
  assert.equal(en.lang, 'en');
  assert.notEqual(en.drive.title, model.drive.title, 'texts in the language asked for');

  const html = await value('review.save', { model, format: 'html', path: join(tmp, 'review.html') });
  const page = await readFile(html.path, 'utf8');
  assert.match(page, /<svg[^>]+role="img"/);
  assert.match(page, /lang="nl"/);
  const csv = await value('review.save', { model, format: 'csv', path: join(tmp, 'review.csv') });
  const rows = (await readFile(csv.path, 'utf8')).trim().split(/\r?\n/);
  assert.ok(rows.length > model.failedBlobs.length, 'one row per failed component');
  assert.ok(rows.some((r) => r.includes('koala.jpg')));

  const wrong = await call('review.save', { model, format: 'pdf' as 'html', path: join(tmp, 'review.pdf') });
  assert.ok(!wrong.ok);
  const missing = await call('review.run', { copyLogPath: join(tmp, 'no-such-log.xml') });
  assert.ok(!missing.ok);
});

// ── Logs in the storage account ─────────────────────────────────────────────

const logBody = (name: string): string => `<?xml version="1.0" encoding="utf-8"?>\r\n<DriveLog Version="2014-11-01"><!-- ${name} --><DriveId>WD1IMP0RT</DriveId><Status>Completed</Status></DriveLog>\r\n`;
const md5 = (s: string): string => createHash('md5').update(s).digest('hex').toUpperCase();

async function putLog(container: string, name: string): Promise<void> {
  const c = blobServiceClientFor(az).getContainerClient(container);
  await c.createIfNotExists();
  const data = logBody(`${container}/${name}`);
  await c.getBlockBlobClient(name).upload(data, Buffer.byteLength(data));
}

function sasFor(container: string, permissions: string): string {
  return generateBlobSASQueryParameters({ containerName: container, permissions: ContainerSASPermissions.parse(permissions), expiresOn: new Date(Date.now() + 3600_000) }, new StorageSharedKeyCredential(az.accountName, az.accountKey)).toString();
}

test('logs.list and logs.download: the service’s layout per drive and time, downloaded and checked', async () => {
  await putLog('waimportexport', 'waies/photoimport_WD1IMP0RT_20240607-101500-000_error.xml');
  await putLog('waimportexport', 'waies/photoimport_WD1IMP0RT_20240608-090000-000_error.xml');
  await putLog('waimportexport', 'waies/photoimport_WD1IMP0RT_20240607-101500-000_manifest.xml');
  await putLog('waimportexport', 'waies/otherjob_9WM35C3U_20230101-000000-000_verbose.xml');
  await putLog('waimportexport', 'waies/readme.txt');
  const listing = await value('logs.list', { credentials: key });
  assert.deepEqual(
    listing.drives.map((d) => `${d.jobName}|${d.driveId}|${d.all.length}`),
    ['otherjob|9WM35C3U|1', 'photoimport|WD1IMP0RT|3'],
  );
  assert.equal(listing.ignored, 1);
  const drive = listing.drives.find((d) => d.driveId === 'WD1IMP0RT')!;
  assert.equal(drive.newest.error?.stamp, '20240608-090000-000', 'newest first');
  const filtered = await value('logs.list', { credentials: key, jobName: 'PHOTOIMPORT', driveId: 'wd1imp0rt' });
  assert.deepEqual([...new Set(filtered.logs.map((l) => l.driveId))], ['WD1IMP0RT']);

  const out = join(tmp, 'fetched');
  const manifest = drive.newest.manifest!;
  const got = await value('logs.download', { credentials: key, logs: [drive.newest.error!, manifest], outDir: out, manifestMd5ByDrive: { WD1IMP0RT: md5(logBody(`waimportexport/${manifest.blobName}`)) } });
  assert.deepEqual(got.map((d) => d.ok), [true, true]);
  assert.equal(await readFile(join(out, 'photoimport_WD1IMP0RT_20240608-090000-000_error.xml'), 'utf8'), logBody('waimportexport/waies/photoimport_WD1IMP0RT_20240608-090000-000_error.xml'));
  // A manifest backup that does not match the job's ManifestHash is not kept.
  const bad = await value('logs.download', { credentials: key, logs: [manifest], outDir: join(tmp, 'fetched-bad'), manifestMd5ByDrive: { WD1IMP0RT: '00000000000000000000000000000000' } });
  assert.equal(bad[0]!.ok, false);
  assert.equal(bad[0]!.file, undefined);
  const noDir = await call('logs.download', { credentials: key, logs: [manifest], outDir: ' ' });
  assert.ok(!noDir.ok);

  // Through a container SAS: the virtual directory waimportexport/ of the SAS's container.
  await putLog('jobsas', 'waimportexport/waies/sasjob_DRIVES_20210101-000000-000_error.xml');
  const sas: StorageCredentials = { accountName: az.accountName, containerSas: `jobsas?${sasFor('jobsas', 'rl')}`, blobEndpoint: az.endpoint };
  const viaSas = await value('logs.list', { credentials: sas });
  assert.deepEqual(viaSas.logs.map((l) => l.blobName), ['waimportexport/waies/sasjob_DRIVES_20210101-000000-000_error.xml']);
  const sasGot = await value('logs.download', { credentials: sas, logs: viaSas.logs, outDir: out });
  assert.ok(sasGot[0]!.ok);
});

test('logs.*: refusals carry no secret, and the secrets are remembered for redacting later errors', async () => {
  const sig = /sig=([^&]+)/.exec(sasFor('jobsas', 'r'))![1]!;
  const readOnly = `jobsas?${sasFor('jobsas', 'r')}`;
  const refused = await call('logs.list', { credentials: { accountName: az.accountName, containerSas: readOnly, blobEndpoint: az.endpoint } });
  assert.ok(!refused.ok);
  assert.equal(refused.error.statusCode, 'BlobRequestForbidden');
  assert.ok(!JSON.stringify(refused).includes(sig) && !JSON.stringify(refused).includes(decodeURIComponent(sig)));

  // A secret only logs.list has seen: a later error text that happens to contain it is redacted.
  const secret = 'zebraQuartzSecret4242';
  const r = await call('logs.list', { credentials: { accountName: az.accountName, accountKey: secret, blobEndpoint: az.endpoint } });
  assert.ok(!r.ok);
  assert.ok(!JSON.stringify(r).includes(secret));
  const later = await call('review.run', { copyLogPath: join(tmp, `${secret}.xml`) });
  assert.ok(!later.ok);
  assert.ok(!JSON.stringify(later).includes(secret), JSON.stringify(later));
  const secret2 = 'walrusOnionSecret7373';
  await call('logs.download', { credentials: { accountName: az.accountName, accountKey: secret2, blobEndpoint: az.endpoint }, logs: [], outDir: join(tmp, 'none') });
  const later2 = await call('review.run', { copyLogPath: join(tmp, `${secret2}.xml`) });
  assert.ok(!JSON.stringify(later2).includes(secret2), JSON.stringify(later2));
});
