/**
 * `waie Logs`, `waie Review` and `waie Status` as an operator runs them: real child processes, real
 * files, a real Azurite; exit codes, outputs, and no secret in any output or file.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ContainerSASPermissions, generateBlobSASQueryParameters, StorageSharedKeyCredential } from '@azure/storage-blob';
import { blobServiceClientFor, startAzurite, type AzuriteInstance } from '../../testing/azurite.ts';

const waie = fileURLToPath(new URL('../../../bin/waie.js', import.meta.url));
const fx = (name: string): string => fileURLToPath(new URL(`../../engine/formats/fixtures/${name}`, import.meta.url));
let az: AzuriteInstance;
let tmp: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}, cwd = tmp): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [waie, ...args], { cwd, env: { ...process.env, NODE_OPTIONS: '', WAIE_STORAGE_ACCOUNT_KEY: '', WAIE_CONTAINER_SAS: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const noStack = (r: Run): void => assert.doesNotMatch(r.stderr + r.stdout, /\n\s+at .+:\d+:\d+/, 'no stack trace');
const manifestBody = '<?xml version="1.0" encoding="utf-8"?>\r\n<DriveManifest Version="2014-11-01"><Drive><DriveId>9WM35C3U</DriveId></Drive></DriveManifest>\r\n';

before(async () => {
  az = await startAzurite();
  tmp = await mkdtemp(join(tmpdir(), 'waie-cli-logs-'));
  const svc = blobServiceClientFor(az);
  const put = async (container: string, name: string, body: string): Promise<void> => {
    const c = svc.getContainerClient(container);
    await c.createIfNotExists();
    await c.getBlockBlobClient(name).upload(body, Buffer.byteLength(body));
  };
  const log = await readFile(fx('seed000-export-error.xml'), 'utf8');
  await put('waimportexport', 'waies/my_job_9WM35C3U_20130921-034307-902_error.xml', log);
  await put('waimportexport', 'waies/my_job_9WM35C3U_20130920-010101-000_error.xml', '<old/>');
  await put('waimportexport', 'waies/my_job_9WM35C3U_20130921-034307-902_manifest.xml', manifestBody);
  await put('saslogs', 'waimportexport/waies/sasjob_DRIVE9_20200101-000000-000_error.xml', log);
});

after(async () => {
  await az?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

test('help lists Logs, Review and Status with every parameter', async () => {
  const general = await run(['help']);
  assert.equal(general.code, 0);
  for (const c of ['Logs', 'Review', 'Status']) assert.match(general.stdout, new RegExp(`^  ${c}$`, 'm'));
  const logs = await run(['help', 'Logs']);
  for (const p of ['/sn:', '/sk:', '/csas:', '/job:', '/DriveId:', '/StatesPath:', '/DiagnosticsPath:', '/ManifestHash:', '/out:', '/BlobEndpoint:', '/list']) assert.ok(logs.stdout.includes(p), p);
  const review = await run(['Review', '/?']);
  for (const p of ['/CopyLogFile:', '/ManifestFile:', '/html:', '/csv:', '/json:', '/lang:']) assert.ok(review.stdout.includes(p), p);
  const status = await run(['help', 'status']);
  for (const p of ['/state:', '/drive:', '/svg:', '/lang:']) assert.ok(status.stdout.includes(p), p);
});

test('Status: what a state means and what happens next (EN/NL), the diagram as an SVG file; unknown states refused', async () => {
  const en = await run(['Status', '/state:shipping']);
  assert.equal(en.code, 0, en.stderr);
  assert.match(en.stdout, /^Job state: Shipping$/m);
  assert.match(en.stdout, /What happens next: When all drives have arrived at the datacenter, the job becomes Received\./);
  assert.match(en.stdout, /→ Closed \(!\): .*30 days/);
  const svg = join(tmp, 'where.svg');
  const nl = await run(['Status', '/STATE:Transferring', '/drive:completedmoreinfo', `/svg:${svg}`, '/lang:nl']);
  assert.equal(nl.code, 0, nl.stderr);
  assert.match(nl.stdout, /^Status van de taak: Transferring$/m);
  assert.match(nl.stdout, /^Status van de schijf: CompletedMoreInfo$/m);
  assert.match(nl.stdout, /Wat er nu gebeurt: /);
  const text = await readFile(svg, 'utf8');
  assert.match(text, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(text, /role="img" aria-label="Levenscycli van taak en schijf \(taak: Transferring, schijf: CompletedMoreInfo\)"/);
  assert.deepEqual([...text.matchAll(/data-state="([^"]+)" data-current="true"/g)].map((m) => m[1]), ['Transferring', 'CompletedMoreInfo']);
  const bad = await run(['Status', '/state:Undefined']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^error: Unknown job state "Undefined"\.\nValid values: Creating, Shipping, Received, Transferring, Packaging, Completed, Closed, Faulted\./);
  noStack(bad);
  const badDrive = await run(['Status', '/state:Closed', '/drive:Lost']);
  assert.equal(badDrive.code, 2);
  assert.match(badDrive.stderr, /ShippedBack/);
  assert.equal((await run(['Status'])).code, 2);
});

test('Review: explanation on screen, HTML/CSV/JSON files, exit 1 with failures and 0 without; bad input exit 2', async () => {
  const html = join(tmp, 'r.html');
  const csv = join(tmp, 'r.csv');
  const json = join(tmp, 'r.json');
  const r = await run(['Review', `/CopyLogFile:${fx('seed003-copylog.xml')}`, `/ManifestFile:${fx('seed003-manifest.xml')}`, `/html:${html}`, `/csv:${csv}`, `/json:${json}`]);
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stdout, /^Drive status: CompletedWithErrors — Drive finished with errors$/m);
  assert.match(r.stdout, /^Export or import\? export — Export log: 1 blob\(s\) have Snapshot or LastModified/m);
  assert.match(r.stdout, /^  waie RepairExport \/r:9WM35C2V\.rep /m);
  assert.match(r.stdout, /\\pictures\\wild\\desert\.jpg {2}CompletedWithErrors \(1 × Failed\) {2}64\.0 KiB/);
  assert.match(r.stdout, /65536\+65536 Failed/);
  assert.match(r.stdout, /ManifestDriveIdMismatch/);
  assert.match(await readFile(html, 'utf8'), /<h1>Copy log review — drive 9WM35C2V<\/h1>/);
  const rows = (await readFile(csv, 'utf8')).trimEnd().split('\r\n');
  assert.equal(rows.length, 2);
  assert.match(rows[1]!, /^\\pictures\\wild\\desert\.jpg,pictures\/wild\/desert\.jpg,block,65536,65536,Failed,yes,RepairExport,/);
  const model = JSON.parse(await readFile(json, 'utf8')) as { failedBlobCount: number; jobKind: { kind: string }; manifest: { driveIdMatches: boolean } };
  assert.deepEqual([model.failedBlobCount, model.jobKind.kind, model.manifest.driveIdMatches], [1, 'export', false]);

  const nl = await run(['Review', `/CopyLogFile:${fx('seed000-import-error.xml')}`, '/lang:nl']);
  assert.equal(nl.code, 1);
  assert.match(nl.stdout, /^Export of import\? import — Importlog: /m);
  assert.match(nl.stdout, /Herstel: ja \(RepairImport\) — RepairImport uploadt het hele bestand opnieuw vanaf het origineel\./);

  const ok = await run(['Review', `/CopyLogFile:${fx('databox2018-verbose.xml')}`]);
  assert.equal(ok.code, 0);
  assert.match(ok.stdout, /Repair: Nothing failed: there is nothing to repair\./);

  const bad = join(tmp, 'bad.xml');
  await writeFile(bad, '<DriveLog>\n  <DriveId>X</DriveId>\n  <Blob>\n');
  const malformed = await run(['Review', `/CopyLogFile:${bad}`]);
  assert.equal(malformed.code, 2);
  assert.match(malformed.stderr, /bad\.xml, line \d+/);
  noStack(malformed);
  assert.equal((await run(['Review', `/CopyLogFile:${join(tmp, 'missing.xml')}`])).code, 2);
  assert.equal((await run(['Review', `/CopyLogFile:${fx('seed003-copylog.xml')}`, '/lang:fr'])).code, 2);
  assert.match((await run(['Review'])).stderr, /^error: Missing \/CopyLogFile/);
});

test('Logs: lists, downloads the newest, checks the manifest hash; key and SAS never printed or written', async () => {
  const key = az.accountKey;
  const base = ['Logs', `/sn:${az.accountName}`, `/BlobEndpoint:${az.endpoint}`];
  const outputs: string[] = [];
  const listCwd = await mkdtemp(join(tmp, 'list-'));
  const list = await run([...base, `/sk:${key}`, '/list'], {}, listCwd);
  outputs.push(list.stdout, list.stderr);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /container waimportexport, waies\/ \(logs and manifest backups\): 3 found/);
  assert.match(list.stdout, /container databoxcopylog, \(root\) \(Data Box-era logs\): no such container/);
  assert.match(list.stdout, /^Job my_job, drive 9WM35C3U:$/m);
  assert.match(list.stdout, /^ \* 2013-09-21 03:43:07 UTC +error log .*waimportexport\/waies\/my_job_9WM35C3U_20130921-034307-902_error\.xml$/m);
  assert.match(list.stdout, /^ {3}2013-09-20 01:01:01 UTC +error log /m, 'the older one is listed without *');
  assert.deepEqual(await readdir(listCwd), [], '/list downloads nothing');

  const out = join(tmp, 'out');
  const right = createHash('md5').update(manifestBody).digest('hex');
  const dl = await run([...base, '/job:MY_JOB', '/DriveId:9wm35c3u', `/ManifestHash:${right}`, `/out:${out}`], { WAIE_STORAGE_ACCOUNT_KEY: key });
  outputs.push(dl.stdout, dl.stderr);
  assert.equal(dl.code, 0, dl.stderr + dl.stdout);
  assert.deepEqual((await readdir(out)).sort(), ['my_job_9WM35C3U_20130921-034307-902_error.xml', 'my_job_9WM35C3U_20130921-034307-902_manifest.xml']);
  assert.match(dl.stdout, /saved .*manifest\.xml \(.*ManifestHash matches/);
  assert.match(dl.stdout, /Next: waie Review \/CopyLogFile:".*_error\.xml"/);
  assert.equal(await readFile(join(out, 'my_job_9WM35C3U_20130921-034307-902_manifest.xml'), 'utf8'), manifestBody);

  const out2 = join(tmp, 'out2');
  const wrong = await run([...base, `/sk:${key}`, '/DriveId:9WM35C3U', `/ManifestHash:${'1'.repeat(32)}`, `/out:${out2}`]);
  outputs.push(wrong.stdout, wrong.stderr);
  assert.equal(wrong.code, 1);
  assert.match(wrong.stdout, /NOT saved my_job_9WM35C3U_20130921-034307-902_manifest\.xml: .*ManifestHash MISMATCH \(expected 1{32}, got [0-9A-F]{32}\).*ManifestCorrupted/);
  assert.deepEqual(await readdir(out2), ['my_job_9WM35C3U_20130921-034307-902_error.xml']);
  assert.equal((await run([...base, `/sk:${key}`, '/ManifestHash:abc'])).code, 2);
  assert.equal((await run([...base, `/sk:${key}`, `/ManifestHash:${right}`])).code, 2, '/ManifestHash needs /DriveId');

  const none = await run([...base, `/sk:${key}`, '/job:nosuchjob']);
  outputs.push(none.stdout, none.stderr);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /No logs found for job nosuchjob/);

  // A container SAS (from the environment): the job's logs in waimportexport/ of the SAS container.
  const token = generateBlobSASQueryParameters({ containerName: 'saslogs', permissions: ContainerSASPermissions.parse('rl'), expiresOn: new Date(Date.now() + 3600_000) }, new StorageSharedKeyCredential(az.accountName, key)).toString();
  const sig = decodeURIComponent(/sig=([^&]+)/.exec(token)![1]!);
  const sasOut = join(tmp, 'sas');
  const sas = await run([...base, `/out:${sasOut}`], { WAIE_CONTAINER_SAS: `saslogs?${token}` });
  outputs.push(sas.stdout, sas.stderr);
  assert.equal(sas.code, 0, sas.stderr);
  assert.match(sas.stdout, /container saslogs, waimportexport\/waies\/ .*1 found/);
  assert.deepEqual(await readdir(sasOut), ['sasjob_DRIVE9_20200101-000000-000_error.xml']);
  const noList = generateBlobSASQueryParameters({ containerName: 'saslogs', permissions: ContainerSASPermissions.parse('r'), expiresOn: new Date(Date.now() + 3600_000) }, new StorageSharedKeyCredential(az.accountName, key)).toString();
  const forbidden = await run([...base, `/csas:saslogs?${noList}`]);
  outputs.push(forbidden.stdout, forbidden.stderr);
  assert.equal(forbidden.code, 3);
  assert.match(forbidden.stderr, /^error: The storage account refused to list container "saslogs"\..*List \(l\)/s);
  assert.match(forbidden.stderr, /Status code: BlobRequestForbidden/);
  noStack(forbidden);
  const bareToken = await run([...base, `/csas:${token}`]);
  assert.equal(bareToken.code, 2);

  const wrongKey = Buffer.alloc(64, 9).toString('base64');
  const denied = await run([...base, `/sk:${wrongKey}`]);
  outputs.push(denied.stdout, denied.stderr);
  assert.equal(denied.code, 3);
  assert.match(denied.stderr, /BlobRequestForbidden/);

  let written = outputs.join('\n');
  for (const dir of [out, out2, sasOut]) for (const f of await readdir(dir)) written += await readFile(join(dir, f), 'latin1');
  for (const secret of [key, wrongKey, sig, encodeURIComponent(sig)]) assert.ok(!written.includes(secret), 'no key or SAS signature in any output or file');
});
