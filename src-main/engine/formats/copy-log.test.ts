import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import fc from 'fast-check';
import type { CopyLogBlob, CopyLogItem, LogRange } from '../../../src-shared/formats/types.ts';
import { readCopyLog } from './copy-log.ts';
import { createDriveLogWriter } from './drive-log-writer.ts';
import { CHUNK_BYTES } from './xml-reader.ts';
import { collect, expectWaie, fixture, withTempDir, withoutLine } from './test-support.ts';

function blobs(items: CopyLogItem[]): CopyLogBlob[] {
  return items.flatMap((i) => (i.type === 'blob' ? [i.blob] : []));
}

test('seed 000 verbose sample: header, two blobs, end; hashes trimmed and upper-cased', async () => {
  const items = await collect(readCopyLog(fixture('seed000-verbose.xml')));
  assert.deepEqual(items[0], { type: 'header', variant: 'DriveLog', version: '2014-11-01', driveId: 'WD-WMATV123456' });
  assert.deepEqual(items.at(-1), { type: 'end', driveStatus: 'CompletedWithErrors', summary: [] });
  const [desert, koala] = blobs(items);
  assert.deepEqual(desert, {
    kind: 'blob',
    status: 'Completed',
    blobPath: 'pictures/bob/wild/desert.jpg',
    filePath: '\\Users\\bob\\Pictures\\wild\\desert.jpg',
    length: 98304,
    importDisposition: { value: 'overwrite', status: 'Created' },
    rangeKind: 'block',
    hasRangeList: true,
    ranges: [
      { offset: 0, length: 65536, id: 'AAAAAA==', hash: '9C8AE14A55241F98533C4D80D85CDC68', status: 'Completed' },
      { offset: 65536, length: 32768, id: 'AQAAAA==', hash: 'DF54C531C9B3CA2570FDDDB3BCD0E27D', status: 'Completed' },
    ],
    metadata: { status: 'Completed', globalPath: { path: '\\Users\\bob\\Pictures\\wild\\metadata.xml', hash: 'E34F54B7086BCF4EC1601D056F4C7E37' } },
    line: 4,
  });
  assert.equal(koala?.rangeKind, 'page');
  assert.equal(koala?.line, 17);
  assert.deepEqual(
    koala?.ranges.map((r) => [r.offset, r.length, r.status]),
    [
      [0, 65536, 'Completed'],
      [65536, 65536, 'Corrupted'],
      [131072, 4096, 'Completed'],
    ],
  );
  assert.deepEqual(koala?.properties, {
    status: 'Completed',
    path: { path: '\\Users\\bob\\Pictures\\animals\\koala.jpg.properties', hash: '38D7AE80653F47F63C0222FEE90EC4E7' },
  });
  assert.equal(items.length, 4);
});

test('the CRLF + BOM variant reads exactly like the LF original', async () => {
  const a = await collect(readCopyLog(fixture('seed000-verbose.xml')));
  const b = await collect(readCopyLog(fixture('seed000-verbose-crlf-bom.xml')));
  assert.deepEqual(b, a);
});

test('seed 000 error logs: import FileNotFound with Cancelled blocks, export with empty BlockList and failed properties', async () => {
  const imp = blobs(await collect(readCopyLog(fixture('seed000-import-error.xml'))));
  assert.equal(imp.length, 1);
  assert.equal(imp[0]?.status, 'FileNotFound');
  assert.deepEqual(imp[0]?.importDisposition, { value: 'rename', status: 'Cancelled' });
  assert.equal(imp[0]?.ranges.length, 5);
  assert.ok(imp[0]?.ranges.every((r) => r.status === 'Cancelled'));
  assert.equal(imp[0]?.ranges[4]?.id, 'MD5/ZzibNDzr3IRBQENRyegeXQ==');

  const exp = await collect(readCopyLog(fixture('seed000-export-error.xml')));
  assert.deepEqual(exp[0], { type: 'header', variant: 'DriveLog', version: '2014-11-01', driveId: '9WM35C3U' });
  const [canyon] = blobs(exp);
  assert.equal(canyon?.lastModified, '2012-09-18T23:47:08Z');
  assert.equal(canyon?.hasRangeList, true);
  assert.equal(canyon?.rangeKind, 'block');
  assert.deepEqual(canyon?.ranges, []);
  assert.deepEqual(canyon?.properties, { status: 'Failed' });

  const err = blobs(await collect(readCopyLog(fixture('seed000-error.xml'))));
  assert.deepEqual(err[0]?.ranges, [{ offset: 65536, length: 65536, hash: 'AA2585F6F6FD01C4AD4256E018240CD4', status: 'Corrupted' }]);
});

