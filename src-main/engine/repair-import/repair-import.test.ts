/**
 * RepairImport end to end against a real Azurite and real files: the sample damaged import job
 * (src-main/demo/sample-import-job.ts) repaired blob by blob, byte for byte and block list by block
 * list; the changed original refused; the ambiguous file resolved through the path map; faults retried;
 * bad inputs refused with nothing uploaded.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerSASPermissions, generateBlobSASQueryParameters, StorageSharedKeyCredential, type ContainerClient } from '@azure/storage-blob';
import type { RepairImportRequest } from '../../../src-shared/engine-protocol.ts';
import type { CopyLogBlob, LogRange } from '../../../src-shared/formats/types.ts';
import { WaieError } from '../../../src-shared/errors.ts';
import { startAzurite, blobServiceClientFor, type AzuriteInstance } from '../../testing/azurite.ts';
import { startFaultProxy } from '../../testing/fault-proxy.ts';
import { buildSampleImportJob, type SampleImportBlob, type SampleImportJob } from '../../demo/sample-import-job.ts';
import { createDriveLogWriter } from '../formats/drive-log-writer.ts';
import { readCopyLog } from '../formats/copy-log.ts';
import { runRepairImport } from './run.ts';

let az: AzuriteInstance;
let tmp: string;
before(async () => {
  az = await startAzurite();
  tmp = await realpath(await mkdtemp(join(tmpdir(), 'waie-ri-')));
});
after(async () => {
  await az.stop();
  await rm(tmp, { recursive: true, force: true });
});

let n = 0;
async function newJob(): Promise<{ job: SampleImportJob; dir: string; container: ContainerClient }> {
  const dir = join(tmp, `case${n++}`);
  const job = await buildSampleImportJob({ endpoint: az.endpoint, accountName: az.accountName, accountKey: az.accountKey, root: join(dir, 'job') });
  return { job, dir, container: blobServiceClientFor(az).getContainerClient(job.container) };
}

function request(job: SampleImportJob, dir: string, extra: Partial<RepairImportRequest> = {}): RepairImportRequest {
  return {
    repairFile: join(dir, `${job.driveId}.rep`),
    sourceDirs: job.sourceDirs,
    copyLogFile: job.copyLogFile,
    logDir: join(dir, 'logs'),
    credentials: { accountName: az.accountName, accountKey: az.accountKey, blobEndpoint: az.endpoint },
    ...extra,
  };
}

function nameOf(b: SampleImportBlob): string {
  return b.blobName;
}

async function etags(c: ContainerClient, blobs: SampleImportBlob[]): Promise<Map<string, string | undefined>> {
  const m = new Map<string, string | undefined>();
  for (const b of blobs) m.set(b.blobPath, (await c.getBlobClient(nameOf(b)).getProperties()).etag);
  return m;
}

/** Asserts the blob equals its original byte for byte and (block blobs) has exactly the expected committed block IDs. */
async function assertRepaired(c: ContainerClient, b: SampleImportBlob): Promise<void> {
  const original = await readFile(b.original!);
  const data = await c.getBlobClient(nameOf(b)).downloadToBuffer();
  assert.equal(data.length, original.length, `${b.blobPath}: length`);
  assert.ok(data.equals(original), `${b.blobPath} equals its original byte for byte`);
  if (b.blockIds) {
    const list = await c.getBlockBlobClient(nameOf(b)).getBlockList('committed');
    assert.deepEqual(list.committedBlocks?.map((x) => x.name), b.blockIds, `${b.blobPath}: committed block list in the original order`);
  }
}

/** Bytes a complete repair uploads: failed ranges, or the whole length of blobs that failed as a whole (Skipped blobs excluded). */
async function fullUploadBytes(copyLog: string): Promise<number> {
  let total = 0;
  for await (const item of readCopyLog(copyLog)) {
    if (item.type !== 'blob' || item.blob.importDisposition?.status === 'Skipped') continue;
    const b = item.blob;
    const whole = !['Completed', 'CompletedWithErrors'].includes(b.status);
    total += b.ranges.length ? b.ranges.filter((r) => whole || r.status !== 'Completed').reduce((a, r) => a + r.length, 0) : b.length;
  }
  return total;
}

