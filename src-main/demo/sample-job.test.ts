// Tests of the sample damaged export drives, built against a real Azurite. The manifest and the
// copy log are parsed here with saxes directly (an oracle independent of the project's readers);
// hashes are recomputed from the pristine files.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { blobServiceClientFor, startAzurite, type AzuriteInstance } from '../testing/azurite.ts';
import { propertiesFileFromBlob } from '../engine/storage/blob-properties.ts';
import { formatPropertiesFile } from '../engine/formats/sidecar.ts';
import { readManifest as projectReadManifest, validateManifestBlob } from '../engine/formats/manifest.ts';
import { readCopyLog as projectReadCopyLog } from '../engine/formats/copy-log.ts';
import { buildSampleExportJob, compareDirs, compareDirsDetailed, exportFilePath, localPathOf, type SampleJob } from './sample-job.ts';

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

function parseXml(xml: string): El {
  const parser = new SaxesParser();
  const stack: El[] = [];
  let root: El | undefined;
  parser.on('opentag', (t) => {
    const el: El = { name: t.name, attrs: { ...(t.attributes as Record<string, string>) }, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('text', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('closetag', () => stack.pop());
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}

const kids = (el: El | undefined, name: string): El[] => (el ? el.children.filter((c) => c.name === name) : []);
const kid = (el: El | undefined, name: string): El | undefined => kids(el, name)[0];
const txt = (el: El | undefined, name: string): string | undefined => kid(el, name)?.text.trim();
const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('hex').toUpperCase();

interface ParsedRange {
  offset: number;
  length: number;
  id?: string;
  hash?: string;
  status?: string;
}
interface ParsedBlob {
  blobPath: string;
  filePath: string;
  snapshot?: string;
  length: number;
  status?: string;
  kind?: 'block' | 'page';
  hasList: boolean;
  ranges: ParsedRange[];
  props?: El;
  meta?: El;
}

function parseBlobs(parent: El): ParsedBlob[] {
  return kids(parent, 'Blob').map((b) => {
    const list = kid(b, 'BlockList') ?? kid(b, 'PageRangeList');
    const ranges = (list?.children ?? []).map((r) => ({
      offset: Number(r.attrs.Offset),
      length: Number(r.attrs.Length),
      id: r.attrs.Id,
      hash: r.attrs.Hash?.trim().toUpperCase(),
      status: r.attrs.Status,
    }));
    return {
      blobPath: txt(b, 'BlobPath') ?? '',
      filePath: txt(b, 'FilePath') ?? '',
      snapshot: txt(b, 'Snapshot'),
      length: Number(txt(b, 'Length')),
      status: b.attrs.Status,
      kind: list ? (list.name === 'BlockList' ? 'block' : 'page') : undefined,
      hasList: list !== undefined,
      ranges,
      props: kid(b, 'PropertiesPath') ?? kid(b, 'Properties'),
      meta: kid(b, 'MetadataPath') ?? kid(b, 'Metadata'),
    };
  });
}

async function readManifest(job: SampleJob): Promise<{ root: El; blobs: ParsedBlob[] }> {
  const root = parseXml(await readFile(job.manifestFile, 'utf8'));
  const drive = kid(root, 'Drive');
  const blobs = kids(drive, 'BlobList').flatMap((l) => parseBlobs(l));
  return { root, blobs };
}

async function readCopyLog(job: SampleJob): Promise<{ root: El; blobs: ParsedBlob[] }> {
  const root = parseXml(await readFile(job.copyLogFile, 'utf8'));
  return { root, blobs: parseBlobs(root) };
}

async function readOrUndefined(p: string): Promise<Buffer | undefined> {
  try {
    return await readFile(p);
  } catch {
    return undefined;
  }
}

async function listFiles(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(dir, p)));
    else out.push(p);
  }
  return out;
}

const toDrivePath = (rel: string): string => `\\${rel.replace(/\/$/, '').split('/').join('\\')}`;

/** Damage kinds the copy log reports (the others only the manifest reveals). */
const LOGGED = new Set(['failed-block', 'failed-page-range', 'failed-properties', 'failed-metadata', 'whole-blob-failed']);

let inst: AzuriteInstance;
let tmp: string;
const jobs: Partial<Record<'demo' | 'alternate', SampleJob>> = {};

before(async () => {
  inst = await startAzurite();
  tmp = await mkdtemp(join(tmpdir(), 'sample-job-'));
  const base = { endpoint: inst.endpoint, accountName: inst.accountName, accountKey: inst.accountKey };
  jobs.demo = await buildSampleExportJob({ ...base, root: join(tmp, 'demo') });
  jobs.alternate = await buildSampleExportJob({ ...base, root: join(tmp, 'alternate'), profile: 'alternate' });
});

after(async () => {
  await inst?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

function job(name: 'demo' | 'alternate'): SampleJob {
  const j = jobs[name];
  if (!j) throw new Error(`${name} job was not built`);
  return j;
}

for (const name of ['demo', 'alternate'] as const) {
  describe(`${name} sample job`, () => {
    test('the manifest describes the pristine drive: every range MD5 and sidecar MD5 matches', async () => {
      const j = job(name);
      const { root, blobs } = await readManifest(j);
      assert.equal(root.name, 'DriveManifest');
      assert.equal(txt(kid(root, 'Drive'), 'DriveId'), j.driveId);
      assert.equal(txt(kid(root, 'Drive'), 'ClientCreator'), 'Windows Azure Import/Export service');
      assert.deepEqual(await readFile(join(j.driveDir, `${j.driveId}.manifest`)), await readFile(j.manifestFile), 'drive root copy');
      assert.deepEqual(await readFile(join(j.pristineDir, `${j.driveId}.manifest`)), await readFile(j.manifestFile));
      assert.equal(blobs.length, j.blobs.length);
      assert.ok(blobs.length >= 10);

      const listed = new Set<string>([`${j.driveId}.manifest`]);
      let rangesChecked = 0;
      for (const [i, b] of blobs.entries()) {
        const sj = j.blobs[i];
        assert.ok(sj);
        assert.equal(b.blobPath, sj.blobPath);
        assert.equal(b.filePath, sj.filePath);
        assert.equal(b.snapshot, sj.snapshot);
        assert.equal(b.blobPath, `${j.container}/${sj.blobName}`);
        assert.ok(b.filePath.startsWith(`\\${j.container}\\`));
        const data = await readFile(localPathOf(j.pristineDir, b.filePath));
        assert.equal(data.length, b.length, `${b.filePath}: file length = Length`);
        listed.add(b.filePath.slice(1).split('\\').join('/'));
        assert.ok(b.hasList, `${b.blobPath} has a range list`);
        let end = 0;
        for (const r of b.ranges) {
          assert.ok(r.length <= 4 * 1024 * 1024, 'range ≤ 4 MiB');
          assert.ok(r.offset >= end, 'ordered, no overlap');
          if (b.kind === 'block') assert.equal(r.offset, end, 'blocks cover the file with no gaps');
          else assert.ok(r.offset % 512 === 0 && r.length % 512 === 0, 'pages 512-aligned');
          assert.ok(r.offset + r.length <= b.length);
          assert.equal(r.hash, md5(data.subarray(r.offset, r.offset + r.length)), `${b.filePath} @${r.offset}`);
          end = r.offset + r.length;
          rangesChecked++;
        }
        if (b.kind === 'block') assert.equal(end, b.length, 'blocks reach the end');
        if (b.kind === 'page') {
          // outside the listed page ranges the file is zero
          const covered = Buffer.from(data);
          for (const r of b.ranges) covered.fill(0, r.offset, r.offset + r.length);
          assert.ok(covered.every((x) => x === 0), `${b.filePath}: zero outside page ranges`);
        }
        for (const side of [b.props, b.meta]) {
          if (!side) continue;
          const p = side.text.trim();
          const bytes = await readFile(localPathOf(j.pristineDir, p));
          assert.equal(side.attrs.Hash?.toUpperCase(), md5(bytes), `${p} hash`);
          listed.add(p.slice(1).split('\\').join('/'));
        }
        assert.ok(b.props, `${b.blobPath} has a PropertiesPath`);
      }
      assert.ok(rangesChecked > 30);
      assert.deepEqual((await listFiles(j.pristineDir)).sort(), [...listed].sort(), 'every file on the drive is in the manifest');
      assert.ok(blobs.some((b) => b.snapshot), 'a blob exported from a snapshot');
      assert.ok(blobs.some((b) => b.kind === 'page' && b.ranges.length > 0), 'a page blob');
      assert.ok(blobs.some((b) => b.length === 0), 'a zero-length blob');
      assert.ok(blobs.some((b) => b.meta), 'metadata');
      for (const b of blobs) assert.equal(b.filePath, exportFilePath(j.container, b.blobPath.slice(j.container.length + 1)));
      assert.ok(blobs.some((b) => b.filePath !== `\\${b.blobPath.split('/').join('\\')}`), 'a FilePath that differs from the BlobPath');
      assert.ok(blobs.some((b) => /[^\x20-\x7e]/.test(b.filePath)), 'a non-ASCII FilePath');
    });

    test('the copy log lists exactly the reported failures, and those ranges are damaged on the drive', async () => {
      const j = job(name);
      const { root, blobs } = await readCopyLog(j);
      assert.equal(root.name, 'DriveLog');
      assert.equal(root.attrs.Version, name === 'demo' ? '2014-11-01' : undefined, 'demo: 2014-11-01; alternate: no Version, like the seeds’ sample');
      assert.equal(txt(root, 'DriveId'), j.driveId);
      assert.equal(txt(root, 'Status'), 'CompletedWithErrors');
      const manifest = new Map((await readManifest(j)).blobs.map((b) => [b.blobPath, b]));

      const blobOfDamage = (fp: string): string => {
        const b = j.blobs.find((x) => fp === x.filePath || fp === `${x.filePath}.properties` || fp === `${x.filePath}.metadata`);
        assert.ok(b, `damage ${fp} belongs to a blob`);
        return b.blobPath;
      };
      const expectLogged = new Set(j.damage.filter((d) => LOGGED.has(d.kind)).map((d) => blobOfDamage(d.filePath)));
      assert.deepEqual(new Set(blobs.map((b) => b.blobPath)), expectLogged);
      const onlyManifest = j.damage.filter((d) => !LOGGED.has(d.kind)).map((d) => blobOfDamage(d.filePath));
      assert.ok(onlyManifest.length > 0 && onlyManifest.some((p) => !expectLogged.has(p)), 'some damage only the manifest reveals');

      for (const b of blobs) {
        const m = manifest.get(b.blobPath);
        assert.ok(m);
        assert.equal(b.filePath, m.filePath);
        assert.equal(b.length, m.length);
        assert.equal(b.snapshot, m.snapshot, 'copy log carries the same Snapshot as the manifest');
        assert.ok(b.status === 'CompletedWithErrors' || b.status === 'Failed', `blob status ${b.status}`);
        assert.ok(b.hasList, 'a (possibly empty) range list');
        assert.equal(b.kind, m.kind);
        const pristine = await readFile(localPathOf(j.pristineDir, b.filePath));
        const drive = await readOrUndefined(localPathOf(j.driveDir, b.filePath));
        for (const r of b.ranges) {
          assert.ok(r.status && r.status !== 'Completed', `range status ${r.status}`);
          const mr: ParsedRange | undefined = m.ranges.find((x) => x.offset === r.offset);
          assert.ok(mr, `logged range @${r.offset} is a manifest range`);
          assert.equal(r.length, mr.length);
          assert.equal(r.id, mr.id);
          if (r.hash) assert.equal(r.hash, mr.hash);
          const want = pristine.subarray(r.offset, r.offset + r.length);
          const got = drive?.subarray(r.offset, r.offset + r.length);
          assert.ok(!got || !want.equals(got), `${b.filePath} @${r.offset}: a failed range is damaged on the drive`);
        }
        if (b.status === 'Failed') {
          assert.equal(b.ranges.length, m.ranges.length, 'a failed blob lists all its ranges');
          assert.ok(b.ranges.slice(1).every((r) => r.status === 'Cancelled'));
        }
        for (const side of [b.props, b.meta]) {
          if (!side) continue;
          assert.ok(side.attrs.Status && side.attrs.Status !== 'Completed');
          const p = txt(side, 'Path');
          assert.ok(p, 'sidecar Path given');
          const want = await readFile(localPathOf(j.pristineDir, p));
          const got = await readOrUndefined(localPathOf(j.driveDir, p));
          assert.ok(!got || !want.equals(got), `${p} is damaged on the drive`);
        }
      }
    });

    test('the damaged drive differs from the pristine one in exactly the damaged files', async () => {
      const j = job(name);
      const diffs = await compareDirsDetailed(j.pristineDir, j.driveDir);
      assert.deepEqual(new Set(diffs.map((d) => toDrivePath(d.path))), new Set(j.damage.map((d) => d.filePath)));
      for (const d of diffs) {
        const kinds = j.damage.filter((x) => x.filePath === toDrivePath(d.path)).map((x) => x.kind);
        assert.ok(d.kind === 'content' || d.kind === 'missing', `${d.path}: ${d.kind}`);
        if (kinds.includes('missing-file')) assert.equal(d.kind, 'missing', d.path);
        if (kinds.some((k) => k === 'silent-corruption' || k === 'truncated-file')) assert.equal(d.kind, 'content', d.path);
      }
      assert.ok((await compareDirs(j.pristineDir, j.driveDir)).length === diffs.length);
    });

    test('validating the drive against the manifest finds exactly the damaged components', async () => {
      const j = job(name);
      const failing = new Set<string>();
      for (const b of (await readManifest(j)).blobs) {
        const data = await readOrUndefined(localPathOf(j.driveDir, b.filePath));
        for (const r of b.ranges) {
          const got = data?.subarray(r.offset, r.offset + r.length);
          if (!got || got.length !== r.length || md5(got) !== r.hash) failing.add(`${b.filePath}@${r.offset}`);
        }
        if (data && data.length !== b.length) failing.add(`${b.filePath}:length`);
        for (const side of [b.props, b.meta]) {
          if (!side) continue;
          const bytes = await readOrUndefined(localPathOf(j.driveDir, side.text.trim()));
          if (!bytes || md5(bytes) !== side.attrs.Hash) failing.add(side.text.trim());
        }
      }
      const expected = new Set<string>();
      const manifest = new Map((await readManifest(j)).blobs.map((b) => [b.filePath, b]));
      for (const d of j.damage) {
        const m = manifest.get(d.filePath);
        if (d.kind === 'failed-properties' || d.kind === 'failed-metadata') expected.add(d.filePath);
        else if (d.kind === 'missing-file' || d.kind === 'whole-blob-failed') m?.ranges.forEach((r) => expected.add(`${d.filePath}@${r.offset}`));
        else if (d.kind === 'truncated-file') {
          const keep = (await readFile(localPathOf(j.driveDir, d.filePath))).length;
          m?.ranges.filter((r) => r.offset + r.length > keep).forEach((r) => expected.add(`${d.filePath}@${r.offset}`));
          expected.add(`${d.filePath}:length`);
        } else {
          assert.ok(d.range, `${d.kind} names its range`);
          expected.add(`${d.filePath}@${d.range.offset}`);
        }
      }
      assert.deepEqual([...failing].sort(), [...expected].sort());
    });

    test("the project's own readers accept the manifest and the copy log", async () => {
      const j = job(name);
      let manifestBlobs = 0;
      for await (const it of projectReadManifest(j.manifestFile)) {
        if (it.type === 'drive') assert.equal(it.driveId, j.driveId);
        if (it.type === 'blob') {
          assert.equal(validateManifestBlob(it.blob), undefined, it.blob.blobPath);
          assert.equal(it.blob.filePath, j.blobs[manifestBlobs]?.filePath);
          manifestBlobs++;
        }
      }
      assert.equal(manifestBlobs, j.blobs.length);
      let logBlobs = 0;
      let status: string | undefined;
      for await (const it of projectReadCopyLog(j.copyLogFile)) {
        if (it.type === 'blob') logBlobs++;
        if (it.type === 'end') status = it.driveStatus;
      }
      assert.ok(logBlobs > 0);
      assert.equal(status, 'CompletedWithErrors');
    });

    test('Azurite holds the exported bytes (the snapshot where given) and the same properties', async () => {
      const j = job(name);
      const c = blobServiceClientFor(inst).getContainerClient(j.container);
      for (const b of j.blobs) {
        const base = c.getBlobClient(b.blobName);
        const src = b.snapshot ? base.withSnapshot(b.snapshot) : base;
        const bytes = b.length > 0 ? await src.downloadToBuffer() : Buffer.alloc(0);
        const pristine = await readFile(localPathOf(j.pristineDir, b.filePath));
        assert.ok(bytes.equals(pristine), `${b.blobPath}${b.snapshot ? ` @ ${b.snapshot}` : ''}`);
        const props = await readFile(localPathOf(j.pristineDir, `${b.filePath}.properties`), 'utf8');
        assert.equal(formatPropertiesFile(propertiesFileFromBlob(await src.getProperties())), props, `${b.blobPath} properties`);
        if (b.snapshot) {
          const now = await base.downloadToBuffer();
          assert.ok(!now.equals(pristine), `${b.blobPath}: the base blob changed after the snapshot`);
          const baseProps = formatPropertiesFile(propertiesFileFromBlob(await base.getProperties()));
          assert.notEqual(baseProps, props, 'base properties differ from the snapshot’s');
        }
      }
    });
  });
}

describe('profiles', () => {
  test('demo carries the documented ingredients and damage', async () => {
    const j = job('demo');
    assert.equal(j.driveId, '9WM35C3U');
    assert.equal(j.container, 'exportjob');
    const names = j.blobs.map((b) => b.blobName);
    assert.ok(names.includes("foto's/zee-ë/strand ☀.jpg"));
    assert.ok(names.some((n) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(n)), 'a Japanese name');
    const colon = j.blobs.find((b) => b.blobName.includes(':'));
    assert.ok(colon && !colon.filePath.includes(':'), 'a name NTFS forbids gets another FilePath');
    assert.equal(colon.filePath, '\\exportjob\\logs\\2019-03-21T10_15_02.log');
    const { blobs } = await readManifest(j);
    const ids = blobs.flatMap((b) => b.ranges.map((r) => r.id)).filter((x): x is string => !!x);
    assert.ok(ids.includes('AAAAAA==') && ids.includes('AQAAAA=='), 'counter block IDs');
    const big = blobs.find((b) => b.kind === 'block' && b.length > 3 * 1024 * 1024 && b.ranges.length >= 4);
    assert.ok(big, 'a multi-MiB block blob with several blocks');
    assert.ok(big.ranges.some((r) => r.length % 512 !== 0), 'block sizes not multiples of 512');
    const kinds = new Set(j.damage.map((d) => d.kind));
    for (const k of ['failed-block', 'failed-page-range', 'silent-corruption', 'whole-blob-failed', 'truncated-file', 'failed-properties', 'failed-metadata']) {
      assert.ok(kinds.has(k as never), `demo has ${k}`);
    }
    const snap = blobs.find((b) => b.snapshot);
    assert.ok(snap && (await readCopyLog(j)).blobs.some((b) => b.snapshot === snap.snapshot), 'a logged failure on the snapshot blob');
  });

  test('alternate is built differently and together they cover every damage kind', async () => {
    const d = job('demo');
    const a = job('alternate');
    assert.notEqual(a.driveId, d.driveId);
    assert.notEqual(a.container, d.container);
    const dn = new Set(d.blobs.map((b) => b.blobName));
    assert.ok(a.blobs.every((b) => !dn.has(b.blobName)), 'no shared blob names');
    assert.ok(a.blobs.filter((b) => b.blobType === 'page').length >= 3, 'more page blobs');
    assert.ok(a.blobs.filter((b) => b.snapshot).length >= 2, 'several snapshot exports');
    let snapshots = 0;
    for await (const x of blobServiceClientFor(inst).getContainerClient(a.container).listBlobsFlat({ includeSnapshots: true })) {
      if (x.snapshot) snapshots++;
    }
    assert.ok(snapshots >= 4, `several snapshots in the account (${snapshots})`);
    const { blobs } = await readManifest(a);
    assert.ok(blobs.some((b) => b.kind === 'block' && b.ranges.length > 0 && b.ranges.every((r) => r.id === undefined)), 'blocks without Id');
    assert.ok(blobs.some((b) => b.kind === 'page' && b.length > 0 && b.ranges.length === 0), 'a page blob with no data');
    const mix = (j: SampleJob): string => j.damage.map((x) => x.kind).sort().join(',');
    assert.notEqual(mix(a), mix(d), 'different damage mix');
    const all = new Set([...d.damage, ...a.damage].map((x) => x.kind));
    assert.equal(all.size, 8, `all damage kinds covered: ${[...all].join(', ')}`);
  });

  test('same seed → same blob bytes and damage; another seed → other bytes', async () => {
    const base = { endpoint: inst.endpoint, accountName: inst.accountName, accountKey: inst.accountKey };
    const again = await buildSampleExportJob({ ...base, root: join(tmp, 'demo-again') });
    const other = await buildSampleExportJob({ ...base, root: join(tmp, 'demo-other'), seed: 42 });
    const d = job('demo');
    assert.equal(again.container, 'exportjob-2', 'a taken container name gets a suffix');
    assert.equal(again.seed, d.seed);
    const strip = (j: SampleJob, p: string): string => p.replace(`\\${j.container}\\`, '\\');
    assert.deepEqual(
      again.damage.map((x) => ({ ...x, filePath: strip(again, x.filePath) })),
      d.damage.map((x) => ({ ...x, filePath: strip(d, x.filePath) })),
    );
    let differsFromOther = 0;
    for (const [i, b] of d.blobs.entries()) {
      const a2 = again.blobs[i];
      const o2 = other.blobs[i];
      assert.ok(a2 && o2);
      assert.equal(strip(again, a2.filePath), strip(d, b.filePath));
      const mine = await readFile(localPathOf(d.pristineDir, b.filePath));
      assert.ok(mine.equals(await readFile(localPathOf(again.pristineDir, a2.filePath))), `${b.blobName} same bytes`);
      const damagedMine = await readOrUndefined(localPathOf(d.driveDir, b.filePath));
      const damagedAgain = await readOrUndefined(localPathOf(again.driveDir, a2.filePath));
      assert.deepEqual(damagedAgain, damagedMine, `${b.blobName} same damage`);
      if (b.length > 0 && !mine.equals(await readFile(localPathOf(other.pristineDir, o2.filePath)))) differsFromOther++;
    }
    assert.equal(differsFromOther, d.blobs.filter((b) => b.length > 0).length);
  });

  test('the root must be empty', async () => {
    const root = join(tmp, 'not-empty');
    await mkdir(root);
    await writeFile(join(root, 'x'), 'x');
    await assert.rejects(
      buildSampleExportJob({ endpoint: inst.endpoint, accountName: inst.accountName, accountKey: inst.accountKey, root }),
      /not empty/,
    );
  });
});

describe('compareDirs', () => {
  test('reports nothing for identical trees and each kind of difference otherwise', async () => {
    const j = job('demo');
    assert.deepEqual(await compareDirs(j.pristineDir, j.pristineDir), []);
    const copy = join(tmp, 'pristine-copy');
    await cp(j.pristineDir, copy, { recursive: true });
    assert.deepEqual(await compareDirs(j.pristineDir, copy), []);

    const victim = j.blobs.find((b) => b.length > 100_000);
    assert.ok(victim);
    const p = localPathOf(copy, victim.filePath);
    const buf = await readFile(p);
    buf[77_777] = (buf[77_777] ?? 0) ^ 0x01;
    await writeFile(p, buf);
    await rm(localPathOf(copy, `${victim.filePath}.properties`));
    await writeFile(join(copy, 'extra.tmp'), 'x');
    await mkdir(join(copy, 'newdir'));
    const rel = victim.filePath.slice(1).split('\\').join('/');
    assert.deepEqual(await compareDirs(j.pristineDir, copy), [
      `different: ${rel} (first difference at byte 77777)`,
      `missing: ${rel}.properties`,
      'extra: extra.tmp',
      'extra: newdir/',
    ]);
    await writeFile(p, buf.subarray(0, 1000));
    assert.ok((await compareDirs(j.pristineDir, copy)).includes(`different: ${rel} (size ${buf.length} vs 1000)`));
  });
});