test('seed 003 copy log (no Version attribute): one failed block without Hash', async () => {
  const items = await collect(readCopyLog(fixture('seed003-copylog.xml')));
  assert.deepEqual(items[0], { type: 'header', variant: 'DriveLog', driveId: '9WM35C2V' });
  const [desert] = blobs(items);
  assert.deepEqual(desert?.ranges, [{ offset: 65536, length: 65536, id: 'AQAAAA==', status: 'Failed' }]);
  assert.equal(desert?.length, 163840);
  assert.deepEqual(items.at(-1), { type: 'end', driveStatus: 'CompletedWithErrors', summary: [] });
});

test('tiny chunks (split CRLF, split UTF-8 sequences, split names) give exactly the same items', async () => {
  const names = ['seed000-verbose.xml', 'seed000-verbose-crlf-bom.xml', 'seed000-import-error.xml', 'seed003-copylog.xml', 'databox2018-error.xml', 'copylog2021.xml', 'verbose2021.xml'];
  for (const name of names) {
    const whole = await collect(readCopyLog(fixture(name)));
    for (const chunkBytes of [1, 3, 7]) assert.deepEqual(await collect(readCopyLog(fixture(name), { chunkBytes })), whole, `${name} in ${chunkBytes}-byte chunks`);
  }
  await withTempDir(async (dir) => {
    const file = join(dir, 'utf8.xml');
    await writeFile(file, '\uFEFF<DriveLog>\r\n<DriveId>中😀é</DriveId>\r\n<Blob\r\nStatus="x"><BlobPath>😀/中</BlobPath><FilePath>\\é</FilePath><Length>1</Length></Blob>\r\n</DriveLog>');
    const whole = await collect(readCopyLog(file));
    assert.deepEqual(whole[0], { type: 'header', variant: 'DriveLog', driveId: '中😀é' });
    const blob = whole[1]?.type === 'blob' ? whole[1].blob : undefined;
    assert.equal(blob?.blobPath, '😀/中');
    assert.equal(blob?.line, 3);
    for (const chunkBytes of [1, 2, 5]) assert.deepEqual(await collect(readCopyLog(file, { chunkBytes })), whole);
  });
});

test('2018-10-01 verbose log: page, block and Azure Files items with ranges without Hash', async () => {
  const items = await collect(readCopyLog(fixture('databox2018-verbose.xml')));
  assert.deepEqual(items[0], { type: 'header', variant: 'DriveLog', version: '2018-10-01', driveId: '1850AB12CD34' });
  const b = blobs(items);
  assert.deepEqual(
    b.map((x) => [x.kind, x.rangeKind, x.blobPath, x.length, x.ranges.length]),
    [
      ['blob', 'page', '$root/disk0.vhd', 8389120, 3],
      ['blob', 'block', 'photos/readme.txt', 42, 1],
      ['file', 'file', 'teamshare/docs/plan.docx', 300, 1],
    ],
  );
  assert.deepEqual(b[2]?.ranges, [{ offset: 0, length: 300, status: 'Completed' }]);
  assert.equal(b[2]?.filePath, '\\AzureFile\\teamshare\\docs\\plan.docx');
});