test('sample import job: repaired byte for byte with its block lists; the changed original refused; the ambiguous file resolved through the path map on the next run', async () => {
  const { job, dir, container } = await newJob();
  const toRepair = job.blobs.filter((b) => b.expect === 'repaired');
  const ambiguous = job.blobs.find((b) => b.expect === 'ambiguous')!;
  const changed = job.blobs.find((b) => b.expect === 'changed')!;
  const untouched = job.blobs.filter((b) => b.expect === 'untouched');
  assert.ok(toRepair.length >= 5 && ambiguous && changed && untouched.length >= 3);
  // The job starts damaged.
  for (const b of [...toRepair, ambiguous]) {
    const exists = await container.getBlobClient(nameOf(b)).exists();
    const same = exists && (await container.getBlobClient(nameOf(b)).downloadToBuffer()).equals(await readFile(b.original!));
    assert.ok(!same, `${b.blobPath} starts damaged`);
  }
  const before = await etags(container, [changed, ...untouched]);
  const mapFile = join(dir, 'paths.txt');
  await writeFile(mapFile, '\\elsewhere\\kept.jpg\tC:\\Users\\bob\\kept.jpg\n');
  const req = request(job, dir, { pathMapFile: mapFile });

  const r1 = await runRepairImport(req);
  assert.equal(r1.exitCode, 1);
  for (const b of toRepair) await assertRepaired(container, b);
  // The changed original: reported as an MD5 mismatch, nothing uploaded for that blob.
  const mismatch = r1.failures.filter((f) => f.filePath === job.changedPath);
  assert.equal(mismatch.length, 1, JSON.stringify(r1.failures));
  assert.equal(mismatch[0]!.statusCode, 'Corrupted');
  assert.match(mismatch[0]!.detail, /changed since the import/);
  assert.equal((await container.getBlobClient(nameOf(changed)).getProperties()).etag, before.get(changed.blobPath), 'nothing uploaded for the changed blob');
  for (const b of untouched) assert.equal((await container.getBlobClient(nameOf(b)).getProperties()).etag, before.get(b.blobPath), `${b.blobPath} untouched`);
  // The ambiguous file: a conflict as data, a line in the path map, the blob not written.
  assert.deepEqual(
    r1.pathMap?.conflicts.map((c) => ({ drivePath: c.drivePath, reason: c.reason, candidates: c.candidates, blobPath: c.blobPath })),
    [{ drivePath: job.ambiguous.drivePath, reason: 'ambiguous', candidates: job.ambiguous.candidates, blobPath: ambiguous.blobPath }],
  );
  assert.equal(r1.pathMap?.written, true);
  assert.equal(await readFile(mapFile, 'utf8'), `\\elsewhere\\kept.jpg\tC:\\Users\\bob\\kept.jpg\n${job.ambiguous.drivePath}\t\n`);
  assert.equal(r1.failures.length, 2, JSON.stringify(r1.failures));
  // Properties and metadata from the drive's files; a blob's own properties kept through Put Block List.
  const koala = await container.getBlobClient(job.sidecars.blobPath.slice(job.container.length + 1)).getProperties();
  assert.equal(koala.contentType, job.sidecars.contentType);
  assert.equal(koala.cacheControl, job.sidecars.cacheControl);
  assert.deepEqual(koala.metadata, job.sidecars.metadata);
  // Reports: summary names the path map; the after-repair drive log passes ImportDisposition through.
  const summary = await readFile(r1.summaryFile, 'utf8');
  assert.match(summary, /UNRESOLVED PATHS: 1/);
  assert.ok(summary.includes(mapFile));
  const afterLog: string[] = [];
  for await (const item of readCopyLog(r1.driveLogFile)) if (item.type === 'blob') afterLog.push(`${item.blob.blobPath}|${item.blob.status}|${item.blob.importDisposition?.status ?? ''}`);
  assert.ok(afterLog.includes(`${job.container}/photos/sunset (2).jpg|Completed|Renamed`), afterLog.join('\n'));
  assert.ok(afterLog.some((l) => l.startsWith(`${changed.blobPath}|Failed|`)), afterLog.join('\n'));
  assert.ok(!afterLog.some((l) => l.startsWith(`${job.container}/docs/readme.txt|`)), 'a skipped blob is not touched, so not in the after-repair log');

  // The user fills in the path map: the second run uploads the ambiguous file's block and nothing else.
  await writeFile(mapFile, (await readFile(mapFile, 'utf8')).replace(`${job.ambiguous.drivePath}\t`, `${job.ambiguous.drivePath}\t${job.ambiguous.candidates[1]}`));
  const r2 = await runRepairImport(req);
  assert.equal(r2.exitCode, 1, 'the changed original still fails');
  assert.deepEqual(r2.failures.map((f) => f.filePath), [job.changedPath]);
  assert.deepEqual(r2.pathMap?.conflicts, []);
  assert.equal(r2.pathMap?.mappedEntries, 2);
  await assertRepaired(container, ambiguous);
  const song = await container.getBlobClient(nameOf(ambiguous)).getProperties();
  assert.equal(song.contentType, job.keptProperties.contentType, 'properties kept through Put Block List');
  assert.deepEqual(song.metadata, job.keptProperties.metadata, 'metadata kept through Put Block List');
  assert.equal(r2.bytesUploaded, 48 * 1024, 'only the ambiguous blob\'s failed block is uploaded again');
  assert.ok(r2.resumed > 0);
  assert.equal(await readFile(mapFile, 'utf8'), `\\elsewhere\\kept.jpg\tC:\\Users\\bob\\kept.jpg\n${job.ambiguous.drivePath}\t${job.ambiguous.candidates[1]}\n`, 'user lines kept, no line twice');

  // Naming the unchanged original in the path map finishes the repair; a finished repair uploads nothing.
  await writeFile(mapFile, `${job.changedPath}\t${job.changedOriginal}\n`, { flag: 'a' });
  const r3 = await runRepairImport(req);
  assert.equal(r3.exitCode, 0, JSON.stringify(r3.failures));
  await assertRepaired(container, changed);
  const r4 = await runRepairImport(req);
  assert.equal(r4.alreadyFinished, true);
  assert.equal(r4.bytesUploaded, 0);
  assert.match(await readFile(r4.summaryFile, 'utf8'), /already finished: nothing was uploaded/);
  let written = '';
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) if (e.isFile() && !e.parentPath.includes(join(dir, 'job'))) written += await readFile(join(e.parentPath, e.name), 'latin1');
  assert.ok(!written.includes(az.accountKey), 'no account key in logs, path map or repair file');
});

