/**
 * Reliability, point 5: secrets. The other reliability scenarios each end with the scan of everything
 * they wrote (harness.ts `assertNoSecrets`, with an account key of the suite's own); this file adds the
 * scenarios aimed at the secrets themselves:
 * - the Blob SDK made to throw errors whose message carries the request URL with `sig=` (a proxy echoing
 *   the URL in its error bodies, as the service does for some errors), with the SDK's own logging on
 *   (AZURE_LOG_LEVEL=verbose): `waie RepairExport` with a container SAS, then every file, stdout and
 *   stderr scanned for the signature and the account key;
 * - each layer that keeps such a message out of what is written: the error classification never copies
 *   SDK messages, failure details and log lines are redacted;
 * - the recovery key given to `waie RepairExport /bk` and to the wizard's unlock, with the unlock failing;
 * - the wizard's services (settings, connection test, a repair started through the API, its events and
 *   report) with an account key and a SAS: the settings file, the data folder, every answer and event.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobClient, ContainerSASPermissions, generateBlobSASQueryParameters, StorageSharedKeyCredential } from '@azure/storage-blob';
import type { AzuriteInstance } from '../testing/azurite.ts';
import { blobServiceClientFor } from '../testing/azurite.ts';
import { randomBytes } from 'node:crypto';
import { buildSampleExportJob, compareDirs } from '../demo/sample-job.ts';
import { classifyStorageError } from '../engine/storage/errors.ts';
import { secretsOf } from '../engine/storage/credentials.ts';
import { VerboseLog } from '../engine/report/verbose-log.ts';
import type { EngineEvent } from '../../src-shared/engine-protocol.ts';
import { assertNoSecrets, randomRecoveryKey, runWaie, startRecordingProxy, startSuiteAzurite, type RecordingProxy } from './harness.ts';

let az: AzuriteInstance;
let tmp: string;
before(async () => {
  az = await startSuiteAzurite();
  tmp = await realpath(await mkdtemp(join(tmpdir(), 'waie-rel-secrets-')));
});
after(async () => {
  await az?.stop();
  await rm(tmp, { recursive: true, force: true });
});

function sasFor(container: string): { token: string; sig: string } {
  const token = generateBlobSASQueryParameters({ containerName: container, permissions: ContainerSASPermissions.parse('r'), expiresOn: new Date(Date.now() + 3600_000) }, new StorageSharedKeyCredential(az.accountName, az.accountKey)).toString();
  return { token, sig: decodeURIComponent(/sig=([^&]+)/.exec(token)![1]!) };
}

/** An error body echoing the request URL (with its SAS), as the service's messages sometimes do. */
function echo(url: string, code = 'InvalidQueryParameterValue'): string {
  const full = `http://127.0.0.1${url}`.replace(/&/g, '&amp;');
  return `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>Value for one of the query parameters specified in the request URI is invalid. URI: ${full}</Message><QueryParameterValue>${full}</QueryParameterValue></Error>`;
}

async function echoingProxy(onlyFirst: boolean): Promise<RecordingProxy> {
  const seen = new Set<string>();
  return startRecordingProxy(az.endpoint, {
    plan: (r) => {
      if (r.method !== 'GET' || !r.range) return { kind: 'pass' };
      const key = `${r.url.split('?')[0]} ${r.range.start}`;
      if (onlyFirst && seen.has(key)) return { kind: 'pass' };
      seen.add(key);
      // Every other first try: a 500 (retried) or a 400 (this range fails), both echoing the URL.
      return { kind: 'status', status: seen.size % 2 ? 500 : 400, body: echo(r.url) };
    },
  });
}

test('the SDK throws with the request URL and its sig= in the message; the classification never copies it, and redaction removes it', async () => {
  const c = blobServiceClientFor(az).getContainerClient('echo');
  await c.createIfNotExists();
  await c.getBlockBlobClient('b.bin').upload('0123456789', 10);
  const { token, sig } = sasFor('echo');
  const proxy = await echoingProxy(false);
  try {
    const client = new BlobClient(`${proxy.endpoint}/echo/b.bin?${token}`, undefined, { retryOptions: { maxTries: 1 } });
    const err = await client.download(0, 5).then(
      () => assert.fail('the proxy answers with an error'),
      (e: unknown) => e as Error & { statusCode?: number },
    );
    assert.ok(String(err.message).includes('sig='), 'the SDK error message carries the URL with its signature');
    const c1 = classifyStorageError(err);
    assert.ok(!c1.detail.includes(sig) && !c1.detail.includes('sig='), c1.detail);
    // A message without an HTTP status (e.g. a client-side failure naming the URL) keeps its words, not the URL.
    const c2 = classifyStorageError(new Error(`request to ${proxy.endpoint}/echo/b.bin?${token} failed`));
    assert.ok(!c2.detail.includes(sig) && !c2.detail.includes(encodeURIComponent(sig)), c2.detail);
    const log = new VerboseLog(join(tmp, 'unit.log'), secretsOf({ accountName: az.accountName, containerSas: `echo?${token}` }));
    log.write('error', `stopped: ${err.message}`);
    assert.ok(!log.redact(err.message).includes(sig));
    await log.close();
    await assertNoSecrets([sig, az.accountKey], { dirs: [], texts: [['log line', await readFile(join(tmp, 'unit.log'), 'utf8')]] });
  } finally {
    await proxy.close();
  }
});

