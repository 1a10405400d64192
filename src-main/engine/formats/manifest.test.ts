import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import type { ManifestBlob, ManifestItem, ManifestRange } from '../../../src-shared/formats/types.ts';
import { readManifest, validateManifestBlob } from './manifest.ts';
import { createManifestWriter } from './manifest-writer.ts';
import { collect, expectWaie, fixture, withTempDir, withoutLine } from './test-support.ts';

function blobs(items: ManifestItem[]): ManifestBlob[] {
  return items.flatMap((i) => (i.type === 'blob' ? [i.blob] : []));
}

const SEED_003_BLOBS: ManifestBlob[] = [
  {
    blobPath: 'pictures/city/redmond.jpg',
    filePath: '\\pictures\\city\\redmond.jpg',
    length: 15360,
    rangeKind: 'page',
    ranges: [
      { offset: 0, length: 3584, hash: '72FC55ED9AFDD40A0C8D5C4193208416' },
      { offset: 3584, length: 3584, hash: '68B28A561B73D1DA769D4C24AA427DB8' },
      { offset: 7168, length: 512, hash: 'F521DF2F50C46BC5F9EA9FB787A23EED' },
    ],
    propertiesPath: { path: '\\pictures\\city\\redmond.jpg.properties', hash: 'E72A22EA959566066AD89E3B49020C0A' },
    line: 7,
  },
  {
    blobPath: 'pictures/wild/canyon.jpg',
    filePath: '\\pictures\\wild\\canyon.jpg',
    length: 10884,
    rangeKind: 'block',
    ranges: [
      { offset: 0, length: 2721, id: 'AAAAAA==', hash: '263DC9C4B99C2177769C5EBE04787037' },
      { offset: 2721, length: 2721, id: 'AQAAAA==', hash: '0C52BAE2CC20EFEC15CC1E3045517AA6' },
      { offset: 5442, length: 2721, id: 'AgAAAA==', hash: '73D1CB62CB426230C34C9F57B7148F10' },
      { offset: 8163, length: 2721, id: 'AwAAAA==', hash: '11210E665C5F8E7E4F136D053B243E6A' },
    ],
    propertiesPath: { path: '\\pictures\\wild\\canyon.jpg.properties', hash: '81D7F81B2C29F10D6E123D386C3A4D5A' },
    line: 18,
  },
];

test('seed 003 manifest (2011-10-01) and its CRLF + BOM variant', async () => {
  for (const name of ['seed003-manifest.xml', 'seed003-manifest-crlf-bom.xml']) {
    const items = await collect(readManifest(fixture(name)));
    assert.deepEqual(items[0], { type: 'drive', version: '2011-10-01', driveId: '9WM35C3U', clientCreator: 'Windows Azure Import/Export service' });
    assert.deepEqual(blobs(items), SEED_003_BLOBS);
    assert.deepEqual(items.at(-1), { type: 'end' });
    assert.equal(items.length, 4);
  }
});

function manifestXml(blobXml: string, driveExtra = ''): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n<DriveManifest Version="2014-11-01">\n  <Drive>\n    <DriveId>D1</DriveId>\n' +
    driveExtra +
    `    <BlobList Id="session#1-0">\n      <Blob>\n        <BlobPath>c/b</BlobPath>\n        <FilePath>\\b</FilePath>\n${blobXml}      </Blob>\n    </BlobList>\n  </Drive>\n</DriveManifest>\n`
  );
}
const H = ['9C8AE14A55241F98533C4D80D85CDC68', 'DF54C531C9B3CA2570FDDDB3BCD0E27D', '19701B8877418393CB3CB567F53EE225'];
const blocks = (len: number, spec: Array<[number, number]>, hash = true): string =>
  `        <Length>${len}</Length>\n        <BlockList>\n${spec.map(([o, l], i) => `          <Block Offset="${o}" Length="${l}"${hash ? ` Hash="${H[i % 3]}"` : ''} />\n`).join('')}        </BlockList>\n`;
const pages = (len: number, spec: Array<[number, number]>): string =>
  `        <Length>${len}</Length>\n        <PageRangeList>\n${spec.map(([o, l], i) => `          <PageRange Offset="${o}" Length="${l}" Hash="${H[i % 3]}" />\n`).join('')}        </PageRangeList>\n`;