test('503s, connection resets and a request without an answer are retried (beyond the SDK\'s own tries); the result is byte-identical', async () => {
  const { job, dir, container } = await newJob();
  const seen = new Map<string, number>();
  let slowCommit = true;
  const proxy = await startFaultProxy(az.endpoint, ({ method, url }) => {
    if (method !== 'PUT') return { kind: 'pass' };
    if (url.includes('comp=blocklist') && slowCommit) {
      // One Put Block List gets no answer within the request timeout: cut off and sent again.
      slowCommit = false;
      return { kind: 'delay', ms: 2500 };
    }
    const k = `${method} ${url}`;
    const count = (seen.get(k) ?? 0) + 1;
    seen.set(k, count);
    if (count > 4) return { kind: 'pass' };
    // 4 failures in a row outlast the SDK's own 3 tries, so the engine's retry is needed too.
    return seen.size % 2 === 0 ? { kind: 'status', status: 503 } : { kind: 'reset' };
  });
  try {
    const mapFile = join(dir, 'map.txt');
    await writeFile(mapFile, `${job.ambiguous.drivePath}\t${job.ambiguous.candidates[1]}\n${job.changedPath}\t${job.changedOriginal}\n`);
    const r = await runRepairImport(request(job, dir, { pathMapFile: mapFile, concurrency: 4, requestTimeoutMs: 1000, credentials: { accountName: az.accountName, accountKey: az.accountKey, blobEndpoint: proxy.endpoint } }));
    assert.deepEqual(r.failures, []);
    assert.match(await readFile(r.verboseLogFile, 'utf8'), /WARN {2}retry 1 Put Block List /, 'a request without an answer is retried');
    for (const b of job.blobs.filter((x) => x.original)) await assertRepaired(container, b);
    assert.ok(proxy.log.filter((l) => l.fault === 'status').length >= 4 && proxy.log.filter((l) => l.fault === 'reset').length >= 4, 'faults were injected');
    assert.match(await readFile(r.verboseLogFile, 'utf8'), /WARN {2}retry 1 Put Block /);
  } finally {
    await proxy.close();
  }
});