test('2018-10-01 error log: Summary before the items, OriginalFilePath/SizeInBytes, renamed statuses', async () => {
  const items = await collect(readCopyLog(fixture('databox2018-error.xml')));
  assert.deepEqual(items[0], { type: 'header', variant: 'DriveLog', version: '2018-10-01', driveId: '1850AB12CD35' });
  const [a, bFile] = blobs(items);
  assert.deepEqual(a, {
    kind: 'blob',
    status: 'ContainerRenamed',
    blobPath: 'databox-0123456789abcdef/a.vhd',
    filePath: '\\PageBlob\\bad name\\a.vhd',
    originalFilePath: '\\PageBlob\\bad name\\a.vhd',
    length: 10490880,
    hasRangeList: false,
    ranges: [],
    line: 13,
  });
  assert.equal(bFile?.kind, 'file');
  assert.equal(bFile?.status, 'ShareRenamed');
  assert.equal(bFile?.length, 7);
  assert.deepEqual(items.at(-1), {
    type: 'end',
    driveStatus: 'CompletedWithErrors',
    summary: [
      { group: 'ValidationErrors', code: 'None', count: 5 },
      { group: 'CopyErrors', code: 'Completed', count: 3, description: 'No errors encountered' },
      { group: 'CopyErrors', code: 'ContainerRenamed', count: 2, description: 'Renamed the container & uploaded it.' },
    ],
  });
});

test('2021-08-01 copy log without a root: entities, then the CopyLog summary in the end item', async () => {
  const items = await collect(readCopyLog(fixture('copylog2021.xml')));
  assert.deepEqual(items[0], { type: 'header', variant: 'CopyLog2021' });
  assert.deepEqual(items[1], {
    type: 'entity',
    entity: {
      cloudFormat: 'BlockBlob',
      path: 'media/clips/intro.mp4',
      category: 'UploadErrorCloudHttp',
      errorCode: '400',
      errorMessage: 'UnsupportedBlobType',
      type: 'File',
      etag: '"0x8DA1B2C3D4E5F60"',
      line: 1,
    },
  });
  assert.equal(items[2]?.type === 'entity' ? items[2].entity.cloudFormat : undefined, '');
  assert.equal(items[2]?.type === 'entity' ? items[2].entity.line : undefined, 7);
  assert.deepEqual(items[3], {
    type: 'end',
    driveStatus: 'CompletedWithErrors',
    driveId: '5d0c2a1e-93b1-4f6e-9a57-0c1f2e3d4b5a',
    version: '2021-08-01',
    totalFiles: 120,
    filesErrored: 2,
    summary: [
      { group: 'ValidationErrors', code: 'None', count: 120 },
      { group: 'CopyErrors', code: 'UploadErrorCloudHttp', count: 1, description: 'Unsupported blob type.' },
      { group: 'CopyErrors', code: 'ContainerRenamed', count: 1, description: 'Renamed the container.' },
    ],
  });
  assert.equal(items.length, 4);
});

test('2021-08-01 copy log with only the summary puts version and DriveId in the header; a wrapper root is tolerated', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'copy.xml');
    await writeFile(file, '<?xml version="1.0"?>\n<CopyLog Summary="Summary"><DriveLogVersion>2021-08-01</DriveLogVersion><DriveId>D1</DriveId><Status>Completed</Status><TotalFiles_Blobs>3</TotalFiles_Blobs><FilesErrored>0</FilesErrored></CopyLog>\n');
    const items = await collect(readCopyLog(file));
    assert.deepEqual(items, [
      { type: 'header', variant: 'CopyLog2021', version: '2021-08-01', driveId: 'D1' },
      { type: 'end', driveStatus: 'Completed', summary: [], totalFiles: 3, filesErrored: 0 },
    ]);
    await writeFile(file, '<Logs><ErroredEntity Path="c/b"><Category>X</Category></ErroredEntity><CopyLog Summary="Summary"><Status>Failed</Status></CopyLog></Logs>');
    const wrapped = await collect(readCopyLog(file));
    assert.deepEqual(wrapped.map((i) => i.type), ['header', 'entity', 'end']);
  });
});

test('2021-08-01 verbose log: File elements without a root, decimal crc64 normalised', async () => {
  const items = await collect(readCopyLog(fixture('verbose2021.xml')));
  assert.deepEqual(items, [
    { type: 'header', variant: 'VerboseLog2021' },
    { type: 'verboseFile', file: { cloudFormat: 'BlockBlob', path: '$root\\notes.txt', size: 9, crc64: '12577168950296156296', line: 2 } },
    { type: 'verboseFile', file: { cloudFormat: 'PageBlob', path: 'vhds\\disk1.vhd', size: 1048576, crc64: '42', etag: '0x8DA0000000000AB', line: 3 } },
    { type: 'verboseFile', file: { cloudFormat: 'AzureFile', path: 'share1\\empty.bin', size: 0, crc64: '0', line: 5 } },
    { type: 'end', summary: [] },
  ]);
});

const HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<DriveLog Version="2014-11-01">\n  <DriveId>X</DriveId>\n';
function oneBlob(inner: string, attrs = ' Status="Completed"'): string {
  return `${HEAD}  <Blob${attrs}>\n    <BlobPath>c/b</BlobPath>\n    <FilePath>\\b</FilePath>\n${inner}  </Blob>\n  <Status>Completed</Status>\n</DriveLog>\n`;
}

test('bad numbers and hashes are XML_PARSE errors naming file, line and column', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'log.xml');
    const cases: Array<[string, number, number, RegExp]> = [
      ['    <Length>12x</Length>\n', 7, 5, /Length must be a whole number/],
      ['    <Length>-1</Length>\n', 7, 5, /whole number/],
      ['    <Length>1.5</Length>\n', 7, 5, /whole number/],
      ['    <Length>9007199254740993</Length>\n', 7, 5, /too large/],
      ['    <Length>1</Length>\n    <BlockList>\n      <Block Offset="0x10" Length="1" Status="Completed"/>\n    </BlockList>\n', 9, 7, /Offset of <Block>/],
      ['    <Length>1</Length>\n    <BlockList>\n      <Block Offset="0" Length="1" Hash="XYZ" Status="Completed"/>\n    </BlockList>\n', 9, 7, /32 hexadecimal/],
      ['    <Length>1</Length>\n    <BlockList>\n        <Block Offset="0" Length="1" Hash=" 9C8AE14A55241F98533C4D80D85CDC6" Status="Completed"/>\n    </BlockList>\n', 9, 9, /32 hexadecimal/],
      ['    <Length>1</Length>\n    <Properties Status="Completed">\n      <Path Hash="zz">\\b.properties</Path>\n    </Properties>\n', 9, 7, /Hash of <Path>/],
    ];
    for (const [inner, line, column, detail] of cases) {
      await writeFile(file, oneBlob(inner));
      await expectWaie(collect(readCopyLog(file)), { code: 'XML_PARSE', file, line, column, detail });
    }
    // A missing Length (and SizeInBytes) is reported at the <Blob> start tag.
    await writeFile(file, oneBlob(''));
    const err = await expectWaie(collect(readCopyLog(file)), { code: 'XML_PARSE', file, line: 4, column: 3, detail: /neither <Length> nor <SizeInBytes>/ });
    assert.equal(err.info.statusCode, undefined, 'copy logs have no status code of their own');
  });
});

test('Status defaults to Completed; unknown elements and attributes are ignored', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'log.xml');
    await writeFile(
      file,
      oneBlob('    <Length>5</Length>\n    <Extra a="1"><Block Offset="x"/></Extra>\n    <BlockList Foo="bar">\n      <Block Offset="0" Length="5" New="1"/>\n    </BlockList>\n', ''),
    );
    const [b] = blobs(await collect(readCopyLog(file)));
    assert.equal(b?.status, 'Completed');
    assert.deepEqual(b?.ranges, [{ offset: 0, length: 5, status: 'Completed' }]);
  });
});

test('a DriveId that only comes after the first blob is reported in the end item', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'log.xml');
    await writeFile(file, '<DriveLog><Blob><BlobPath>c/b</BlobPath><FilePath>\\b</FilePath><Length>1</Length></Blob><DriveId>LATE</DriveId><Status>Completed</Status></DriveLog>');
    const items = await collect(readCopyLog(file));
    assert.deepEqual(items[0], { type: 'header', variant: 'DriveLog' });
    assert.deepEqual(items.at(-1), { type: 'end', driveStatus: 'Completed', driveId: 'LATE', summary: [] });
  });
});