test('waie RepairExport with a container SAS while the SDK throws URL-echoing errors and logs verbosely: no signature and no key anywhere', async () => {
  const dir = join(tmp, 'sas');
  const drive = join(dir, 'drive');
  await mkdir(join(drive, 'sasjob'), { recursive: true });
  const container = blobServiceClientFor(az).getContainerClient('sasjob');
  await container.createIfNotExists();
  let log = '';
  const originals: Buffer[] = [];
  for (let i = 0; i < 6; i++) {
    const data = randomBytes(65536);
    originals.push(data);
    const b = container.getBlockBlobClient(`file ${i}?.bin`);
    await b.upload(data, data.length);
    const lm = (await b.getProperties()).lastModified!.toUTCString();
    const damaged = Buffer.from(data);
    damaged.fill(0, 16384, 32768);
    damaged.fill(0, 49152, 65536);
    await writeFile(join(drive, 'sasjob', `file ${i}.bin`), damaged);
    log += `<Blob Status="CompletedWithErrors"><BlobPath>sasjob/file ${i}?.bin</BlobPath><FilePath>\\sasjob\\file ${i}.bin</FilePath><Length>65536</Length><LastModified>${lm}</LastModified><BlockList><Block Offset="16384" Length="16384" Status="Failed"/><Block Offset="49152" Length="16384" Status="Failed"/></BlockList></Blob>`;
  }
  await writeFile(join(dir, 'copylog.xml'), `<?xml version="1.0" encoding="utf-8"?><DriveLog Version="2014-11-01"><DriveId>SASDRIVE</DriveId>${log}<Status>CompletedWithErrors</Status></DriveLog>`);
  const { token, sig } = sasFor('sasjob');
  const proxy = await echoingProxy(true);
  const args = (endpoint: string): string[] => ['RepairExport', `/r:${join(dir, 'drive.rep')}`, `/d:${drive}`, `/sn:${az.accountName}`, `/CopyLogFile:${join(dir, 'copylog.xml')}`, `/logdir:${join(dir, 'logs')}`, `/BlobEndpoint:${endpoint}`, '/concurrency:2'];
  try {
    const r = await runWaie(args(proxy.endpoint), { cwd: dir, env: { WAIE_CONTAINER_SAS: `sasjob?${token}`, AZURE_LOG_LEVEL: 'verbose' } });
    assert.equal(r.code, 1, `the ranges answered 400 fail, the others are repaired: ${r.stderr.slice(-1000)}`);
    assert.match(r.stdout, /BlobRequestFailed/);
    assert.ok(proxy.requests.some((q) => q.url.includes('sig=') && q.bytesOut > 0), 'ranges were downloaded with the SAS');
    assert.match(r.stderr, /azure:/i, 'the SDK logged (AZURE_LOG_LEVEL=verbose)');
    const again = await runWaie(args(az.endpoint), { cwd: dir, env: { WAIE_CONTAINER_SAS: `sasjob?${token}` } });
    assert.equal(again.code, 0, again.stderr);
    for (const [i, data] of originals.entries()) assert.deepEqual(await readFile(join(drive, 'sasjob', `file ${i}.bin`)), data);
    await assertNoSecrets([sig, token, az.accountKey], { dirs: [dir], texts: [['first run', r.stdout + r.stderr], ['second run', again.stdout + again.stderr]] });
  } finally {
    await proxy.close();
  }
});