test('cancel stops the run and the next run finishes it without uploading again what was done', async () => {
  const { job, dir, container } = await newJob();
  const mapFile = join(dir, 'map.txt');
  await writeFile(mapFile, `${job.ambiguous.drivePath}\t${job.ambiguous.candidates[1]}\n${job.changedPath}\t${job.changedOriginal}\n`);
  const proxy = await startFaultProxy(az.endpoint, ({ method }) => (method === 'PUT' ? { kind: 'delay', ms: 100 } : { kind: 'pass' }));
  const ac = new AbortController();
  let first = 0;
  try {
    const run = runRepairImport(request(job, dir, { pathMapFile: mapFile, concurrency: 2, credentials: { accountName: az.accountName, accountKey: az.accountKey, blobEndpoint: proxy.endpoint } }), {
      signal: ac.signal,
      onProgress: (p) => {
        first = p.bytesUploaded;
        if (p.bytesUploaded > 1024 * 1024) ac.abort(new Error('cancelled by test'));
      },
    });
    await assert.rejects(run, /cancelled by test/);
  } finally {
    await proxy.close();
  }
  assert.ok(first > 0);
  const r = await runRepairImport(request(job, dir, { pathMapFile: mapFile }));
  assert.equal(r.exitCode, 0, JSON.stringify(r.failures));
  assert.ok(r.resumed > 0, 'the second run resumed');
  const full = await fullUploadBytes(job.copyLogFile);
  // What the first run finished is not uploaded again; only what was in flight or between a commit
  // and its record (at most a few 64 KiB blocks) is.
  const saved = full - r.bytesUploaded!;
  assert.ok(saved >= first - 4 * 64 * 1024 && saved >= 512 * 1024, `the first run uploaded ${first} bytes before the cancel; the second ${r.bytesUploaded} of ${full}`);
  for (const b of job.blobs.filter((x) => x.original)) await assertRepaired(container, b);
});

