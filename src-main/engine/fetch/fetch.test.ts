/**
 * Fetching logs and manifest backups against a real Azurite, with blobs laid out as the service lays
 * them out (seed 000's location table, seed 004, formats.md §6): account key + default container,
 * key + chosen container, container SAS + default and chosen virtual directory, the `databoxcopylog`
 * container; several jobs (one with `_` in its name), drives and timestamps.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerSASPermissions, generateBlobSASQueryParameters, StorageSharedKeyCredential } from '@azure/storage-blob';
import { WaieError } from '../../../src-shared/errors.ts';
import type { StorageCredentials } from '../../../src-shared/engine-protocol.ts';
import { blobServiceClientFor, startAzurite, type AzuriteInstance } from '../../testing/azurite.ts';
import { downloadJobLogs, fetchJobLogs, findJobLogs, newestLogs } from './index.ts';

let az: AzuriteInstance;
let tmp: string;
let key: StorageCredentials;

/** Body of a log blob: names itself so a test can tell which one was downloaded. */
const body = (name: string): string => `<?xml version="1.0" encoding="utf-8"?>\r\n<DriveLog Version="2014-11-01"><!-- ${name} --><DriveId>X</DriveId><Status>Completed</Status></DriveLog>\r\n`;
const md5 = (s: string): string => createHash('md5').update(s).digest('hex').toUpperCase();

const DEFAULT_BLOBS = [
  'waies/my_job_1_9WM35C2V_20130921-034307-902_error.xml',
  'waies/my_job_1_9WM35C2V_20130922-101010-000_error.xml', // newer
  'waies/my_job_1_9WM35C2V_20130922-101010-000_verbose.xml',
  'waies/my_job_1_9WM35C2V_20130920-000000-000_verbose.xml', // older
  'waies/my_job_1_9WM35C3U_20130921-034307-902_error.xml',
  'waies/my_job_1_9WM35C3U_20130921-034307-902_manifest.xml',
  'waies/my_job_1_9WM35C3U_20130901-000000-000_manifest.xml', // older backup
  'waies/otherjob_WD-WMATV123456_20140101-000000-001_error.xml',
  'waies/readme.txt', // not a log name: ignored
  'waies/sub/otherjob_X_20140101-000000-001_error.xml', // not directly under waies/: ignored
  'waies/badjob_DRIVE_20131345-000000-000_error.xml', // impossible month: ignored
  'elsewhere/otherjob_Y_20140101-000000-001_error.xml', // outside waies/: not even listed
];

async function put(container: string, name: string, contentMd5?: Uint8Array): Promise<void> {
  const c = blobServiceClientFor(az).getContainerClient(container);
  await c.createIfNotExists();
  const data = body(`${container}/${name}`);
  const b = c.getBlockBlobClient(name);
  await b.upload(data, Buffer.byteLength(data));
  // Set Blob Properties stores a Content-MD5 as given (Put Blob would check it).
  if (contentMd5) await b.setHTTPHeaders({ blobContentType: 'application/xml', blobContentMD5: contentMd5 });
}

function sasFor(container: string, permissions: string): string {
  return generateBlobSASQueryParameters({ containerName: container, permissions: ContainerSASPermissions.parse(permissions), expiresOn: new Date(Date.now() + 3600_000) }, new StorageSharedKeyCredential(az.accountName, az.accountKey)).toString();
}

before(async () => {
  az = await startAzurite();
  tmp = await mkdtemp(join(tmpdir(), 'waie-fetch-'));
  key = { accountName: az.accountName, accountKey: az.accountKey, blobEndpoint: az.endpoint };
  for (const n of DEFAULT_BLOBS) await put('waimportexport', n);
  await put('mylogs', 'waies/jobB_DRIVEB_20200101-000000-000_error.xml');
  await put('mylogs', 'waies/jobB_DRIVEB_20200101-000000-000_manifest.xml'); // a manifest where only logs belong: ignored
  await put('diag', 'waies/jobB_DRIVEB_20200101-000000-000_manifest.xml');
  await put('databoxcopylog', 'DataBoxTestOrder_CHC533180024_CopyLog_73a81b2d613547a28ecb7b1612fe93ca.xml');
  await put('databoxcopylog', 'DataBoxTestOrder_CHC533180024_VerboseLog_73a81b2d613547a28ecb7b1612fe93ca.xml');
  // SAS layouts: virtual directory waimportexport/ (default) and waimportexport/<value>/ (chosen).
  await put('sascontainer', 'waimportexport/waies/jobS_DRIVES_20210101-000000-000_error.xml');
  await put('sascontainer', 'waimportexport/waies/jobS_DRIVES_20210101-000000-000_manifest.xml');
  await put('sascontainer', 'waimportexport/mylogblobs/waies/jobS_DRIVES_20210102-000000-000_error.xml');
  await put('sascontainer', 'waies/jobS_DRIVES_20290101-000000-000_error.xml'); // not where the service writes for SAS jobs
  // A blob whose stored Content-MD5 does not match its bytes (damaged in storage).
  await put('damaged', 'waies/jobD_DRIVED_20220101-000000-000_error.xml', createHash('md5').update('something else').digest());
});