test('files that are not copy logs, or have content after </DriveLog>, are refused', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'log.xml');
    await writeFile(file, '<DriveManifest Version="2014-11-01"><Drive/></DriveManifest>');
    await expectWaie(collect(readCopyLog(file)), { code: 'XML_PARSE', line: 1, column: 1, detail: /not a copy log/ });
    await writeFile(file, `${HEAD}  <Status>Completed</Status>\n</DriveLog>\n<DriveLog/>`);
    await expectWaie(collect(readCopyLog(file)), { code: 'XML_PARSE', line: 6, column: 1, detail: /after the <DriveLog> root/ });
    await writeFile(file, '   \n');
    await expectWaie(collect(readCopyLog(file)), { code: 'XML_PARSE', line: 1, detail: /no XML element/ });
    await writeFile(file, '<File CloudFormat="BlockBlob" Path="a" Size="1" crc64="18446744073709551616"/>');
    await expectWaie(collect(readCopyLog(file)), { code: 'XML_PARSE', line: 1, column: 1, detail: /crc64/ });
  });
});

test('a truncated copy log fails after the blobs it could read, with the position of the end', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'log.xml');
    const full = oneBlob('    <Length>5</Length>\n');
    await writeFile(file, full.slice(0, full.indexOf('  <Status>')));
    const seen: CopyLogItem[] = [];
    await expectWaie(
      (async () => {
        for await (const item of readCopyLog(file)) seen.push(item);
      })(),
      { code: 'XML_PARSE', file, line: 9, column: 1 },
    );
    assert.deepEqual(seen.map((i) => i.type), ['header', 'blob'], 'no end item for a truncated file');
  });
});

test('streaming: 200k blobs are read with bounded buffering; breaking out stops reading', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'big.xml');
    const count = 200_000;
    const out = createWriteStream(file);
    out.write(HEAD);
    for (let i = 0; i < count; i++) {
      const ok = out.write(`  <Blob Status="Failed">\n    <BlobPath>c/blob-${i}</BlobPath>\n    <FilePath>\\blob-${i}</FilePath>\n    <Length>${i}</Length>\n  </Blob>\n`);
      if (!ok) await once(out, 'drain');
    }
    out.end('  <Status>CompletedWithErrors</Status>\n</DriveLog>\n');
    await once(out, 'finish');
    const size = (await stat(file)).size;
    assert.ok(size > 100 * CHUNK_BYTES, `test file is large (${size} bytes)`);

    // 1. The first blob is handed out after the first chunk, and breaking out closes the file.
    let bytesRead = 0;
    let bytesAtFirstBlob = -1;
    for await (const item of readCopyLog(file, { onProgress: (n) => (bytesRead = n) })) {
      if (item.type === 'blob') {
        bytesAtFirstBlob = bytesRead;
        assert.equal(item.blob.blobPath, 'c/blob-0');
        break;
      }
    }
    assert.ok(bytesAtFirstBlob > 0 && bytesAtFirstBlob <= CHUNK_BYTES, `first blob after ${bytesAtFirstBlob} bytes`);
    await new Promise((r) => setTimeout(r, 20));
    assert.ok(bytesRead <= 2 * CHUNK_BYTES, `reading stopped after the break (${bytesRead} of ${size} bytes)`);

    // 2. A full read yields every blob, and never more items between two chunks than one chunk can hold.
    let n = 0;
    let sinceChunk = 0;
    let maxPerChunk = 0;
    let chunks = 0;
    for await (const item of readCopyLog(file, {
      onProgress: () => {
        chunks++;
        sinceChunk = 0;
      },
    })) {
      sinceChunk++;
      maxPerChunk = Math.max(maxPerChunk, sinceChunk);
      if (item.type === 'blob') {
        assert.equal(item.blob.length, n);
        n++;
      }
    }
    assert.equal(n, count);
    assert.ok(chunks >= Math.floor(size / CHUNK_BYTES), `read in ${chunks} chunks`);
    assert.ok(maxPerChunk <= CHUNK_BYTES / 100, `at most ${maxPerChunk} items per chunk`);
  });
});

// ---- Writer → reader round trips ----