test('the recovery key given to RepairExport /bk (unlock failing) is in no output, log or file', async () => {
  const dir = join(tmp, 'bk');
  await mkdir(join(dir, 'logs'), { recursive: true });
  const key = randomRecoveryKey();
  const log = join(dir, 'log.xml');
  await writeFile(log, '<?xml version="1.0" encoding="utf-8"?><DriveLog Version="2014-11-01"><DriveId>BKDRIVE1</DriveId><Status>Completed</Status></DriveLog>');
  const outputs: Array<[string, string]> = [];
  for (const extra of [[`/device:${join(dir, 'no-such-device')}`], ['/device:/dev/null']]) {
    const r = await runWaie(['RepairExport', `/r:${join(dir, 'r.rep')}`, '/d:/', `/bk:${key}`, ...extra, `/sn:${az.accountName}`, `/CopyLogFile:${log}`, `/logdir:${join(dir, 'logs')}`, `/BlobEndpoint:${az.endpoint}`], { cwd: dir, env: { WAIE_STORAGE_ACCOUNT_KEY: az.accountKey } });
    assert.equal(r.code, 2, r.stderr);
    outputs.push([`RepairExport /bk ${extra.join(' ')}`, r.stdout + r.stderr]);
  }
  // One digit wrong: the key is refused with what is wrong, not echoed.
  const wrong = key.slice(0, -1) + String((Number(key.slice(-1)) + 1) % 10);
  const bad = await runWaie(['Unlock', `/bk:${wrong}`, `/device:${join(dir, 'no-such-device')}`], { cwd: dir });
  assert.equal(bad.code, 2);
  outputs.push(['Unlock with a malformed key', bad.stdout + bad.stderr]);
  await assertNoSecrets([key, wrong, az.accountKey], { dirs: [dir], texts: outputs });
});

test('the wizard\'s services: settings, connection test, a repair started through the API, its events and report keep no key, SAS or recovery key', async () => {
  const { composeAppServices } = await import('../services/compose.ts');
  const { callHandler } = await import('../services/api.ts');
  const dir = join(tmp, 'wizard');
  const dataDir = join(dir, 'data');
  const job = await buildSampleExportJob({ endpoint: az.endpoint, accountName: az.accountName, accountKey: az.accountKey, root: join(dir, 'job'), profile: 'demo' });
  const { token, sig } = sasFor(job.container);
  const recovery = randomRecoveryKey();
  const services = await composeAppServices({ hostKind: 'browser', dataDir, drives: { list: async () => [], unlock: async () => Promise.reject(new Error(`unlock of volume 1 with ${recovery} failed`)) } });
  const events: EngineEvent[] = [];
  const unsubscribe = services.subscribe((e) => events.push(e));
  const answers: unknown[] = [];
  const call = async (channel: string, params?: unknown): Promise<unknown> => {
    const r = await callHandler(services.handlers, channel as never, params as never);
    answers.push(r);
    return r;
  };
  try {
    // A settings object with secrets smuggled in: only the known, harmless fields are kept.
    await call('settings.set', { language: 'nl', rememberAccount: true, accountName: az.accountName, accountKey: az.accountKey, containerSas: token, recoveryKey: recovery });
    await call('storage.test', { credentials: { accountName: az.accountName, accountKey: az.accountKey, blobEndpoint: az.endpoint }, copyLogPath: job.copyLogFile });
    await call('storage.test', { credentials: { accountName: az.accountName, containerSas: `${job.container}?${token}x`, blobEndpoint: az.endpoint }, copyLogPath: job.copyLogFile });
    await call('drives.unlock', { volumeId: '1', recoveryPassword: recovery });
    const request = { repairFile: join(dir, 'drive.rep'), targetDir: job.driveDir, copyLogFile: job.copyLogFile, manifestFile: job.manifestFile, logDir: join(dir, 'logs'), credentials: { accountName: az.accountName, accountKey: az.accountKey, blobEndpoint: az.endpoint } };
    await call('repair.start', { request });
    const end = Date.now() + 60_000;
    while (services.engine.state().status === 'running' && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    assert.equal(services.engine.state().status, 'done', JSON.stringify(services.engine.state()));
    assert.deepEqual(await compareDirs(job.driveDir, job.pristineDir), []);
    await call('repair.state');
    await call('report.save', { format: 'html', path: join(dir, 'report.html') });
    await call('report.save', { format: 'csv', path: join(dir, 'report.csv') });
    await call('settings.get');
  } finally {
    unsubscribe();
    await services.close();
  }
  const settings = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
  assert.deepEqual(Object.keys(settings).sort(), ['accountName', 'language', 'rememberAccount']);
  await assertNoSecrets([az.accountKey, sig, recovery], { dirs: [dir], skip: [join(dir, 'job')], texts: [['API answers', JSON.stringify(answers)], ['engine events', JSON.stringify(events)]] });
});