test('an export copy log, a wrong key, missing source directories: refused, nothing uploaded, no key echoed', async () => {
  const { job, dir, container } = await newJob();
  const before = await etags(container, job.blobs.filter((b) => b.expect !== 'repaired' || b.blobType === 'page'));
  const exportLog = join(dir, 'export.xml');
  const w = await createDriveLogWriter(exportLog, { version: '2014-11-01', driveId: job.driveId });
  await w.writeBlob({ kind: 'blob', status: 'CompletedWithErrors', blobPath: `${job.container}/photos/disk.vhd`, filePath: '\\photos\\disk.vhd', length: 1048576, lastModified: 'Tue, 21 May 2024 10:15:02 GMT', rangeKind: 'page', hasRangeList: true, ranges: [{ offset: 0, length: 512, status: 'Failed' }], line: 0 });
  await w.end('CompletedWithErrors');
  await assert.rejects(runRepairImport(request(job, dir, { copyLogFile: exportLog })), (e: unknown) => e instanceof WaieError && e.info.code === 'BAD_INPUT' && /export job/.test(e.info.title));
  await assert.rejects(runRepairImport(request(job, dir, { sourceDirs: [join(dir, 'nope')] })), (e: unknown) => e instanceof WaieError && e.info.statusCode === 'DiskNotFound');
  await assert.rejects(runRepairImport(request(job, dir, { sourceDirs: [] })), (e: unknown) => e instanceof WaieError && e.info.code === 'BAD_INPUT');
  const wrongKey = Buffer.alloc(64, 7).toString('base64');
  await assert.rejects(
    runRepairImport(request(job, dir, { repairFile: join(dir, 'wrong.rep'), credentials: { accountName: az.accountName, accountKey: wrongKey, blobEndpoint: az.endpoint } })),
    (e: unknown) => e instanceof WaieError && e.info.statusCode === 'BlobRequestForbidden' && !e.message.includes(wrongKey),
  );
  for (const [blobPath, etag] of before) assert.equal((await container.getBlobClient(blobPath.slice(job.container.length + 1)).getProperties()).etag, etag, `${blobPath} untouched`);
  let logs = '';
  for (const e of await readdir(join(dir, 'logs'), { withFileTypes: true })) logs += await readFile(join(e.parentPath, e.name), 'utf8');
  assert.ok(!logs.includes(wrongKey));
});

test('a RepairExport repair file is not resumed by RepairImport', async () => {
  const { job, dir } = await newJob();
  const rep = join(dir, 'export.rep');
  await writeFile(rep, JSON.stringify({ format: 'waie-repair-file', version: 1, mode: 'RepairExport', driveId: job.driveId, copyLog: null, manifest: null, createdAt: new Date().toISOString() }) + '\n');
  await assert.rejects(runRepairImport(request(job, dir, { repairFile: rep })), (e: unknown) => e instanceof WaieError && e.info.code === 'REPAIR_FILE_MISMATCH' && /RepairExport/.test(e.info.detail));
});