test('manifest rule violations are MANIFEST_INVALID / ManifestFormatInvalid at the offending range', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'm.manifest');
    const cases: Array<[string, number, RegExp]> = [
      [blocks(300, [[0, 100], [150, 150]]), 12, /gap/],
      [blocks(300, [[10, 290]]), 11, /first block must start at 0/],
      [blocks(300, [[0, 200], [100, 200]]), 12, /overlaps/],
      [blocks(300, [[0, 100], [100, 100]]), 12, /blocks end at 200 but the blob's Length is 300/],
      [blocks(300, [[0, 300]], false), 11, /no Hash/],
      [blocks(5_000_000, [[0, 4_194_305], [4_194_305, 805_695]]), 11, /longer than 4 MiB/],
      [pages(4096, [[0, 1000]]), 11, /multiples of 512/],
      [pages(4096, [[100, 512]]), 11, /multiples of 512/],
      [pages(4096, [[1024, 512], [0, 512]]), 12, /not ordered by offset/],
      [pages(4096, [[0, 1024], [512, 512]]), 12, /overlaps/],
      [pages(4096, [[3584, 1024]]), 11, /beyond the blob's Length 4096/],
    ];
    for (const [xml, line, detail] of cases) {
      await writeFile(file, manifestXml(xml));
      await expectWaie(collect(readManifest(file)), { code: 'MANIFEST_INVALID', statusCode: 'ManifestFormatInvalid', file, line, column: 11, detail });
    }
    // Whole-blob problems are reported at the <Blob> start tag.
    await writeFile(file, manifestXml('        <Length>300</Length>\n        <BlockList />\n'));
    await expectWaie(collect(readManifest(file)), { code: 'MANIFEST_INVALID', file, line: 6, column: 7, detail: /block list is empty/ });
    await writeFile(file, manifestXml('        <Length>300</Length>\n'));
    await expectWaie(collect(readManifest(file)), { code: 'MANIFEST_INVALID', line: 6, detail: /neither a <BlockList> nor a <PageRangeList>/ });
    await writeFile(file, manifestXml(blocks(300, [[0, 300]]).replace('<Length>300', '<Length>3x0')));
    await expectWaie(collect(readManifest(file)), { code: 'MANIFEST_INVALID', statusCode: 'ManifestFormatInvalid', line: 9, column: 9, detail: /Length must be a whole number/ });
    await writeFile(file, manifestXml(blocks(300, [[0, 300]]).replace(H[0] as string, 'not-a-hash')));
    await expectWaie(collect(readManifest(file)), { code: 'MANIFEST_INVALID', line: 11, detail: /32 hexadecimal/ });
    // Valid edge cases: empty block list for Length 0; partial page coverage.
    await writeFile(file, manifestXml('        <Length>0</Length>\n        <BlockList />\n'));
    assert.equal(blobs(await collect(readManifest(file)))[0]?.length, 0);
    await writeFile(file, manifestXml(pages(1 << 24, [[0, 512], [4096, 4_194_304]])));
    assert.equal(blobs(await collect(readManifest(file)))[0]?.ranges.length, 2);
  });
});

test('DriveId must come before any BlobList; XML errors carry ManifestFormatInvalid', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'm.manifest');
    await writeFile(file, '<DriveManifest>\n  <Drive>\n    <BlobList>\n    </BlobList>\n    <DriveId>D</DriveId>\n  </Drive>\n</DriveManifest>\n');
    await expectWaie(collect(readManifest(file)), { code: 'MANIFEST_INVALID', statusCode: 'ManifestFormatInvalid', line: 3, column: 5, detail: /DriveId/ });
    await writeFile(file, '<DriveManifest>\n  <Drive>\n    <DriveId>D</DriveId>\n    <BlobList>\n');
    await expectWaie(collect(readManifest(file)), { code: 'XML_PARSE', statusCode: 'ManifestFormatInvalid', file, line: 5, column: 1 });
    await writeFile(file, '<!DOCTYPE DriveManifest [<!ENTITY a "b">]><DriveManifest/>');
    await expectWaie(collect(readManifest(file)), { code: 'XML_PARSE', statusCode: 'ManifestFormatInvalid', detail: /DOCTYPE/ });
    await writeFile(file, '<DriveLog><DriveId>D</DriveId></DriveLog>');
    await expectWaie(collect(readManifest(file)), { code: 'MANIFEST_INVALID', line: 1, column: 1, detail: /not a drive manifest/ });
    await expectWaie(collect(readManifest(join(dir, 'missing.manifest'))), { code: 'FILE_READ', statusCode: 'ManifestNotFound' });
  });
});

