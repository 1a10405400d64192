/**
 * Reliability, point 4: hostile copy logs and drive manifests (they travel by post on a drive and by
 * email). The corpus is generated at test time (the 100 MB cases too). Each case must end with its clear
 * error or status code, write nothing outside `/d` (nor anything into `/d` for a refused entry), finish
 * within seconds and within bounded memory: the no-network cases run one after the other in a child
 * process (hostile-child.ts) that reports each case's growth of peak RSS and heap.
 *
 * The cases that reach the Blob service (BlobPath with `?` and `#`, overlapping / out-of-order / repeated
 * ranges, Length disagreeing with the ranges or the blob, the same blob twice, one file for two blobs)
 * run against Azurite through the recording proxy, which shows what was requested.
 * Adds to repair-export.test.ts (eight traversal spellings, one DOCTYPE, a truncated log) and the format
 * readers' own hostile-input tests.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AzuriteInstance } from '../testing/azurite.ts';
import { blobServiceClientFor } from '../testing/azurite.ts';
import type { RepairExportRequest } from '../../src-shared/engine-protocol.ts';
import { runRepairExport } from '../engine/repair-export/run.ts';
import { assertNoSecrets, startRecordingProxy, startSuiteAzurite } from './harness.ts';

const CHILD = fileURLToPath(new URL('./hostile-child.ts', import.meta.url));
/** Generous bounds per case: a 100 MB value read whole would take far more (a UTF-16 string of 200 MB). */
const MAX_RSS_GROWTH_KB = 96 * 1024;
const MAX_HEAP_GROWTH = 64 * 1024 * 1024;
const MAX_MS = 20_000;

let az: AzuriteInstance;
let tmp: string;
before(async () => {
  az = await startSuiteAzurite();
  tmp = await realpath(await mkdtemp(join(tmpdir(), 'waie-rel-hostile-')));
});
after(async () => {
  await az?.stop();
  await rm(tmp, { recursive: true, force: true });
});

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const HASH = 'D41D8CD98F00B204E9800998ECF8427E';

function copyLog(driveId: string, blobs: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<DriveLog Version="2014-11-01">\n  <DriveId>${driveId}</DriveId>\n${blobs}  <Status>CompletedWithErrors</Status>\n</DriveLog>\n`;
}

function blob(blobPath: string, filePath: string, length: number, body = '', status = 'Failed'): string {
  return `  <Blob Status="${status}">\n    <BlobPath>${esc(blobPath)}</BlobPath>\n    <FilePath>${esc(filePath)}</FilePath>\n    <Length>${length}</Length>\n${body}  </Blob>\n`;
}

function manifest(driveId: string, blobs: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<DriveManifest Version="2014-11-01">\n  <Drive>\n    <DriveId>${driveId}</DriveId>\n    <BlobList>\n${blobs}    </BlobList>\n  </Drive>\n</DriveManifest>\n`;
}

function manifestBlob(blobPath: string, filePath: string, length: number, ranges: string): string {
  return `      <Blob>\n        <BlobPath>${esc(blobPath)}</BlobPath>\n        <FilePath>${esc(filePath)}</FilePath>\n        <Length>${length}</Length>\n        <BlockList>\n${ranges}        </BlockList>\n      </Blob>\n`;
}

/** Writes `head`, `size` bytes of `fill`, then `tail`, streamed (for the 100 MB cases). */
async function writeHuge(path: string, head: string, fill: string, size: number, tail: string): Promise<void> {
  const out = createWriteStream(path);
  const chunk = Buffer.from(fill.repeat(Math.ceil((1 << 20) / fill.length)).slice(0, 1 << 20));
  const write = (b: Buffer | string): Promise<void> => new Promise((r) => (out.write(b) ? r() : out.once('drain', r)));
  await write(head);
  for (let left = size; left > 0; left -= chunk.length) await write(left >= chunk.length ? chunk : chunk.subarray(0, left));
  await write(tail);
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
}

/** Expected outcome of a case. */
type Expect =
  | { error: string; statusCode?: string }
  | { failures: string[]; count?: number };

interface Case {
  name: string;
  expect: Expect;
  /** Files of `/d` expected after the run (relative, sorted); default none. */
  drive?: string[];
  copyLog?: string;
  manifest?: string;
}

