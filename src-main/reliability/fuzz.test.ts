/**
 * Reliability, point 4: property-based fuzzing (fast-check, fixed seed and run count) of everything that
 * reads untrusted input:
 * - the copy-log, manifest and properties/metadata readers, on the seed samples with random byte-level
 *   mutations (markup characters, entity starts, NULs, invalid UTF-8): each either reads the file with
 *   every value within its rules, or throws the project's WaieError naming file, line and column —
 *   never another exception, never a hang;
 * - the drive-path rules: whatever a FilePath holds, an accepted one resolves inside `/d`;
 * - the blob-path rules: whatever a BlobPath holds, an accepted one becomes a request URL on the
 *   configured host, in its container, without a query or fragment of its own.
 * Runs: 150 per property (short form), 2000 (WAIE_RELIABILITY=full).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, isAbsolute, sep } from 'node:path';
import { ContainerClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { WaieError } from '../../src-shared/errors.ts';
import { parseBlobPath, parseDrivePath } from '../../src-shared/paths/index.ts';
import { readCopyLog } from '../engine/formats/copy-log.ts';
import { readManifest, validateManifestBlob } from '../engine/formats/manifest.ts';
import { parseMetadataFile, parsePropertiesFile } from '../engine/formats/sidecar.ts';
import { resolveUnder } from '../engine/drive/target.ts';
import { FULL, randomAccount } from './harness.ts';

const RUNS = FULL ? 2000 : 150;
const SEED = 20240521;
const fixtures = new URL('../engine/formats/fixtures/', import.meta.url);
let tmp: string;
before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'waie-rel-fuzz-'));
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Bytes worth inserting into XML: markup, entity and declaration starts, quotes, NUL, invalid UTF-8, digits, signs. */
const nasty = fc.constantFrom(...[..."<>&;\"'/=![]?-#%x09 \n\r"].map((c) => c.charCodeAt(0)), 0x00, 0x01, 0x7f, 0x80, 0xbf, 0xc0, 0xc3, 0xe2, 0xed, 0xf0, 0xf8, 0xfe, 0xff);
const byte = fc.oneof(nasty, fc.integer({ min: 0, max: 255 }));
const mutation = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), op: fc.constantFrom('insert', 'delete', 'replace', 'repeat'), bytes: fc.uint8Array({ minLength: 1, maxLength: 12 }).chain((b) => fc.array(byte, { minLength: 1, maxLength: 12 }).map((x) => (b.length % 2 ? Uint8Array.from(x) : b))), count: fc.integer({ min: 1, max: 200 }) });
const inserts = fc.oneof(
  fc.constantFrom('<!DOCTYPE x [<!ENTITY e "x">]>', '&e;', '&#0;', '&#xD800;', ']]>', '<![CDATA[', '<!--', '<?xml version="1.0" encoding="UTF-16"?>', '<Blob>', '</Blob>', '<Block Offset="-1" Length="1"/>', 'Offset="99999999999999999999"', 'Length="0x10"', 'Hash="ZZ"', '<FilePath>\\..\\..\\x</FilePath>', '<BlobPath>https://evil/x</BlobPath>', '\uFEFF', '\u0000'),
  fc.string({ maxLength: 20 }),
);

type Mutation = { at: number; op: string; bytes: Uint8Array; count: number };
function mutate(seed: Buffer, ms: Mutation[], extra: string[]): Buffer {
  let b = seed;
  ms.forEach((m, i) => {
    const at = Math.floor(m.at * b.length);
    const piece = i < extra.length ? Buffer.from(extra[i]!) : Buffer.from(m.bytes);
    if (m.op === 'insert') b = Buffer.concat([b.subarray(0, at), piece, b.subarray(at)]);
    else if (m.op === 'delete') b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + m.count))]);
    else if (m.op === 'replace') b = Buffer.concat([b.subarray(0, at), piece, b.subarray(Math.min(b.length, at + piece.length))]);
    else b = Buffer.concat([b.subarray(0, at), Buffer.from(piece.toString('latin1').repeat(Math.min(m.count, 50)), 'latin1'), b.subarray(at)]);
  });
  return b;
}

/** A parse error of the project: WaieError with a known code, naming the file, with a 1-based line and column. */
function assertProjectError(err: unknown, file: string, codes: string[]): void {
  if (!(err instanceof WaieError)) throw new Error(`not a WaieError: ${(err as Error)?.stack ?? String(err)}`);
  assert.ok(codes.includes(err.info.code), `code ${err.info.code}`);
  assert.equal(err.info.file, file);
  if (err.info.code !== 'FILE_READ') {
    assert.ok(Number.isInteger(err.info.line) && err.info.line! >= 1, `line ${err.info.line}`);
    assert.ok(Number.isInteger(err.info.column) && err.info.column! >= 1, `column ${err.info.column}`);
  }
}

const safe = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;
const HEX32 = /^[0-9A-F]{32}$/;