test('import manifests: StorageAccountKey / ContainerSas values are never stored nor shown in errors', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'm.manifest');
    const key = 'VkGbrUqBWLYJ6zg1m29VOTrxpBgdNOlp+kp0C9MEdx3GELxmBw4hK94f7KysbbeKLDksg7VoN1W/a5UuM2zNgQ==';
    await writeFile(file, manifestXml(blocks(300, [[0, 300]]), `    <StorageAccountKey>${key}</StorageAccountKey>\n    <Unknown x="1"><Deep/></Unknown>\n`));
    const items = await collect(readManifest(file));
    assert.ok(!JSON.stringify(items).includes('VkGb'), 'key not in items');
    assert.equal(blobs(items).length, 1);
    // A malformed SAS (raw '&') fails without echoing any of it.
    await writeFile(file, manifestXml(blocks(300, [[0, 300]]), '    <ContainerSas>?sv=2012-02-12&se=2015&sig=SECRETSIG</ContainerSas>\n'));
    const err = await expectWaie(collect(readManifest(file)), { code: 'XML_PARSE', statusCode: 'ManifestFormatInvalid' });
    assert.ok(!/SECRETSIG|sv=|2015/.test(err.message + JSON.stringify(err.info)), err.info.detail);
    const huge = 'A'.repeat(200_000);
    await writeFile(file, manifestXml(blocks(300, [[0, 300]]), `    <StorageAccountKey>${huge}</StorageAccountKey>\n`));
    const err2 = await expectWaie(collect(readManifest(file)), { code: 'XML_PARSE' });
    assert.ok(!err2.info.detail.includes('AAAA'), err2.info.detail);
  });
});

test('manifest writer writes the seed 003 shape and reads back equal', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'w.manifest');
    const w = await createManifestWriter(file, { version: '2011-10-01', driveId: '9WM35C3U', clientCreator: 'Windows Azure Import/Export service' });
    for (const b of SEED_003_BLOBS) await w.writeBlob(b);
    await w.end();
    const items = await collect(readManifest(file));
    assert.deepEqual(items[0], { type: 'drive', version: '2011-10-01', driveId: '9WM35C3U', clientCreator: 'Windows Azure Import/Export service' });
    assert.deepEqual(blobs(items).map(withoutLine), SEED_003_BLOBS.map(withoutLine));
    const text = await readFile(file, 'utf8');
    assert.ok(text.startsWith('<?xml version="1.0" encoding="utf-8"?>\r\n<DriveManifest Version="2011-10-01">\r\n  <Drive>\r\n    <DriveId>9WM35C3U</DriveId>\r\n'));
    assert.ok(text.includes('\r\n          <PageRange Offset="0" Length="3584" Hash="72FC55ED9AFDD40A0C8D5C4193208416" />\r\n'));
    assert.ok(text.endsWith('    </BlobList>\r\n  </Drive>\r\n</DriveManifest>\r\n'));
    assert.ok(!/[^\r]\n/.test(text), 'CRLF only');
    // Default version.
    const w2 = await createManifestWriter(join(dir, 'v.manifest'), { driveId: 'D' });
    await w2.end();
    assert.deepEqual((await collect(readManifest(join(dir, 'v.manifest'))))[0], { type: 'drive', version: '2014-11-01', driveId: 'D' });
  });
});

test('manifest writer refuses blobs that break the rules', async () => {
  await withTempDir(async (dir) => {
    const w = await createManifestWriter(join(dir, 'w.manifest'), { driveId: 'D' });
    const base = SEED_003_BLOBS[1] as ManifestBlob;
    await expectWaie(w.writeBlob({ ...base, length: 10000 }), { code: 'MANIFEST_INVALID', statusCode: 'ManifestFormatInvalid' });
    await expectWaie(w.writeBlob({ ...base, ranges: base.ranges.map((r, i) => (i === 1 ? { ...r, hash: 'abc' } : r)) }), { code: 'MANIFEST_INVALID' });
    await w.writeBlob(base);
    await w.end();
    assert.equal(blobs(await collect(readManifest(join(dir, 'w.manifest')))).length, 1);
  });
});

test('validateManifestBlob accepts the seed blobs and names the offending range', () => {
  for (const b of SEED_003_BLOBS) assert.equal(validateManifestBlob(b), undefined);
  const b = SEED_003_BLOBS[1] as ManifestBlob;
  const swapped = { ...b, ranges: [b.ranges[1], b.ranges[0], b.ranges[2], b.ranges[3]] as ManifestRange[] };
  assert.equal(validateManifestBlob(swapped)?.rangeIndex, 0);
});

// ---- Property: random manifests written by the writer read back equal ----