const TRAVERSAL = [
  '..\\escaped.txt',
  '\\..\\..\\escaped.txt',
  '../escaped.txt',
  '/../escaped.txt',
  '\\a\\..\\..\\escaped.txt',
  '\\a\\..\\b.txt',
  '\\.\\x.txt',
  '\\\\?\\C:\\escaped.txt',
  '\\\\?\\UNC\\server\\share\\escaped.txt',
  '\\\\.\\PhysicalDrive0',
  '\\??\\C:\\escaped.txt',
  'C:\\Windows\\escaped.txt',
  'C:escaped.txt',
  'c:/escaped.txt',
  '\\\\server\\share\\escaped.txt',
  '//server/share/escaped.txt',
  '\\a.txt:stream',
  '\\a.txt::$DATA',
  '\\CON',
  '\\dir\\con.txt',
  '\\NUL',
  '\\dir\\Com1.log',
  '\\LPT\u00b9',
  '\\CONIN$',
  '\\dir\\trailing.',
  '\\dir\\trailing ',
  '\\...',
  '\\dir\\',
  '\\',
  '\\a\\\\b.txt',
  '\\a<b>.txt',
  '\\a|b.txt',
  '\\a*b.txt',
  '\\a"b.txt',
  `\\${'x'.repeat(300)}.txt`,
  `\\${Array.from({ length: 200 }, () => 'y'.repeat(200)).join('\\')}\\z.txt`,
];

const BLOB_PATHS = [
  'https://evil.example/c/x',
  'http:x',
  'javascript:alert(1)',
  '//evil.example/c/x',
  '/hostile/x',
  'hostile\\x',
  'hostile/../other/x',
  'hostile/./x',
  'hostile/a/../../x',
  'hostile/%2e%2e/x',
  'hostile/x%2Fy',
  'hostile/x%3Fcomp=list',
  'hostile/x%23frag',
  'hostile/x%25',
  'hostile//x',
  'hostile/x/',
  'Hostile/x',
  'x',
  'ab/x',
  '$root/a/b',
];