const SAMPLE_BLOBS: CopyLogBlob[] = [
  {
    kind: 'blob',
    status: 'CompletedWithErrors',
    blobPath: 'pictures/bob/animals/koala & <friends>.jpg',
    filePath: '\\Users\\bob\\Pictures\\animals\\koala "1".jpg',
    snapshot: '2012-09-18T23:47:08.1234567Z',
    length: 163840,
    lastModified: 'Tue, 18 Sep 2012 23:47:08 GMT',
    importDisposition: { value: 'overwrite', status: 'Overwritten' },
    rangeKind: 'page',
    hasRangeList: true,
    ranges: [
      { offset: 0, length: 65536, hash: '19701B8877418393CB3CB567F53EE225', status: 'Completed' },
      { offset: 65536, length: 65536, hash: 'AA2585F6F6FD01C4AD4256E018240CD4', status: 'Corrupted' },
    ],
    metadata: { status: 'Completed', globalPath: { path: '\\meta.xml', hash: 'E34F54B7086BCF4EC1601D056F4C7E37' }, path: { path: "\\it's.metadata" } },
    properties: { status: 'Failed' },
    line: 1,
  },
  { kind: 'blob', status: 'CompletedWithErrors', blobPath: 'c/empty', filePath: '\\empty', length: 163840, rangeKind: 'block', hasRangeList: true, ranges: [], properties: { status: 'Failed' }, line: 1 },
  { kind: 'blob', status: 'FileNotFound', blobPath: '$root/x', filePath: '\\x', length: 0, hasRangeList: false, ranges: [], line: 1 },
  {
    kind: 'file',
    status: 'Completed',
    blobPath: 'share/dir/f.txt',
    filePath: '\\AzureFile\\share\\dir\\f.txt',
    originalFilePath: '\\AzureFile\\share\\dir\\f .txt',
    length: 300,
    rangeKind: 'file',
    hasRangeList: true,
    ranges: [{ offset: 0, length: 300, status: 'Completed' }],
    line: 1,
  },
  {
    kind: 'blob',
    status: 'Completed',
    blobPath: 'c/blocks',
    filePath: '\\blocks',
    length: 30310,
    rangeKind: 'block',
    hasRangeList: true,
    ranges: [
      { offset: 0, length: 6062, id: 'MD5/cAzn4h7VVSWXf696qp5Uaw==', hash: '700CE7E21ED55525977FAF7AAA9E546B', status: 'Cancelled' },
      { offset: 6062, length: 24248, id: 'AQAAAA==', status: 'Failed' },
    ],
    line: 1,
  },
];

test('drive log writer → reader round trip, with and without Version', async () => {
  await withTempDir(async (dir) => {
    for (const version of ['2014-11-01', undefined]) {
      const file = join(dir, `log-${version ?? 'none'}.xml`);
      const w = await createDriveLogWriter(file, version === undefined ? { driveId: 'WD-1 & 2' } : { version, driveId: 'WD-1 & 2' });
      for (const b of SAMPLE_BLOBS) await w.writeBlob(b);
      await w.end('CompletedWithErrors');
      const items = await collect(readCopyLog(file));
      assert.deepEqual(items[0], { type: 'header', variant: 'DriveLog', ...(version !== undefined ? { version } : {}), driveId: 'WD-1 & 2' });
      assert.deepEqual(blobs(items).map(withoutLine), SAMPLE_BLOBS.map(withoutLine));
      assert.deepEqual(items.at(-1), { type: 'end', driveStatus: 'CompletedWithErrors', summary: [] });
    }
  });
});

test('drive log writer writes the seed 000 shape (CRLF, two-space indent, Status attributes)', async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, 'log.xml');
    const w = await createDriveLogWriter(file, { version: '2014-11-01', driveId: '9WM35C3U' });
    await w.writeBlob({
      kind: 'blob',
      status: 'CompletedWithErrors',
      blobPath: 'pictures/wild/canyon.jpg',
      filePath: '\\pictures\\wild\\canyon.jpg',
      lastModified: '2012-09-18T23:47:08Z',
      length: 163840,
      rangeKind: 'block',
      hasRangeList: true,
      ranges: [],
      properties: { status: 'Failed' },
      line: 99,
    });
    await w.end('CompletedWithErrors');
    const { readFile } = await import('node:fs/promises');
    assert.equal(
      await readFile(file, 'utf8'),
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<DriveLog Version="2014-11-01">',
        '  <DriveId>9WM35C3U</DriveId>',
        '  <Blob Status="CompletedWithErrors">',
        '    <BlobPath>pictures/wild/canyon.jpg</BlobPath>',
        '    <FilePath>\\pictures\\wild\\canyon.jpg</FilePath>',
        '    <Length>163840</Length>',
        '    <LastModified>2012-09-18T23:47:08Z</LastModified>',
        '    <BlockList />',
        '    <Properties Status="Failed" />',
        '  </Blob>',
        '  <Status>CompletedWithErrors</Status>',
        '</DriveLog>',
        '',
      ].join('\r\n'),
    );
  });
});