const textArb = fc.string({
  unit: fc.oneof(fc.constantFrom('&', '<', '>', '"', "'", ' ', '\\', '/', 'é', '中', '😀', '#'), fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c))),
  minLength: 1,
  maxLength: 24,
});
const hashArb = fc.stringMatching(/^[0-9A-F]{32}$/);
const MIB4 = 4 * 1024 * 1024;

/** Valid block lists: contiguous sizes 1 … 4 MiB covering the length exactly. */
const blockBlobArb = fc.array(fc.record({ size: fc.integer({ min: 1, max: MIB4 }), hash: hashArb, id: fc.option(fc.base64String({ minLength: 4, maxLength: 16 }), { nil: undefined }) }), { maxLength: 6 }).map((parts) => {
  let offset = 0;
  const ranges: ManifestRange[] = parts.map((p) => {
    const r: ManifestRange = { offset, length: p.size, hash: p.hash };
    if (p.id !== undefined && p.id !== '') r.id = p.id;
    offset += p.size;
    return r;
  });
  return { rangeKind: 'block' as const, length: offset, ranges };
});

/** Valid page lists: 512-aligned, ordered, non-overlapping, possibly sparse, within the length. */
const pageBlobArb = fc
  .record({
    parts: fc.array(fc.record({ gapPages: fc.nat(20), pages: fc.integer({ min: 1, max: MIB4 / 512 }), hash: hashArb }), { maxLength: 6 }),
    tailPages: fc.nat(50),
  })
  .map(({ parts, tailPages }) => {
    let offset = 0;
    const ranges: ManifestRange[] = parts.map((p) => {
      offset += p.gapPages * 512;
      const r: ManifestRange = { offset, length: p.pages * 512, hash: p.hash };
      offset += r.length;
      return r;
    });
    return { rangeKind: 'page' as const, length: offset + tailPages * 512, ranges };
  });

const manifestBlobArb: fc.Arbitrary<ManifestBlob> = fc
  .record({
    blobPath: textArb,
    filePath: textArb,
    clientData: fc.option(textArb, { nil: undefined }),
    snapshot: fc.option(fc.constant('2012-09-18T23:47:08.0000000Z'), { nil: undefined }),
    importDisposition: fc.option(fc.constantFrom('rename', 'no-overwrite', 'overwrite'), { nil: undefined }),
    body: fc.oneof(blockBlobArb, pageBlobArb),
    metadataPath: fc.option(fc.record({ path: textArb, hash: hashArb }), { nil: undefined }),
    propertiesPath: fc.option(fc.record({ path: textArb, hash: fc.option(hashArb, { nil: undefined }) }), { nil: undefined }),
  })
  .map((r) => {
    const b: ManifestBlob = { blobPath: r.blobPath, filePath: r.filePath, length: r.body.length, rangeKind: r.body.rangeKind, ranges: r.body.ranges, line: 0 };
    if (r.clientData !== undefined) b.clientData = r.clientData;
    if (r.snapshot !== undefined) b.snapshot = r.snapshot;
    if (r.importDisposition !== undefined) b.importDisposition = r.importDisposition;
    if (r.metadataPath !== undefined) b.metadataPath = { path: r.metadataPath.path, hash: r.metadataPath.hash };
    if (r.propertiesPath !== undefined) b.propertiesPath = r.propertiesPath.hash === undefined ? { path: r.propertiesPath.path } : { path: r.propertiesPath.path, hash: r.propertiesPath.hash };
    return b;
  });

test('property: random manifests written by the writer read back equal (200 runs)', async () => {
  await withTempDir(async (dir) => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({ driveId: fc.stringMatching(/^[0-9A-Z][0-9A-Z-]{0,19}$/), clientCreator: fc.option(textArb, { nil: undefined }), version: fc.constantFrom('2011-10-01', '2014-11-01'), blobs: fc.array(manifestBlobArb, { maxLength: 6 }) }),
        async (m) => {
          const file = join(dir, `p${run++}.manifest`);
          const header = m.clientCreator === undefined ? { version: m.version, driveId: m.driveId } : { version: m.version, driveId: m.driveId, clientCreator: m.clientCreator };
          const w = await createManifestWriter(file, header);
          for (const b of m.blobs) await w.writeBlob(b);
          await w.end();
          const items = await collect(readManifest(file));
          assert.deepEqual(items[0], { type: 'drive', ...header });
          assert.deepEqual(blobs(items).map(withoutLine), m.blobs.map(withoutLine));
          assert.deepEqual(items.at(-1), { type: 'end' });
        },
      ),
      { numRuns: 200, seed: 424242 },
    );
  });
});