after(async () => {
  await az?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

test('account key + default: every job and drive in container waimportexport, names with _ parsed, newest picked', async () => {
  const listing = await findJobLogs(key);
  const def = listing.searched.find((s) => s.container === 'waimportexport');
  assert.ok(def);
  assert.equal(def.rule, 'key-default');
  assert.equal(def.listedPrefix, 'waies/');
  assert.deepEqual(def.purposes.sort(), ['logs', 'manifests']);
  const db = listing.searched.find((s) => s.container === 'databoxcopylog');
  assert.equal(db?.found, 2);
  assert.deepEqual(
    listing.drives.map((d) => `${d.jobName}|${d.driveId}|${d.all.length}`),
    ['DataBoxTestOrder|CHC533180024|2', 'my_job_1|9WM35C2V|4', 'my_job_1|9WM35C3U|3', 'otherjob|WD-WMATV123456|1'],
  );
  assert.equal(listing.ignored, 3, 'readme.txt, a name in a sub-folder and an impossible timestamp');
  const c2v = listing.drives.find((d) => d.driveId === '9WM35C2V')!;
  assert.equal(c2v.newest.error?.stamp, '20130922-101010-000');
  assert.equal(c2v.newest.error?.time, '2013-09-22T10:10:10.000Z');
  assert.equal(c2v.newest.verbose?.stamp, '20130922-101010-000');
  assert.equal(c2v.all[0]?.sortTime, '2013-09-22T10:10:10.000Z', 'newest first');
  const c3u = listing.drives.find((d) => d.driveId === '9WM35C3U')!;
  assert.equal(c3u.newest.manifest?.blobName, 'waies/my_job_1_9WM35C3U_20130921-034307-902_manifest.xml');
  const dbx = listing.drives.find((d) => d.jobName === 'DataBoxTestOrder')!;
  assert.equal(dbx.newest.copyLog?.runId, '73a81b2d613547a28ecb7b1612fe93ca');
  assert.ok(dbx.newest.copyLog?.sortTime, 'databox logs are ordered by Last-Modified');
  for (const l of listing.logs) {
    assert.ok(l.sizeBytes && l.sizeBytes > 0);
    assert.match(l.etag ?? '', /./);
  }
  // Only the newest of each kind per drive and job.
  assert.deepEqual(
    newestLogs(listing).map((l) => l.fileName),
    [
      'DataBoxTestOrder_CHC533180024_CopyLog_73a81b2d613547a28ecb7b1612fe93ca.xml',
      'DataBoxTestOrder_CHC533180024_VerboseLog_73a81b2d613547a28ecb7b1612fe93ca.xml',
      'my_job_1_9WM35C2V_20130922-101010-000_error.xml',
      'my_job_1_9WM35C2V_20130922-101010-000_verbose.xml',
      'my_job_1_9WM35C3U_20130921-034307-902_error.xml',
      'my_job_1_9WM35C3U_20130921-034307-902_manifest.xml',
      'otherjob_WD-WMATV123456_20140101-000000-001_error.xml',
    ],
  );
});

test('filters by job and drive (case-insensitive); a known job name lets a drive ID contain _', async () => {
  const byJob = await findJobLogs(key, { jobName: 'MY_JOB_1', dataBox: false });
  assert.deepEqual(byJob.drives.map((d) => d.driveId), ['9WM35C2V', '9WM35C3U']);
  const byDrive = await findJobLogs(key, { driveId: '9wm35c3u' });
  assert.deepEqual(byDrive.logs.map((l) => l.kind).sort(), ['error', 'manifest', 'manifest']);
  // With the job name known, "my_job" + drive "1_9WM35C2V" is a possible reading, and it is the one asked for.
  const known = await findJobLogs(key, { jobName: 'my_job', dataBox: false });
  assert.deepEqual([...new Set(known.logs.map((l) => l.driveId))].sort(), ['1_9WM35C2V', '1_9WM35C3U']);
});

test('account key + chosen ImportExportStatesPath and DiagnosticsPath: those containers', async () => {
  const listing = await findJobLogs(key, { statesPath: 'mylogs', diagnosticsPath: 'diag', dataBox: false });
  assert.deepEqual(
    listing.searched.map((s) => [s.container, s.rule, s.purposes.join(), s.found]),
    [
      ['mylogs', 'key-chosen', 'logs', 1],
      ['diag', 'key-chosen', 'manifests', 1],
    ],
  );
  assert.deepEqual(listing.logs.map((l) => `${l.container}/${l.blobName}`).sort(), ['diag/waies/jobB_DRIVEB_20200101-000000-000_manifest.xml', 'mylogs/waies/jobB_DRIVEB_20200101-000000-000_error.xml']);
  assert.equal(listing.ignored, 1, 'the manifest in the logs container is not where backups go');
  const none = await findJobLogs(key, { statesPath: 'nosuchcontainer', diagnosticsPath: 'nosuchcontainer', dataBox: false });
  assert.deepEqual(none.searched.map((s) => [s.container, s.missing]), [['nosuchcontainer', true]]);
  assert.equal(none.logs.length, 0);
});

test('container SAS + default: virtual directory waimportexport/; + chosen value: waimportexport/<value>/', async () => {
  const sas: StorageCredentials = { accountName: az.accountName, containerSas: `sascontainer?${sasFor('sascontainer', 'rl')}`, blobEndpoint: az.endpoint };
  const def = await findJobLogs(sas);
  assert.deepEqual(def.searched.map((s) => [s.container, s.listedPrefix, s.rule]), [['sascontainer', 'waimportexport/waies/', 'sas-default']]);
  assert.deepEqual(def.logs.map((l) => l.blobName).sort(), ['waimportexport/waies/jobS_DRIVES_20210101-000000-000_error.xml', 'waimportexport/waies/jobS_DRIVES_20210101-000000-000_manifest.xml']);
  const chosen = await findJobLogs(sas, { statesPath: 'mylogblobs' });
  assert.deepEqual(
    chosen.searched.map((s) => [s.listedPrefix, s.rule, s.purposes.join()]),
    [
      ['waimportexport/mylogblobs/waies/', 'sas-chosen', 'logs'],
      ['waimportexport/waies/', 'sas-default', 'manifests'],
    ],
  );
  assert.deepEqual(chosen.logs.map((l) => l.blobName).sort(), ['waimportexport/mylogblobs/waies/jobS_DRIVES_20210102-000000-000_error.xml', 'waimportexport/waies/jobS_DRIVES_20210101-000000-000_manifest.xml']);
  // The URL form of the SAS works the same.
  const url: StorageCredentials = { accountName: az.accountName, containerSas: `${az.endpoint}/sascontainer?${sasFor('sascontainer', 'rl')}`, blobEndpoint: az.endpoint };
  assert.equal((await findJobLogs(url)).logs.length, 2);
  // Downloading through the SAS.
  const out = join(tmp, 'sas');
  const got = await downloadJobLogs(sas, def.logs, out);
  assert.ok(got.every((d) => d.ok));
  assert.equal(await readFile(join(out, 'jobS_DRIVES_20210101-000000-000_error.xml'), 'utf8'), body('sascontainer/waimportexport/waies/jobS_DRIVES_20210101-000000-000_error.xml'));
});

test('a SAS without its container, without List permission, or a wrong key: refused with a clear error and no secret', async () => {
  const token = sasFor('sascontainer', 'rl');
  await assert.rejects(findJobLogs({ accountName: az.accountName, containerSas: token, blobEndpoint: az.endpoint }), (e: unknown) => e instanceof WaieError && e.info.code === 'BAD_INPUT' && /names? (its|the) container/i.test(e.info.title));
  const readOnly = `sascontainer?${sasFor('sascontainer', 'r')}`;
  await assert.rejects(findJobLogs({ accountName: az.accountName, containerSas: readOnly, blobEndpoint: az.endpoint }), (e: unknown) => {
    assert.ok(e instanceof WaieError);
    assert.equal(e.info.code, 'STORAGE_FORBIDDEN');
    assert.equal(e.info.statusCode, 'BlobRequestForbidden');
    assert.match(e.info.detail, /List \(l\)/);
    const sig = /sig=([^&]+)/.exec(readOnly)![1]!;
    assert.ok(!JSON.stringify(e.info).includes(sig) && !JSON.stringify(e.info).includes(decodeURIComponent(sig)), 'no signature in the error');
    return true;
  });
  const wrongKey = Buffer.alloc(64, 7).toString('base64');
  await assert.rejects(findJobLogs({ accountName: az.accountName, accountKey: wrongKey, blobEndpoint: az.endpoint }), (e: unknown) => {
    assert.ok(e instanceof WaieError);
    assert.equal(e.info.code, 'STORAGE_FORBIDDEN');
    assert.ok(!JSON.stringify(e.info).includes(wrongKey));
    return true;
  });
  await assert.rejects(findJobLogs(key, { statesPath: '../x' }), (e: unknown) => e instanceof WaieError && e.info.code === 'BAD_INPUT');
});

test('download: streamed to files; a manifest backup checked against a right and a wrong hash; Content-MD5 checked', async () => {
  const out = join(tmp, 'dl');
  const manifestName = 'waies/my_job_1_9WM35C3U_20130921-034307-902_manifest.xml';
  const right = md5(body(`waimportexport/${manifestName}`));
  const ok = await fetchJobLogs(key, out, { jobName: 'my_job_1', driveId: '9WM35C3U', manifestMd5ByDrive: { '9wm35c3u': right.toLowerCase() }, dataBox: false });
  assert.deepEqual(ok.downloads.map((d) => [d.log.kind, d.ok]), [['error', true], ['manifest', true]]);
  const m = ok.downloads.find((d) => d.log.kind === 'manifest')!;
  assert.equal(m.md5, right);
  assert.deepEqual(m.checks.map((c) => [c.source, c.ok]).sort(), [['contentMd5', true], ['given', true]]);
  assert.equal(await readFile(m.file!, 'utf8'), body(`waimportexport/${manifestName}`));
  // Base64 form of the same hash is accepted too.
  const b64 = Buffer.from(right, 'hex').toString('base64');
  const again = await downloadJobLogs(key, [m.log], join(tmp, 'dl-b64'), { manifestMd5ByDrive: { '9WM35C3U': b64 } });
  assert.equal(again[0]?.ok, true);

  const wrongOut = join(tmp, 'dl-wrong');
  const wrong = await fetchJobLogs(key, wrongOut, { jobName: 'my_job_1', driveId: '9WM35C3U', manifestMd5ByDrive: { '9WM35C3U': '0'.repeat(32) }, dataBox: false });
  const bad = wrong.downloads.find((d) => d.log.kind === 'manifest')!;
  assert.equal(bad.ok, false);
  assert.equal(bad.file, undefined);
  assert.deepEqual(bad.checks.find((c) => c.source === 'given'), { source: 'given', expected: '0'.repeat(32), actual: right, ok: false });
  assert.deepEqual((await readdir(wrongOut)).sort(), ['my_job_1_9WM35C3U_20130921-034307-902_error.xml'], 'the failed manifest left nothing behind (no .partial either)');
  await assert.rejects(downloadJobLogs(key, [m.log], wrongOut, { manifestMd5ByDrive: { X: 'nothex' } }), (e: unknown) => e instanceof WaieError && e.info.code === 'BAD_INPUT');

  // A blob whose bytes do not match its stored Content-MD5.
  const damaged = await findJobLogs(key, { statesPath: 'damaged', diagnosticsPath: 'damaged', dataBox: false });
  const d = await downloadJobLogs(key, damaged.logs, join(tmp, 'dl-damaged'));
  assert.equal(d[0]?.ok, false);
  assert.equal(d[0]?.checks[0]?.source, 'contentMd5');
});