test('drive log writer refuses values it cannot write faithfully', async () => {
  await withTempDir(async (dir) => {
    const w = await createDriveLogWriter(join(dir, 'log.xml'), { driveId: 'D' });
    const base = SAMPLE_BLOBS[2] as CopyLogBlob;
    await expectWaie(w.writeBlob({ ...base, length: -1 }), { code: 'XML_WRITE' });
    await expectWaie(w.writeBlob({ ...base, rangeKind: 'block', hasRangeList: true, ranges: [{ offset: 0, length: 1, hash: 'abc', status: 'Failed' }] }), { code: 'XML_WRITE' });
    await expectWaie(w.writeBlob({ ...base, blobPath: 'bad\u0001name' }), { code: 'XML_WRITE' });
    await w.end('Completed');
  });
});

const textArb = fc.string({
  unit: fc.oneof(fc.constantFrom('&', '<', '>', '"', "'", ' ', '\\', '/', 'é', '中', '😀', '\t'), fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c))),
  minLength: 1,
  maxLength: 20,
});
const hashArb = fc.stringMatching(/^[0-9A-F]{32}$/);
const statusArb = fc.constantFrom('Completed', 'Failed', 'Corrupted', 'Cancelled', 'BlobRequestFailed');

const rangeArb: fc.Arbitrary<LogRange> = fc
  .record({ offset: fc.nat(), length: fc.nat(), id: fc.option(fc.base64String({ minLength: 4, maxLength: 12 }), { nil: undefined }), hash: fc.option(hashArb, { nil: undefined }), status: statusArb })
  .map((r) => {
    const out: LogRange = { offset: r.offset, length: r.length, status: r.status };
    if (r.id !== undefined && r.id !== '') out.id = r.id;
    if (r.hash !== undefined) out.hash = r.hash;
    return out;
  });

const blobArb: fc.Arbitrary<CopyLogBlob> = fc
  .record({
    kind: fc.constantFrom<'blob' | 'file'>('blob', 'file'),
    status: statusArb,
    blobPath: textArb,
    filePath: textArb,
    length: fc.nat(),
    snapshot: fc.option(textArb, { nil: undefined }),
    rangeKind: fc.option(fc.constantFrom<'block' | 'page' | 'file'>('block', 'page', 'file'), { nil: undefined }),
    ranges: fc.array(rangeArb, { maxLength: 4 }),
  })
  .map((r) => {
    const b: CopyLogBlob = { kind: r.kind, status: r.status, blobPath: r.blobPath, filePath: r.filePath, length: r.length, hasRangeList: r.rangeKind !== undefined, ranges: r.rangeKind !== undefined ? r.ranges : [], line: 0 };
    if (r.snapshot !== undefined) b.snapshot = r.snapshot.trim() === '' ? 'x' : r.snapshot.trim();
    if (r.rangeKind !== undefined) b.rangeKind = r.rangeKind;
    return b;
  });

test('property: random drive logs written by the writer read back equal', async () => {
  await withTempDir(async (dir) => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(blobArb, { maxLength: 5 }), async (input) => {
        const file = join(dir, `p${run++}.xml`);
        const w = await createDriveLogWriter(file, { version: '2014-11-01', driveId: 'D' });
        for (const b of input) await w.writeBlob(b);
        await w.end('Completed');
        const back = blobs(await collect(readCopyLog(file)));
        assert.deepEqual(back.map(withoutLine), input.map(withoutLine));
      }),
      { numRuns: 100, seed: 20240611 },
    );
  });
});