test('seed 000 import log shapes: MD5/ block IDs used twice, ImportDisposition Cancelled (rename), a 2021-08-01 entity, a container SAS', async () => {
  const dir = join(tmp, `seed${n++}`);
  const src = join(dir, 'src');
  const cname = `seedimport${n}`;
  const c = blobServiceClientFor(az).getContainerClient(cname);
  await c.create();
  const md5 = (b: Buffer): Buffer => createHash('md5').update(b).digest();
  const A = Buffer.alloc(6062, 1);
  const B = Buffer.alloc(6062, 2);
  const file = Buffer.concat([A, B, B, A]);
  const idOf = (b: Buffer): string => `MD5/${md5(b).toString('base64')}`;
  const blocks = [A, B, B, A].map((d, i) => ({ offset: i * 6062, length: 6062, id: idOf(d), hash: md5(d).toString('hex').toUpperCase() }));
  for (const name of ['animals/koala.jpg', 'animals/wombat.jpg', 'animals/emu.jpg', `${cname}/clips/intro.mp4`]) {
    await mkdir(join(src, ...name.split('/').slice(0, -1)), { recursive: true });
    await writeFile(join(src, ...name.split('/')), file);
  }
  // koala: never uploaded (FileNotFound), rename rule cancelled, no blob of that name: uploaded whole with the log's layout.
  // wombat: same, but a blob of that name exists: not overwritten (RenameFailed).
  await c.getBlockBlobClient('animals/wombat.jpg').upload('someone else', 12);
  const wombatEtag = (await c.getBlobClient('animals/wombat.jpg').getProperties()).etag;
  // emu: A B B A committed as A B A (the third block failed and was left out): the twin B stays in place.
  const emu = c.getBlockBlobClient('animals/emu.jpg');
  await emu.stageBlock(idOf(A), A, A.length);
  await emu.stageBlock(idOf(B), B, B.length);
  await emu.commitBlockList([idOf(A), idOf(B), idOf(A)]);
  const log = join(dir, 'import.xml');
  const w = await createDriveLogWriter(log, { version: '2014-11-01', driveId: '9WM35C2V' });
  const entry = (name: string, status: string, disp: { value: string; status: string }, ranges: LogRange[]): CopyLogBlob => ({ kind: 'blob', status, blobPath: `${cname}/${name}`, filePath: `\\${name.replace(/\//g, '\\')}`, length: file.length, importDisposition: disp, rangeKind: 'block', hasRangeList: true, ranges, line: 0 });
  await w.writeBlob(entry('animals/koala.jpg', 'FileNotFound', { value: 'rename', status: 'Cancelled' }, blocks.map((b) => ({ ...b, status: 'Cancelled' }))));
  await w.writeBlob(entry('animals/wombat.jpg', 'FileNotFound', { value: 'rename', status: 'Cancelled' }, blocks.map((b) => ({ ...b, status: 'Cancelled' }))));
  await w.writeBlob(entry('animals/emu.jpg', 'CompletedWithErrors', { value: 'overwrite', status: 'Created' }, [{ ...blocks[2]!, status: 'Failed' }]));
  await w.end('CompletedWithErrors');
  const token = generateBlobSASQueryParameters({ containerName: cname, permissions: ContainerSASPermissions.parse('racw'), expiresOn: new Date(Date.now() + 3600_000) }, new StorageSharedKeyCredential(az.accountName, az.accountKey)).toString();
  const credentials = { accountName: az.accountName, containerSas: `${cname}?${token}`, blobEndpoint: az.endpoint };
  const r = await runRepairImport({ repairFile: join(dir, 'r.rep'), sourceDirs: [src], copyLogFile: log, logDir: join(dir, 'logs'), credentials });
  assert.deepEqual(r.failures.map((f) => [f.filePath, f.statusCode]), [['\\animals\\wombat.jpg', 'RenameFailed']]);
  for (const name of ['animals/koala.jpg', 'animals/emu.jpg']) {
    assert.ok((await c.getBlobClient(name).downloadToBuffer()).equals(file), `${name} equals its original`);
    assert.deepEqual((await c.getBlockBlobClient(name).getBlockList('committed')).committedBlocks?.map((b) => b.name), blocks.map((b) => b.id), `${name}: block IDs, the repeated one included`);
  }
  assert.equal((await c.getBlobClient('animals/wombat.jpg').getProperties()).etag, wombatEtag, 'an existing blob is not overwritten when the rename rule was cancelled');
  const after: string[] = [];
  for await (const item of readCopyLog(r.driveLogFile)) if (item.type === 'blob') after.push(`${item.blob.blobPath}|${item.blob.importDisposition?.status}`);
  assert.ok(after.includes(`${cname}/animals/koala.jpg|Created`), after.join('\n'));
  const sig = /sig=([^&]+)/.exec(token)![1]!;
  let logs = await readFile(join(dir, 'r.rep'), 'utf8');
  for (const e of await readdir(join(dir, 'logs'), { withFileTypes: true })) logs += await readFile(join(e.parentPath, e.name), 'utf8');
  assert.ok(!logs.includes(sig) && !logs.includes(decodeURIComponent(sig)), 'no SAS signature in the logs or repair file');

  // 2021-08-01 copy logs name errored blobs by path only (FilePath \<container>\<blob>): uploaded whole,
  // in a layout of our own; entities that are not files (a renamed container) are only noted.
  const log2021 = join(dir, 'copylog2021.xml');
  await writeFile(log2021, `<ErroredEntity CloudFormat="BlockBlob" Path="${cname}/clips/intro.mp4"><Category>UploadErrorCloudHttp</Category><ErrorCode>400</ErrorCode><Type>File</Type></ErroredEntity><ErroredEntity Path="Bad Folder"><Category>ContainerRenamed</Category><Type>Container</Type></ErroredEntity><CopyLog Summary="Summary"><DriveLogVersion>2021-08-01</DriveLogVersion><DriveId>DBX2021</DriveId><Status>CompletedWithErrors</Status></CopyLog>`);
  const r2 = await runRepairImport({ repairFile: join(dir, 'r2021.rep'), sourceDirs: [src], copyLogFile: log2021, logDir: join(dir, 'logs'), credentials });
  assert.deepEqual(r2.failures, []);
  assert.ok((await c.getBlobClient('clips/intro.mp4').downloadToBuffer()).equals(file));
  assert.match(r2.notes.join(' '), /2021-08-01/);
  assert.match(r2.notes.join(' '), /not a file/);
});