let k = 0;
async function fuzzFile(seeds: string[], check: (file: string) => Promise<void>, codes: string[]): Promise<void> {
  const seedBytes = await Promise.all(seeds.map(async (s) => readFile(new URL(s, fixtures))));
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.array(inserts, { maxLength: 3 }), async (which, ms, extra) => {
      const file = join(tmp, `f${k++ % 8}.xml`);
      await writeFile(file, mutate(seedBytes[which]!, ms, extra));
      try {
        await check(file);
      } catch (err) {
        assertProjectError(err, file, codes);
      }
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
}

test(`copy-log reader: ${RUNS} mutated logs of every variant either read within the rules or fail with file, line and column`, async () => {
  await fuzzFile(
    ['seed000-error.xml', 'seed000-export-error.xml', 'seed000-import-error.xml', 'seed000-verbose-crlf-bom.xml', 'seed003-copylog.xml', 'databox2018-error.xml', 'copylog2021.xml', 'verbose2021.xml'],
    async (file) => {
      for await (const item of readCopyLog(file, { chunkBytes: 257 })) {
        if (item.type !== 'blob') continue;
        assert.ok(safe(item.blob.length), 'Length');
        assert.equal(typeof item.blob.blobPath, 'string');
        assert.equal(typeof item.blob.filePath, 'string');
        for (const r of item.blob.ranges) {
          assert.ok(safe(r.offset) && safe(r.length) && safe(r.offset + r.length), 'range');
          if (r.hash !== undefined) assert.match(r.hash, HEX32);
        }
      }
    },
    ['XML_PARSE', 'FILE_READ'],
  );
});

test(`manifest reader: ${RUNS} mutated manifests either read with every blob valid or fail with file, line and column`, async () => {
  await fuzzFile(
    ['seed003-manifest.xml', 'seed003-manifest-crlf-bom.xml'],
    async (file) => {
      for await (const item of readManifest(file, { chunkBytes: 193 })) {
        if (item.type === 'blob') assert.equal(validateManifestBlob(item.blob), undefined, 'every blob handed out obeys the format rules');
      }
    },
    ['XML_PARSE', 'MANIFEST_INVALID', 'FILE_READ'],
  );
});

test(`properties and metadata files: ${RUNS} mutated files either parse or fail with file, line and column`, async () => {
  const props = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<Properties>\n  <Last-Modified>Tue, 21 May 2024 10:15:02 GMT</Last-Modified>\n  <Etag>0x8DC7A1B2C3D4E5F</Etag>\n  <Content-Length>1024</Content-Length>\n  <Content-Type>image/jpeg</Content-Type>\n  <Content-MD5>1B2M2Y8AsgTpgAmY7PhCfg==</Content-MD5>\n</Properties>\n');
  const meta = Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<Metadata>\n  <author>bob</author>\n  <camera>Canon &amp; co</camera>\n</Metadata>\n');
  fc.assert(
    fc.property(fc.boolean(), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.array(inserts, { maxLength: 3 }), (isProps, ms, extra) => {
      const text = mutate(isProps ? props : meta, ms, extra).toString('utf8');
      try {
        if (isProps) parsePropertiesFile(text, 'x.properties');
        else parseMetadataFile(text, 'x.metadata');
      } catch (err) {
        assertProjectError(err, isProps ? 'x.properties' : 'x.metadata', ['XML_PARSE', 'SIDECAR_INVALID', 'PROPERTIES_INVALID', 'METADATA_INVALID']);
      }
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
});

/** Characters that matter to paths: separators, dots, drive and stream colons, device-name letters, controls, percent, Unicode. */
const pathChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('\\', '/', '.', '..', ':', 'C:', '?', '*', '|', '<', '>', '"', ' ', '\u0000', '\u001f', '%', '%2e', '%2f', '%5c', 'CON', 'nul', 'COM1', 'LPT\u00b9', '$DATA', '~', '\u2215', '\uff0e', '\u202e', '\ud800', 'é', '😀', 'a', 'b', '1') },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
);
const pathLike = fc.array(pathChar, { maxLength: 24 }).map((a) => a.join(''));

test(`drive paths: ${RUNS * 10} arbitrary FilePaths; every one accepted resolves inside /d`, () => {
  const root = join(tmpdir(), 'waie-fuzz-root', 'd');
  fc.assert(
    fc.property(pathLike, (fp) => {
      const p = parseDrivePath(fp);
      const r = resolveUnder(root, fp);
      if (!p.ok) {
        assert.equal(r.ok, false);
        assert.ok(['FileNameInvalid', 'FileNameTooLong'].includes(p.statusCode));
        return;
      }
      for (const s of p.segments) assert.ok(s !== '' && s !== '.' && s !== '..' && !/[\\/:\u0000-\u001f]/.test(s), `segment ${JSON.stringify(s)}`);
      assert.ok(r.ok, 'accepted by the rules, resolved under /d');
      const rel = relative(root, r.absolute);
      assert.ok(rel !== '' && !rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel), `${JSON.stringify(fp)} → ${r.absolute}`);
    }),
    { numRuns: RUNS * 10, seed: SEED },
  );
});

test(`blob paths: ${RUNS * 10} arbitrary BlobPaths; every one accepted becomes a URL on the configured host, in its container, with no query or fragment`, () => {
  const account = randomAccount();
  const cred = new StorageSharedKeyCredential(account.name, account.key);
  const endpoint = `https://${account.name}.blob.core.windows.net`;
  const containerArb = fc.constantFrom('c1x', 'hostile', '$root', 'abc-def', 'C1X', 'a', '..', '');
  fc.assert(
    fc.property(containerArb, fc.boolean(), pathLike, (container, slash, rest) => {
      const bp = slash ? `${container}/${rest}` : `${container}${rest}`;
      const p = parseBlobPath(bp);
      if (!p.ok) return;
      const url = new URL(new ContainerClient(`${endpoint}/${p.container}`, cred).getBlobClient(p.blobName).url);
      assert.equal(url.origin, endpoint, bp);
      assert.equal(url.search, '', `${bp}: no query from the name`);
      assert.equal(url.hash, '', `${bp}: no fragment from the name`);
      const parts = url.pathname.split('/');
      assert.equal(decodeURIComponent(parts[1]!), p.container, `${bp}: its container`);
      assert.equal(parts.slice(2).map(decodeURIComponent).join('/'), p.blobName, `${bp}: the name arrives whole`);
    }),
    { numRuns: RUNS * 10, seed: SEED },
  );
});