async function buildCorpus(root: string): Promise<Case[]> {
  const cases: Case[] = [];
  const mb100 = 100 * 1024 * 1024;
  const add = async (c: Omit<Case, 'copyLog' | 'manifest'>, files: { copyLog?: string | ((p: string) => Promise<void>); manifest?: string | ((p: string) => Promise<void>) }): Promise<void> => {
    const dir = join(root, c.name);
    await mkdir(join(dir, 'd'), { recursive: true });
    const out: Case = { ...c };
    for (const kind of ['copyLog', 'manifest'] as const) {
      const f = files[kind];
      if (f === undefined) continue;
      const p = join(dir, kind === 'copyLog' ? 'copylog.xml' : 'drive.manifest');
      if (typeof f === 'string') await writeFile(p, f);
      else await f(p);
      out[kind] = p;
    }
    cases.push(out);
  };
  // Paths: every spelling of leaving /d, device names, streams, reserved characters, overlong names, a link out.
  await add({ name: 'traversal', expect: { failures: ['FileNameInvalid', 'FileNameTooLong'], count: TRAVERSAL.length } }, { copyLog: copyLog('HOSTILE1', TRAVERSAL.map((fp, i) => blob(`hostile/b${i}.bin`, fp, 5)).join('')) });
  await add({ name: 'blob-path', expect: { failures: ['BlobRequestFailed'], count: BLOB_PATHS.length } }, { copyLog: copyLog('HOSTILE2', BLOB_PATHS.map((bp, i) => blob(bp, `\\f${i}.bin`, 5)).join('')) });
  await add({ name: 'one-file-two-blobs', expect: { failures: ['FileNameInvalid'], count: 3 } }, { copyLog: copyLog('HOSTILE3', blob('hostile/a.bin', '\\same.bin', 5) + blob('hostile/b.bin', '\\SAME.BIN', 5) + blob('hostile/a.bin', '\\same.bin', 6)) });
  // XML: entities in every form, nesting, huge values, bad bytes.
  const laughs = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n${Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('\n')}\n]>\n<DriveLog><DriveId>&lol9;</DriveId></DriveLog>\n`;
  await add({ name: 'billion-laughs', expect: { error: 'XML_PARSE' } }, { copyLog: laughs });
  await add({ name: 'external-entity', expect: { error: 'XML_PARSE' } }, { copyLog: '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<DriveLog><DriveId>&x;</DriveId></DriveLog>' });
  await add({ name: 'parameter-entity', expect: { error: 'XML_PARSE' } }, { copyLog: '<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>\n<DriveLog/>' });
  await add({ name: 'entity-without-doctype', expect: { error: 'XML_PARSE' } }, { copyLog: '<DriveLog><DriveId>&lol;</DriveId></DriveLog>' });
  await add({ name: 'manifest-billion-laughs', expect: { error: 'XML_PARSE', statusCode: 'ManifestFormatInvalid' } }, { manifest: laughs.replace(/DriveLog/g, 'DriveManifest') });
  await add({ name: 'deep-nesting', expect: { error: 'XML_PARSE' } }, { copyLog: `<DriveLog>${'<a>'.repeat(200_000)}${'</a>'.repeat(200_000)}</DriveLog>` });
  await add({ name: 'attribute-100mb', expect: { error: 'XML_PARSE' } }, { copyLog: (p) => writeHuge(p, `<DriveLog><DriveId>X</DriveId><Blob><BlobPath>c1x/a</BlobPath><FilePath>\\a</FilePath><Length>1</Length><BlockList><Block Offset="0" Length="1" Status="Failed" Hash="`, 'A', mb100, '"/></BlockList></Blob></DriveLog>') });
  await add({ name: 'text-100mb', expect: { error: 'XML_PARSE' } }, { copyLog: (p) => writeHuge(p, '<DriveLog><DriveId>X</DriveId><Blob><BlobPath>c1x/a</BlobPath><FilePath>\\', 'b\\', mb100, '</FilePath><Length>1</Length></Blob></DriveLog>') });
  await add({ name: 'manifest-attribute-100mb', expect: { error: 'XML_PARSE', statusCode: 'ManifestFormatInvalid' } }, { manifest: (p) => writeHuge(p, '<DriveManifest><Drive><DriveId>X</DriveId><BlobList><Blob><BlobPath>c1x/a</BlobPath><FilePath>\\a</FilePath><Length>1</Length><BlockList><Block Offset="0" Length="1" Id="', 'QUFB', mb100, `" Hash="${HASH}"/></BlockList></Blob></BlobList></Drive></DriveManifest>`) });
  await add({ name: 'invalid-utf8', expect: { error: 'XML_PARSE' } }, { copyLog: (p) => writeFile(p, Buffer.concat([Buffer.from('<DriveLog><DriveId>'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('</DriveId></DriveLog>')])) });
  await add({ name: 'overlong-utf8', expect: { error: 'XML_PARSE' } }, { copyLog: (p) => writeFile(p, Buffer.concat([Buffer.from('<DriveLog><DriveId>'), Buffer.from([0xc0, 0xae, 0xc0, 0xae]), Buffer.from('</DriveId></DriveLog>')])) });
  await add({ name: 'utf16', expect: { error: 'XML_PARSE' } }, { copyLog: (p) => writeFile(p, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<DriveLog/>', 'utf16le')])) });
  await add({ name: 'nul-byte', expect: { error: 'XML_PARSE' } }, { copyLog: copyLog('X', blob('hostile/a', '\\a\u0000b.txt', 1)) });
  await add({ name: 'control-character-reference', expect: { error: 'XML_PARSE' } }, { copyLog: copyLog('X', blob('hostile/a', '\\a', 1).replace('\\a<', '\\a&#1;<')) });
  // Numbers: negative, overflowing, not decimal, offset + length past 2^53.
  for (const [name, attrs] of [
    ['negative-offset', 'Offset="-1" Length="10"'],
    ['overflowing-offset', 'Offset="9007199254740993" Length="1"'],
    ['huge-offset', `Offset="${'9'.repeat(400)}" Length="1"`],
    ['exponent-offset', 'Offset="1e3" Length="1"'],
    ['hex-length', 'Offset="0" Length="0x10"'],
    ['offset-plus-length-overflow', 'Offset="9007199254740000" Length="9007199254740000"'],
    ['negative-length', 'Offset="0" Length="-5"'],
  ] as const) {
    await add({ name, expect: { error: 'XML_PARSE' } }, { copyLog: copyLog('NUM1', blob('hostile/n.bin', '\\n.bin', 100, `    <BlockList><Block ${attrs} Status="Failed"/></BlockList>\n`, 'CompletedWithErrors')) });
  }
  // Manifests: the format rules (formats.md §2) and the drive.
  const m = (name: string, ranges: string, length = 8): Promise<void> => add({ name, expect: { error: 'MANIFEST_INVALID', statusCode: 'ManifestFormatInvalid' } }, { manifest: manifest('MAN1', manifestBlob('hostile/m.bin', '\\m.bin', length, ranges)) });
  const blk = (o: number | string, l: number | string): string => `          <Block Offset="${o}" Length="${l}" Hash="${HASH}"/>\n`;
  await m('manifest-negative-offset', blk(-4, 4) + blk(0, 8));
  await m('manifest-overlapping-blocks', blk(0, 6) + blk(4, 4));
  await m('manifest-out-of-order', blk(4, 4) + blk(0, 4));
  await m('manifest-gap', blk(0, 2) + blk(4, 4));
  await m('manifest-length-disagrees', blk(0, 4) + blk(4, 4), 100);
  await m('manifest-range-over-4mib', blk(0, 4 * 1024 * 1024 + 1), 4 * 1024 * 1024 + 1);
  await m('manifest-overflowing-offset', blk('18446744073709551616', 4));
  await add({ name: 'manifest-page-unaligned', expect: { error: 'MANIFEST_INVALID', statusCode: 'ManifestFormatInvalid' } }, { manifest: manifest('MAN1', manifestBlob('hostile/p.bin', '\\p.bin', 1024, `          <Block Offset="0" Length="1024" Hash="${HASH}"/>\n`).replace(/BlockList/g, 'PageRangeList').replace('<Block ', '<PageRange ').replace('Offset="0" Length="1024"', 'Offset="100" Length="512"')) });
  await add({ name: 'manifest-for-another-drive', expect: { error: 'DRIVE_ID_MISMATCH', statusCode: 'ManifestDriveIdMismatch' } }, { copyLog: copyLog('DRIVEAAA', blob('hostile/a.bin', '\\a.bin', 5)), manifest: manifest('DRIVEBBB', manifestBlob('hostile/a.bin', '\\a.bin', 4, blk(0, 4))) });
  await add({ name: 'manifest-one-file-two-blobs', expect: { failures: ['FileNameInvalid'], count: 2 } }, { manifest: manifest('MAN2', manifestBlob('hostile/a.bin', '\\m.bin', 4, blk(0, 4)) + manifestBlob('hostile/b.bin', '\\M.bin', 4, blk(0, 4))) });
  return cases;
}

/** Every entry under `dir` (relative paths, sorted), links not followed. */
async function listing(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

test('hostile corpus: each case gives its clear error or status code, writes nothing outside /d, and finishes within seconds and bounded memory', async (t) => {
  const root = join(tmp, 'corpus');
  await mkdir(join(root, 'outside'), { recursive: true });
  await writeFile(join(root, 'outside', 'keep.txt'), 'outside /d');
  const cases = await buildCorpus(root);
  // A first, harmless case warms the child up (modules loaded), so growth is the case's own.
  const warm = join(root, 'warm');
  await mkdir(join(warm, 'd'), { recursive: true });
  await writeFile(join(warm, 'copylog.xml'), copyLog('WARM', ''));
  const request = (dir: string, c: Partial<Case>): RepairExportRequest => ({ repairFile: join(dir, 'out', 'r.rep'), targetDir: join(dir, 'd'), copyLogFile: c.copyLog, manifestFile: c.manifest, logDir: join(dir, 'out'), credentials: { accountName: az.accountName, blobEndpoint: 'http://127.0.0.1:9/nothing-listens-here' } });
  const jobs = [{ name: 'warm', request: request(warm, { copyLog: join(warm, 'copylog.xml') }) }, ...cases.map((c) => ({ name: c.name, request: request(join(root, c.name), c) }))];
  await writeFile(join(tmp, 'cases.json'), JSON.stringify(jobs));
  const before = (await listing(root)).filter((p) => !/^[^/]+\/out(\/|$)/.test(p));
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', CHILD, join(tmp, 'cases.json')], { env: { ...process.env, WAIE_STORAGE_ACCOUNT_KEY: az.accountKey }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`child exited ${code}: ${stderr.slice(-2000)}`))));
  });
  const reports = JSON.parse(out) as Array<{ name: string; ms: number; rssGrowthKb: number; heapGrowth: number; outcome: 'result' | 'error'; exitCode?: number; failures?: Array<{ statusCode: string; filePath: string; detail: string }>; error?: { code: string; statusCode?: string; file?: string; line?: number; column?: number; detail: string } }>;
  for (const c of cases) {
    const r = reports.find((x) => x.name === c.name);
    assert.ok(r, c.name);
    const what = `${c.name}: ${JSON.stringify({ ...r, failures: r.failures?.slice(0, 3) })}`;
    if ('error' in c.expect) {
      assert.equal(r.outcome, 'error', what);
      assert.equal(r.error?.code, c.expect.error, what);
      if (c.expect.statusCode) assert.equal(r.error?.statusCode, c.expect.statusCode, what);
      if (r.error?.code !== 'DRIVE_ID_MISMATCH') {
        assert.ok(r.error?.file && typeof r.error.line === 'number' && typeof r.error.column === 'number', `${what}: the error names file, line and column`);
      }
      assert.deepEqual(await readdir(join(root, c.name, 'out')).catch(() => []), [], `${c.name}: refused before anything was written (no repair file, no log)`);
    } else {
      assert.equal(r.outcome, 'result', what);
      assert.equal(r.exitCode, 1, what);
      assert.ok(r.failures!.every((f) => (c.expect as { failures: string[] }).failures.includes(f.statusCode)), what);
      if (c.expect.count !== undefined) assert.equal(r.failures!.length, c.expect.count, what);
    }
    assert.deepEqual(await listing(join(root, c.name, 'd')), c.drive ?? [], `${c.name}: nothing written into /d`);
    assert.ok(r.ms < MAX_MS, `${c.name} took ${r.ms} ms`);
    assert.ok(r.rssGrowthKb < MAX_RSS_GROWTH_KB, `${c.name}: peak memory grew by ${r.rssGrowthKb} KiB`);
    assert.ok(r.heapGrowth < MAX_HEAP_GROWTH, `${c.name}: heap grew by ${r.heapGrowth} bytes`);
  }
  assert.deepEqual((await listing(root)).filter((p) => !/^[^/]+\/out(\/|$)/.test(p)), before, 'nothing was written anywhere outside each case\'s /d and its log folder');
  assert.equal(await readFile(join(root, 'outside', 'keep.txt'), 'utf8'), 'outside /d');
  await assertNoSecrets([az.accountKey], { dirs: [root], skip: cases.filter((c) => /100mb/.test(c.name)).map((c) => join(root, c.name, c.copyLog ? 'copylog.xml' : 'drive.manifest')), texts: [['child output', out]] });
  const slowest = [...reports].sort((a, b) => b.ms - a.ms)[0]!;
  const hungriest = [...reports].sort((a, b) => b.rssGrowthKb - a.rssGrowthKb)[0]!;
  t.diagnostic(`slowest ${slowest.name} ${slowest.ms} ms; largest peak-memory growth ${hungriest.name} ${hungriest.rssGrowthKb} KiB`);
});

/** Uploads `data` as a block blob; returns its Last-Modified for the copy log. */
async function upload(container: string, name: string, data: Buffer): Promise<string> {
  const c = blobServiceClientFor(az).getContainerClient(container);
  await c.createIfNotExists();
  const b = c.getBlockBlobClient(name);
  await b.upload(data, data.length);
  return (await b.getProperties()).lastModified!.toUTCString();
}

test('BlobPath with ? and #: legal blob names, sent percent-encoded; they cannot change the host, the container or the query', async () => {
  const dir = join(tmp, 'qhash');
  const d = join(dir, 'd');
  await mkdir(d, { recursive: true });
  const names = ['q?comp=list&restype=container', 'h#frag?x=1', 'dir/a?sig=forged&sv=2020-01-01#z', '..?/b#'];
  const data = names.map(() => randomBytes(3000));
  let log = '';
  for (const [i, name] of names.entries()) {
    await upload('hostile', name, data[i]!);
    log += blob(`hostile/${name}`, `\\hostile\\f${i}.bin`, data[i]!.length);
  }
  // A blob in another container that a ?/# trick might reach, and the container listing it might return.
  await upload('other', 'secret.bin', Buffer.from('other container'));
  await writeFile(join(dir, 'copylog.xml'), copyLog('QHASH1', log));
  const proxy = await startRecordingProxy(az.endpoint);
  try {
    const r = await runRepairExport({ repairFile: join(dir, 'r.rep'), targetDir: d, copyLogFile: join(dir, 'copylog.xml'), logDir: join(dir, 'logs'), credentials: { accountName: az.accountName, accountKey: az.accountKey, blobEndpoint: proxy.endpoint } });
    // "..?/b#" is refused: unencoded, its "?" would end the path at "..", out of the container (defence in
    // depth: the engine encodes every name). The others are legal names and are downloaded.
    assert.deepEqual(r.failures.map((f) => [f.blobPath, f.statusCode]), [['hostile/..?/b#', 'BlobRequestFailed']]);
    assert.match(r.failures[0]!.detail, /segment "\.\.\?"/);
    for (const [i] of names.entries()) if (i !== 3) assert.deepEqual(await readFile(join(d, 'hostile', `f${i}.bin`)), data[i], `blob ${i} downloaded from its own name`);
    assert.ok(proxy.requests.length >= (names.length - 1) * 2);
    for (const q of proxy.requests) {
      const u = new URL(q.url, 'http://x');
      const parts = u.pathname.split('/');
      assert.equal(parts[1], az.accountName, q.url);
      assert.equal(parts[2], 'hostile', `${q.url}: the container is never changed`);
      assert.ok(names.slice(0, 3).includes(parts.slice(3).map(decodeURIComponent).join('/')), `${q.url}: the blob name arrives whole, encoded`);
      // Range reads carry the read SAS the engine signs for the blob (sv, se, sr, sp, sig: once each);
      // nothing of a blob name ever becomes a query parameter.
      for (const k of u.searchParams.keys()) assert.ok(['sv', 'se', 'sr', 'sp', 'sig'].includes(k), `${q.url}: no query parameter from a blob name (${k})`);
      for (const k of ['sv', 'se', 'sr', 'sp', 'sig']) assert.ok(u.searchParams.getAll(k).length <= 1, `${q.url}: ${k} once at most`);
      assert.notEqual(u.searchParams.get('sig'), 'forged', q.url);
      assert.notEqual(u.searchParams.get('sv'), '2020-01-01', q.url);
    }
  } finally {
    await proxy.close();
  }
});

test('copy-log ranges out of order, overlapping and repeated; Length disagreeing with the ranges or the blob; one blob twice; one file for two blobs', async () => {
  const dir = join(tmp, 'ranges');
  const d = join(dir, 'd');
  await mkdir(join(d, 'r'), { recursive: true });
  const md5 = (b: Buffer): string => createHash('md5').update(b).digest('hex').toUpperCase();
  const A = randomBytes(65536);
  const B = randomBytes(8192);
  const C = randomBytes(2000);
  const D = randomBytes(16384);
  const E = randomBytes(100);
  const lm = { a: await upload('ranges', 'a.bin', A), b: await upload('ranges', 'b.bin', B), c: await upload('ranges', 'c.bin', C), d: await upload('ranges', 'd.bin', D), e: await upload('ranges', 'e.bin', E), f: await upload('ranges', 'f.bin', randomBytes(100)) };
  const damaged = (src: Buffer, holes: Array<[number, number]>): Buffer => {
    const x = Buffer.from(src);
    for (const [o, l] of holes) x.fill(0, o, o + l);
    return x;
  };
  await writeFile(join(d, 'r', 'a.bin'), damaged(A, [[0, 6144], [8192, 4096], [20000, 100]]));
  await writeFile(join(d, 'r', 'b.bin'), damaged(B, [[0, 100]]));
  await writeFile(join(d, 'r', 'c.bin'), C.subarray(0, 1000));
  await writeFile(join(d, 'r', 'd.bin'), damaged(D, [[0, 4096], [8192, 4096]]));
  await writeFile(join(d, 'r', 'e.bin'), damaged(E, [[0, 10]]));
  const before = { b: await readFile(join(d, 'r', 'b.bin')), c: await readFile(join(d, 'r', 'c.bin')), e: await readFile(join(d, 'r', 'e.bin')) };
  const rng = (o: number, l: number, data: Buffer): string => `<Block Offset="${o}" Length="${l}" Hash="${md5(data.subarray(o, o + l))}" Status="Failed"/>`;
  const list = (...r: string[]): string => `    <BlockList>${r.join('')}</BlockList>\n`;
  const lmEl = (s: string): string => `    <LastModified>${s}</LastModified>\n`;
  const log = copyLog(
    'RANGES1',
    // A: out of order, overlapping, the same range twice.
    blob('ranges/a.bin', '\\r\\a.bin', A.length, lmEl(lm.a) + list(rng(20000, 100, A), rng(8192, 4096, A), rng(2048, 4096, A), rng(0, 4096, A), rng(0, 4096, A)), 'CompletedWithErrors') +
      // B: a range past the Length: BlobUnexpectedEnd, nothing written.
      blob('ranges/b.bin', '\\r\\b.bin', B.length, lmEl(lm.b) + list(`<Block Offset="8000" Length="4096" Status="Failed"/>`), 'CompletedWithErrors') +
      // C: the log's Length is not the blob's: BlobUnexpectedChange, nothing written.
      blob('ranges/c.bin', '\\r\\c.bin', 1000, lmEl(lm.c) + list(`<Block Offset="0" Length="1000" Status="Failed"/>`), 'CompletedWithErrors') +
      // D: listed twice with different failed ranges: both repaired, one after the other.
      blob('ranges/d.bin', '\\r\\d.bin', D.length, lmEl(lm.d) + list(rng(0, 4096, D)), 'CompletedWithErrors') +
      blob('ranges/d.bin', '\\r\\d.bin', D.length, lmEl(lm.d) + list(rng(8192, 4096, D)), 'CompletedWithErrors') +
      // E and F: the same file for two blobs: refused, nothing written.
      blob('ranges/e.bin', '\\r\\e.bin', 100, lmEl(lm.e) + list(rng(0, 10, E)), 'CompletedWithErrors') +
      blob('ranges/f.bin', '\\R\\E.BIN', 100, lmEl(lm.f), 'Failed'),
  );
  // G: a folder on the drive that is a link to somewhere else: FileNameInvalid, nothing written there.
  const outside = join(dir, 'outside');
  await mkdir(outside);
  await symlink(outside, join(d, 'link'));
  const G = randomBytes(50);
  const lmG = await upload('ranges', 'g.bin', G);
  await writeFile(join(dir, 'copylog.xml'), log.replace('  <Status>', blob('ranges/g.bin', '\\link\\g.bin', 50, lmEl(lmG), 'Failed') + '  <Status>'));
  const proxy = await startRecordingProxy(az.endpoint);
  let r;
  try {
    r = await runRepairExport({ repairFile: join(dir, 'r.rep'), targetDir: d, copyLogFile: join(dir, 'copylog.xml'), logDir: join(dir, 'logs'), concurrency: 4, credentials: { accountName: az.accountName, accountKey: az.accountKey, blobEndpoint: proxy.endpoint } });
  } finally {
    await proxy.close();
  }
  assert.equal(r.exitCode, 1);
  assert.deepEqual(
    r.failures.map((f) => `${f.filePath} ${f.statusCode}`).sort(),
    ['\\R\\E.BIN FileNameInvalid', '\\link\\g.bin FileNameInvalid', '\\r\\b.bin BlobUnexpectedEnd', '\\r\\c.bin BlobUnexpectedChange', '\\r\\e.bin FileNameInvalid'],
  );
  assert.deepEqual(await readdir(outside), [], 'nothing written through the link');
  assert.deepEqual(await readFile(join(d, 'r', 'a.bin')), A, 'a: every listed range repaired');
  assert.deepEqual(await readFile(join(d, 'r', 'd.bin')), D, 'd: both entries repaired');
  assert.deepEqual(await readFile(join(d, 'r', 'b.bin')), before.b, 'b: nothing written');
  assert.deepEqual(await readFile(join(d, 'r', 'c.bin')), before.c, 'c: nothing written');
  assert.deepEqual(await readFile(join(d, 'r', 'e.bin')), before.e, 'e: nothing written');
  const gets = proxy.requests.filter((q) => q.method === 'GET' && q.range).map((q) => `${q.url.split('?')[0]!.split('/').pop()} ${q.range!.start}-${q.range!.end}`);
  assert.deepEqual(gets.filter((g) => g === 'a.bin 0-4095'), ['a.bin 0-4095'], 'a range listed twice is downloaded once');
  assert.ok(!gets.some((g) => /^(b|c|e|f)\.bin/.test(g)), `nothing downloaded for refused entries: ${gets.join(', ')}`);
  assert.equal(gets.filter((g) => g.startsWith('d.bin')).length, 2);
  await assertNoSecrets([az.accountKey], { dirs: [dir] });
});