test('unsafe FilePaths and links leading out of /d are not read (FileNameInvalid, listed in the path map); a path map target is used', async () => {
  const dir = join(tmp, `unsafe${n++}`);
  const src = join(dir, 'src');
  await mkdir(join(src, 'sub'), { recursive: true });
  const secret = join(dir, 'outside.txt');
  await writeFile(secret, 'outside /d');
  await symlink(secret, join(src, 'sub', 'link.txt'));
  await writeFile(join(dir, 'escape.txt'), 'outside /d too');
  const cname = `unsafe${n}`;
  const c = blobServiceClientFor(az).getContainerClient(cname);
  await c.create();
  const paths = ['\\..\\escape.txt', 'C:\\Windows\\win.ini', '\\a.txt:stream', '\\CON', '\\sub\\link.txt'];
  const log = join(dir, 'import.xml');
  const w = await createDriveLogWriter(log, { version: '2014-11-01', driveId: 'UNSAFE1' });
  for (const [i, fp] of paths.entries()) await w.writeBlob({ kind: 'blob', status: 'FileNotFound', blobPath: `${cname}/b${i}.txt`, filePath: fp, length: 10, hasRangeList: false, ranges: [], line: 0 });
  await w.end('CompletedWithErrors');
  const req: RepairImportRequest = { repairFile: join(dir, 'r.rep'), sourceDirs: [src], copyLogFile: log, logDir: join(dir, 'logs'), credentials: { accountName: az.accountName, accountKey: az.accountKey, blobEndpoint: az.endpoint } };
  const r = await runRepairImport(req);
  assert.equal(r.exitCode, 1);
  assert.deepEqual(r.failures.map((f) => f.statusCode), paths.map(() => 'FileNameInvalid'), JSON.stringify(r.failures));
  assert.deepEqual(r.pathMap?.conflicts.map((x) => x.drivePath), paths);
  assert.equal(r.bytesUploaded, 0);
  const blobs: string[] = [];
  for await (const b of c.listBlobsFlat()) blobs.push(b.name);
  assert.deepEqual(blobs, [], 'nothing uploaded');
  assert.equal(await readFile(r.pathMap!.file, 'utf8'), paths.map((p) => `${p}\t\n`).join(''));
  // The operator names the file for the link in the path map: a target of their own choosing is used.
  const local = join(dir, 'chosen.txt');
  await writeFile(local, '0123456789');
  await writeFile(r.pathMap!.file, (await readFile(r.pathMap!.file, 'utf8')).replace('\\sub\\link.txt\t', `\\sub\\link.txt\t${local}`));
  const r2 = await runRepairImport(req);
  assert.equal(r2.failures.length, paths.length - 1);
  assert.equal((await c.getBlobClient('b4.txt').downloadToBuffer()).toString(), '0123456789');
});
