/**
 * Review on the seed samples (fixtures of the formats tests), on generated logs of every variant of
 * formats.md §1, and on a generated 200 000-blob verbose log (streamed: the model stays small and
 * failures are reported while the file is still being read). Also the CSV (every failed component,
 * second streaming pass) and the HTML's fixed parts.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WaieError } from '../../../src-shared/errors.ts';
import type { ReviewFailure, ReviewModel } from '../../../src-shared/review/index.ts';
import { reviewCopyLog, reviewHtml, saveReview, REVIEW_REPORT_CSP } from './index.ts';
import { classicLog, copyLog2021, verboseLog2021, writeChunks, type GenBlob } from './test-logs.ts';

const fx = (name: string): string => fileURLToPath(new URL(`../../engine/formats/fixtures/${name}`, import.meta.url));
const H = (c: string): string => c.repeat(32);
let tmp: string;
before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'waie-review-'));
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const byFile = (m: ReviewModel, filePath: string): ReviewFailure => {
  const f = m.failedBlobs.find((x) => x.filePath === filePath);
  assert.ok(f, `failure ${filePath} listed`);
  return f;
};

test('seed 000 export error log: properties failed, export by LastModified, RepairExport rewrites the properties file', async () => {
  const m = await reviewCopyLog(fx('seed000-export-error.xml'));
  assert.equal(m.driveId, '9WM35C3U');
  assert.equal(m.drive.status, 'CompletedWithErrors');
  assert.equal(m.drive.title, 'Drive finished with errors');
  assert.match(m.drive.nextStep, /RepairExport/);
  assert.equal(m.drive.lifecycleState, 'CompletedMoreInfo');
  assert.deepEqual([m.jobKind.kind, m.jobKind.basis, m.jobKind.evidence.exportFields], ['export', 'exportFields', 1]);
  assert.deepEqual(m.counts.properties, { Failed: 1 });
  assert.equal(m.totals.sidecarFailures, 1);
  const f = byFile(m, '\\pictures\\wild\\canyon.jpg');
  assert.deepEqual([f.repairable, f.command, f.whole, f.bytesAffected, f.propertiesStatus], [true, 'RepairExport', false, 0, 'Failed']);
  assert.match(f.why, /RepairExport writes the properties file again/);
  assert.equal(f.strip, undefined, 'no byte range failed');
  assert.equal(m.repair.command, 'RepairExport');
  assert.match(m.repair.commandLine ?? '', /^waie RepairExport \/r:9WM35C3U\.rep "\/d:<drive folder or letter>" .*\/CopyLogFile:.*seed000-export-error\.xml$/);
});

test('seed 000 import error log: FileNotFound with Cancelled blocks is uploaded whole by RepairImport; disposition Cancelled listed', async () => {
  const m = await reviewCopyLog(fx('seed000-import-error.xml'));
  assert.deepEqual([m.jobKind.kind, m.jobKind.basis], ['import', 'importDisposition']);
  const f = byFile(m, '\\animals\\koala.jpg');
  assert.deepEqual([f.status, f.whole, f.repairable, f.command, f.failedRangeCount, f.bytesAffected], ['FileNotFound', true, true, 'RepairImport', 5, 30310]);
  assert.deepEqual(f.disposition, { requested: 'rename', status: 'Cancelled' });
  assert.match(f.why, /uploads the whole file again/);
  assert.deepEqual(f.strip, { length: 30310, segments: [{ start: 0, end: 30310, status: 'FileNotFound', severity: 'error' }], binned: false });
  assert.deepEqual(m.counts.range, { Cancelled: 5 });
  assert.deepEqual(m.counts.disposition, { Cancelled: 1 });
  assert.deepEqual(m.dispositions.map((d) => [d.status, d.requested, d.blobPath]), [['Cancelled', 'rename', 'pictures/animals/koala.jpg']]);
});

test('seed 000 verbose log (and its CRLF+BOM copy): counts of every blob, range, metadata, properties and disposition status', async () => {
  for (const name of ['seed000-verbose.xml', 'seed000-verbose-crlf-bom.xml']) {
    const m = await reviewCopyLog(fx(name));
    assert.equal(m.blobCount, 2, name);
    assert.deepEqual(m.totals, { items: 2, bytes: 98304 + 163840, ranges: 5, failedRanges: 1, sidecarFailures: 0 });
    assert.deepEqual(m.counts.blob, { Completed: 1, CompletedWithErrors: 1 });
    assert.deepEqual(m.counts.range, { Completed: 4, Corrupted: 1 });
    assert.deepEqual(m.counts.metadata, { Completed: 1 });
    assert.deepEqual(m.counts.properties, { Completed: 1 });
    assert.deepEqual(m.counts.disposition, { Created: 1, Overwritten: 1 });
    assert.equal(m.jobKind.kind, 'import');
    const f = byFile(m, '\\Users\\bob\\Pictures\\animals\\koala.jpg');
    assert.deepEqual(f.failedRanges, [{ offset: 65536, length: 65536, status: 'Corrupted' }]);
    assert.deepEqual(f.strip?.segments, [{ start: 65536, end: 131072, status: 'Corrupted', severity: 'error' }]);
    assert.equal(m.bytesAffected, 65536);
    assert.deepEqual(m.dispositions.map((d) => d.status), ['Overwritten'], 'Created is only counted');
    assert.deepEqual(m.charts.rangeStatus.map((b) => [b.code, b.count, b.severity]), [['Completed', 4, 'ok'], ['Corrupted', 1, 'error']]);
  }
});

test('seed 003 copy log (no Version) with the seed 003 manifest: export; the manifest is of another drive (ManifestDriveIdMismatch)', async () => {
  const m = await reviewCopyLog(fx('seed003-copylog.xml'), { manifestPath: fx('seed003-manifest.xml') });
  assert.equal(m.version, undefined);
  assert.deepEqual([m.jobKind.kind, m.driveId], ['export', '9WM35C2V']);
  assert.deepEqual(m.manifest, { path: fx('seed003-manifest.xml'), driveId: '9WM35C3U', version: '2011-10-01', blobs: 2, bytes: 15360 + 10884, driveIdMatches: false });
  assert.ok(m.notes.some((n) => n.includes('ManifestDriveIdMismatch')));
  const f = byFile(m, '\\pictures\\wild\\desert.jpg');
  assert.equal(f.inManifest, false);
  assert.match(m.repair.commandLine ?? '', /\/ManifestFile:.*seed003-manifest\.xml$/);
});

test('2018-10-01 error log: renamed items need no repair; Summary codes kept; decided import (Data Box Disk)', async () => {
  const m = await reviewCopyLog(fx('databox2018-error.xml'));
  assert.deepEqual([m.jobKind.kind, m.jobKind.basis], ['import', 'dataBox2018']);
  assert.deepEqual([m.repair.repairable, m.repair.notRepairable, m.repair.noRepairNeeded], [0, 0, 2]);
  assert.equal(m.repair.command, undefined);
  assert.match(m.repair.advice, /^Nothing needs repairing: 2 item/);
  assert.deepEqual(m.summaryCodes.map((c) => `${c.group}/${c.code}=${c.count}`), ['ValidationErrors/None=5', 'CopyErrors/Completed=3', 'CopyErrors/ContainerRenamed=2']);
  assert.ok(m.failedBlobs.every((f) => !f.repairable && /another name/.test(f.why) && f.strip === undefined));
  const v = await reviewCopyLog(fx('databox2018-verbose.xml'));
  assert.deepEqual([v.failedBlobCount, v.drive.lifecycleState, v.dispositions.length], [0, 'Completed', 0]);
  assert.deepEqual(v.counts.disposition, { Created: 3 });
  assert.equal(v.repair.advice, 'Nothing failed: there is nothing to repair.');
});

test('2021-08-01 copy log and verbose log: entities judged by Category; verbose has no drive status', async () => {
  const m = await reviewCopyLog(fx('copylog2021.xml'));
  assert.deepEqual([m.variant, m.version, m.jobKind.kind, m.jobKind.basis], ['CopyLog2021', '2021-08-01', 'import', 'uploadCategory']);
  assert.deepEqual(m.counts.entityCategory, { UploadErrorCloudHttp: 1, ContainerRenamed: 1 });
  const mp4 = byFile(m, '\\media\\clips\\intro.mp4');
  assert.deepEqual([mp4.kind, mp4.status, mp4.repairable, mp4.command, mp4.entity?.errorMessage], ['entity', 'UploadErrorCloudHttp', true, 'RepairImport', 'UnsupportedBlobType']);
  assert.match(mp4.why, /whole file again by its path/);
  assert.equal(byFile(m, '\\Bad Folder').repairable, false);
  assert.ok(m.notes.some((n) => /2021-08-01 copy log names failed files by path only/.test(n)));
  assert.deepEqual(m.charts.entityCategory.find((b) => b.code === 'UploadErrorCloudHttp')?.severity, 'error');
  const v = await reviewCopyLog(fx('verbose2021.xml'));
  assert.deepEqual([v.variant, v.totals.items, v.totals.bytes, v.failedBlobCount, v.jobKind.kind, v.drive.known, v.drive.lifecycleState], ['VerboseLog2021', 3, 9 + 1048576, 0, 'unknown', false, undefined]);
  assert.equal(v.drive.title, 'No drive status in this log');
});

const EXPORT_BLOBS: GenBlob[] = [
  { status: 'Completed', blobPath: 'media/ok.bin', filePath: '\\media\\ok.bin', length: 8192, lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT', rangeKind: 'block', ranges: [{ offset: 0, length: 8192, status: 'Completed', id: 'AAAAAA==', hash: H('A') }] },
  {
    status: 'CompletedWithErrors',
    blobPath: 'media/blocks.bin',
    filePath: '\\media\\blocks.bin',
    length: 12288,
    lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT',
    rangeKind: 'block',
    ranges: [
      { offset: 0, length: 4096, status: 'Completed' },
      { offset: 4096, length: 4096, status: 'Corrupted' },
      { offset: 8192, length: 4096, status: 'IOFailed' },
    ],
  },
  {
    status: 'CompletedWithErrors',
    blobPath: 'vhd/disk.vhd',
    filePath: '\\vhd\\disk.vhd',
    length: 1048576,
    snapshot: '2024-01-01T00:00:00.0000000Z',
    rangeKind: 'page',
    ranges: [
      { offset: 0, length: 512, status: 'BlobRequestFailed' },
      { offset: 524288, length: 1024, status: 'Completed' },
    ],
    metadata: { status: 'Corrupted', path: '\\vhd\\disk.vhd.metadata', hash: H('B') },
  },
  { status: 'BlobRequestFailed', blobPath: 'media/gone.bin', filePath: '\\media\\gone.bin', length: 4000, lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT' },
  { status: 'BlobUnexpectedChange', blobPath: 'media/changed.bin', filePath: '\\media\\changed.bin', length: 5000, lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT', rangeKind: 'block', ranges: [{ offset: 0, length: 5000, status: 'Failed' }] },
  { status: 'CompletedWithErrors', blobPath: 'media/cancel.bin', filePath: '\\media\\cancel.bin', length: 6000, lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT', rangeKind: 'block', ranges: [{ offset: 0, length: 3000, status: 'Failed' }, { offset: 3000, length: 3000, status: 'Cancelled' }] },
  { status: 'CompletedWithErrors', blobPath: 'media/props.bin', filePath: '\\media\\props.bin', length: 10, lastModified: 'Mon, 01 Jan 2024 00:00:00 GMT', rangeKind: 'block', ranges: [], properties: { status: 'XmlReadFailed' } },
];

test('generated 2014-11-01 export log: every kind of failure judged (ranges, pages, whole blobs, sidecars, BlobUnexpectedChange)', async () => {
  const file = join(tmp, 'export.xml');
  await writeChunks(file, classicLog({ version: '2014-11-01', driveId: 'EXP1', status: 'CompletedWithErrors', blobs: EXPORT_BLOBS }));
  const m = await reviewCopyLog(file);
  assert.deepEqual([m.jobKind.kind, m.jobKind.evidence.exportFields, m.jobKind.evidence.exportStatusCodes], ['export', 7, 1]);
  assert.equal(m.failedBlobCount, 6);
  assert.deepEqual(m.counts.blob, { Completed: 1, CompletedWithErrors: 4, BlobRequestFailed: 1, BlobUnexpectedChange: 1 });
  assert.deepEqual(m.counts.range, { Completed: 3, Corrupted: 1, IOFailed: 1, BlobRequestFailed: 1, Failed: 2, Cancelled: 1 });
  assert.deepEqual(m.counts.metadata, { Corrupted: 1 });
  assert.deepEqual(m.counts.properties, { XmlReadFailed: 1 });
  const blocks = byFile(m, '\\media\\blocks.bin');
  assert.deepEqual([blocks.repairable, blocks.command, blocks.bytesAffected, blocks.whole], [true, 'RepairExport', 8192, false]);
  assert.match(blocks.why, /downloads the 2 failed ranges again/);
  assert.deepEqual(blocks.strip?.segments.map((s) => [s.start, s.end, s.status]), [[4096, 8192, 'Corrupted'], [8192, 12288, 'IOFailed']]);
  const vhd = byFile(m, '\\vhd\\disk.vhd');
  assert.deepEqual([vhd.repairable, vhd.metadataStatus, vhd.failedRangeCount, vhd.bytesAffected], [true, 'Corrupted', 1, 512]);
  const gone = byFile(m, '\\media\\gone.bin');
  assert.deepEqual([gone.whole, gone.repairable, gone.bytesAffected], [true, true, 4000]);
  assert.match(gone.why, /downloads the whole file again/);
  const changed = byFile(m, '\\media\\changed.bin');
  assert.deepEqual([changed.repairable, changed.command], [false, undefined]);
  assert.match(changed.why, /BlobUnexpectedChange/);
  assert.match(changed.nextStep, /export/i);
  const cancel = byFile(m, '\\media\\cancel.bin');
  assert.deepEqual([cancel.whole, cancel.repairable, cancel.bytesAffected], [true, true, 6000]);
  const props = byFile(m, '\\media\\props.bin');
  assert.equal(props.repairable, false, 'XmlReadFailed is not repairable by a transfer (status catalogue)');
  assert.deepEqual([m.repair.repairable, m.repair.notRepairable, m.repair.noRepairNeeded], [4, 2, 0]);
  assert.match(m.repair.advice, /Run `waie RepairExport` with this copy log: it repairs 4 of the 6 failed item\(s\)\. 2 item\(s\) cannot be fixed/);
  assert.equal(m.bytesAffected, 8192 + 512 + 4000 + 5000 + 6000 + 0);
  assert.equal(m.totals.bytes, EXPORT_BLOBS.reduce((n, b) => n + (b.length ?? 0), 0));

  // CSV: one row per failed component of every failed item.
  const csvFile = join(tmp, 'export.csv');
  const rows = await saveReview(m, 'csv', csvFile);
  const csv = await readFile(csvFile, 'utf8');
  assert.ok(csv.startsWith('\ufeffFilePath,BlobPath,Component,Offset,Length,StatusCode,Repairable,Command,Explanation,NextStep,Line\r\n'));
  const lines = csv.trimEnd().split('\r\n').slice(1);
  assert.equal(rows, lines.length);
  const cells = lines.map((l) => l.split(',').slice(0, 8).join(','));
  assert.deepEqual(cells, [
    '\\media\\blocks.bin,media/blocks.bin,block,4096,4096,Corrupted,yes,RepairExport',
    '\\media\\blocks.bin,media/blocks.bin,block,8192,4096,IOFailed,yes,RepairExport',
    '\\vhd\\disk.vhd,vhd/disk.vhd,page,0,512,BlobRequestFailed,yes,RepairExport',
    '\\vhd\\disk.vhd,vhd/disk.vhd,metadata,,,Corrupted,yes,RepairExport',
    '\\media\\gone.bin,media/gone.bin,blob,,4000,BlobRequestFailed,yes,RepairExport',
    '\\media\\changed.bin,media/changed.bin,blob,,5000,BlobUnexpectedChange,no,',
    '\\media\\changed.bin,media/changed.bin,block,0,5000,Failed,no,',
    '\\media\\cancel.bin,media/cancel.bin,block,0,3000,Failed,yes,RepairExport',
    '\\media\\cancel.bin,media/cancel.bin,block,3000,3000,Cancelled,yes,RepairExport',
    '\\media\\props.bin,media/props.bin,properties,,,XmlReadFailed,no,',
  ]);
});

test('generated import log without Version: dispositions (renamed to what, with the original name from the manifest; skipped; overwritten), Dutch texts', async () => {
  const blobs: GenBlob[] = [
    { status: 'Completed', blobPath: 'photos/a.jpg', filePath: '\\a.jpg', length: 100, disposition: { value: 'rename', status: 'Created' }, rangeKind: 'block', ranges: [{ offset: 0, length: 100, status: 'Completed' }] },
    { status: 'Completed', blobPath: 'photos/b (1).jpg', filePath: '\\b.jpg', length: 100, disposition: { value: 'rename', status: 'Renamed' }, rangeKind: 'block', ranges: [{ offset: 0, length: 100, status: 'Completed' }] },
    { status: 'Completed', blobPath: 'photos/c.jpg', filePath: '\\c.jpg', length: 100, disposition: { value: 'no-overwrite', status: 'Skipped' } },
    { status: 'CompletedWithErrors', blobPath: 'photos/d.jpg', filePath: '\\d.jpg', length: 200, disposition: { value: 'overwrite', status: 'Overwritten' }, rangeKind: 'block', ranges: [{ offset: 0, length: 100, status: 'Completed' }, { offset: 100, length: 100, status: 'FileUnexpectedEnd' }] },
    { status: 'CompletedWithErrors', blobPath: 'photos/e.jpg', filePath: '\\e.jpg', length: 100, disposition: { value: 'no-overwrite', status: 'Skipped' }, rangeKind: 'block', ranges: [{ offset: 0, length: 100, status: 'Uncommitted' }] },
  ];
  const file = join(tmp, 'import.xml');
  await writeChunks(file, classicLog({ driveId: 'IMP1', status: 'CompletedWithErrors', blobs }));
  const manifest = join(tmp, 'import.manifest');
  await writeFile(
    manifest,
    `<?xml version="1.0" encoding="UTF-8"?>\r\n<DriveManifest Version="2014-11-01"><Drive><DriveId>imp1</DriveId><BlobList>` +
      ['a', 'b', 'c', 'd', 'e'].map((x, i) => `<Blob><BlobPath>photos/${x}.jpg</BlobPath><FilePath>\\${x}.jpg</FilePath><Length>${i === 3 ? 200 : 100}</Length><BlockList><Block Offset="0" Length="${i === 3 ? 200 : 100}" Hash="${H('C')}" /></BlockList></Blob>`).join('') +
      `</BlobList></Drive></DriveManifest>\r\n`,
  );
  const m = await reviewCopyLog(file, { manifestPath: manifest, lang: 'nl' });
  assert.equal(m.lang, 'nl');
  assert.deepEqual([m.jobKind.kind, m.jobKind.basis], ['import', 'importDisposition']);
  assert.match(m.jobKind.reason, /^Importlog: 5 blob\(s\) hebben een ImportDisposition/);
  assert.deepEqual(m.counts.disposition, { Created: 1, Renamed: 1, Skipped: 2, Overwritten: 1 });
  assert.deepEqual(
    m.dispositions.map((d) => [d.filePath, d.status, d.requested, d.blobPath, d.originalBlobPath]),
    [
      ['\\b.jpg', 'Renamed', 'rename', 'photos/b (1).jpg', 'photos/b.jpg'],
      ['\\c.jpg', 'Skipped', 'no-overwrite', 'photos/c.jpg', undefined],
      ['\\d.jpg', 'Overwritten', 'overwrite', 'photos/d.jpg', undefined],
      ['\\e.jpg', 'Skipped', 'no-overwrite', 'photos/e.jpg', undefined],
    ],
  );
  assert.deepEqual(m.manifest?.driveIdMatches, true, 'DriveIds compare case-insensitively');
  const d = byFile(m, '\\d.jpg');
  assert.deepEqual([d.repairable, d.command, d.inManifest], [true, 'RepairImport', true]);
  assert.match(d.why, /^RepairImport uploadt het mislukte bereik opnieuw/);
  const e = byFile(m, '\\e.jpg');
  assert.deepEqual([e.repairable, e.command], [false, undefined]);
  assert.match(e.why, /no-overwrite/);
  assert.deepEqual([m.repair.repairable, m.repair.noRepairNeeded], [1, 1]);
  assert.match(m.drive.title, /Schijf verwerkt met fouten/);
  assert.equal(m.jobKind.evidence.importStatusCodes, 2);
});

test('job kind from status codes alone, and unknown when there is no sign of either', async () => {
  const committed = join(tmp, 'committed.xml');
  await writeChunks(committed, classicLog({ version: '2014-11-01', driveId: 'K1', status: 'CompletedWithErrors', blobs: [{ status: 'CompletedWithErrors', blobPath: 'c/x', filePath: '\\x', length: 10, rangeKind: 'block', ranges: [{ offset: 0, length: 10, status: 'Committed' }] }] }));
  const a = await reviewCopyLog(committed);
  assert.deepEqual([a.jobKind.kind, a.jobKind.basis, a.failedBlobs[0]?.command], ['import', 'statusCodes', 'RepairImport']);
  const ended = join(tmp, 'ended.xml');
  await writeChunks(ended, classicLog({ version: '2014-11-01', driveId: 'K2', status: 'CompletedWithErrors', blobs: [{ status: 'CompletedWithErrors', blobPath: 'c/x', filePath: '\\x', length: 10, rangeKind: 'page', ranges: [{ offset: 0, length: 512, status: 'BlobUnexpectedEnd' }] }] }));
  assert.deepEqual((await reviewCopyLog(ended)).jobKind.kind, 'export');
  const plain = join(tmp, 'plain.xml');
  await writeChunks(plain, classicLog({ version: '2014-11-01', driveId: 'K3', status: 'CompletedWithErrors', blobs: [{ status: 'CompletedWithErrors', blobPath: 'c/x', filePath: '\\x', length: 10, rangeKind: 'block', ranges: [{ offset: 0, length: 10, status: 'Failed' }] }] }));
  const u = await reviewCopyLog(plain);
  assert.deepEqual([u.jobKind.kind, u.jobKind.basis, u.repair.command, u.failedBlobs[0]?.command, u.failedBlobs[0]?.repairable], ['unknown', 'none', undefined, undefined, true]);
  assert.match(u.repair.advice, /does not show whether it comes from an export or an import job/);
});

test('generated 2018-10-01 log with File items and a 2021 copy log with Azure Files and container errors', async () => {
  const f2018 = join(tmp, 'dbx.xml');
  await writeChunks(
    f2018,
    classicLog({
      version: '2018-10-01',
      driveId: 'DBX',
      status: 'CompletedWithErrors',
      summary: '  <Summary>\r\n    <CopyErrors>\r\n      <StorageRequestFailed Count="2" />\r\n    </CopyErrors>\r\n  </Summary>\r\n',
      blobs: [
        { status: 'StorageRequestFailed', blobPath: 'c/blob.bin', filePath: '\\BlockBlob\\c\\blob.bin', sizeInBytes: 1000, rangeKind: 'block', ranges: [{ offset: 0, length: 1000, status: 'Failed' }] },
        { element: 'File', status: 'StorageRequestFailed', blobPath: 'share/f.txt', filePath: '\\AzureFile\\share\\f.txt', sizeInBytes: 10, rangeKind: 'file', ranges: [{ offset: 0, length: 10, status: 'Failed' }] },
      ],
    }),
  );
  const m = await reviewCopyLog(f2018);
  assert.deepEqual([m.version, m.jobKind.kind, m.jobKind.basis], ['2018-10-01', 'import', 'dataBox2018']);
  assert.deepEqual(m.failedBlobs.map((f) => [f.kind, f.repairable, f.command ?? null]), [['blob', true, 'RepairImport'], ['file', false, null]]);
  assert.match(m.failedBlobs[1]!.why, /Azure Files/);
  assert.deepEqual(m.summaryCodes, [{ group: 'CopyErrors', code: 'StorageRequestFailed', count: 2 }]);

  const f2021 = join(tmp, 'c2021.xml');
  await writeChunks(
    f2021,
    copyLog2021({
      driveId: 'GUID-1',
      status: 'CompletedWithErrors',
      total: 50,
      entities: [
        { cloudFormat: 'BlockBlob', path: 'c/a.bin', category: 'UploadErrorCloudHttp', errorCode: '409', errorMessage: 'Conflict', type: 'File' },
        { cloudFormat: 'AzureFile', path: 'share/b.txt', category: 'UploadErrorCloudHttp', errorCode: '500', errorMessage: 'Server', type: 'File' },
        { path: 'Bad_Container', category: 'ContainerNameInvalid', errorCode: '2', errorMessage: 'invalid', type: 'Container' },
      ],
    }),
  );
  const c = await reviewCopyLog(f2021);
  assert.deepEqual(c.failedBlobs.map((f) => [f.filePath, f.repairable]), [['\\c\\a.bin', true], ['\\share\\b.txt', false], ['\\Bad_Container', false]]);
  assert.deepEqual([c.repair.repairable, c.repair.notRepairable], [1, 2]);
  assert.deepEqual(c.counts.entityCategory, { UploadErrorCloudHttp: 2, ContainerNameInvalid: 1 });
  const v = join(tmp, 'v2021.xml');
  await writeChunks(v, verboseLog2021([{ cloudFormat: 'BlockBlob', path: 'c/a.bin', size: 5, crc64: '1' }, { cloudFormat: 'PageBlob', path: 'c/b.vhd', size: 512, crc64: '2' }]));
  const vm = await reviewCopyLog(v);
  assert.deepEqual([vm.totals.items, vm.totals.bytes, vm.failedBlobCount], [2, 517, 0]);
});

test('a 200 000-blob verbose log is streamed: exact counts, capped lists, bounded model, failures reported before the end', async () => {
  const N = 200_000;
  const file = join(tmp, 'big.xml');
  function* blobs(): Generator<GenBlob> {
    for (let i = 0; i < N; i++) {
      const fail = i % 100 === 42;
      if (i === 77) {
        // One file with 300 failed blocks: more than the ranges listed per failure and more than the strip's segments.
        const ranges = Array.from({ length: 600 }, (_, k) => ({ offset: k * 1024, length: 1024, status: k % 2 ? 'Completed' : k % 4 ? 'IOFailed' : 'Corrupted' }));
        yield { status: 'CompletedWithErrors', blobPath: `c/${i}`, filePath: `\\d\\${i}.bin`, length: 600 * 1024, lastModified: 'x', rangeKind: 'block', ranges };
        continue;
      }
      yield { status: fail ? 'CompletedWithErrors' : 'Completed', blobPath: `c/${i}`, filePath: `\\d\\${i}.bin`, length: 2048, lastModified: 'x', rangeKind: 'block', ranges: [{ offset: 0, length: 1024, status: 'Completed' }, { offset: 1024, length: 1024, status: fail ? 'Corrupted' : 'Completed' }] };
    }
  }
  const size = await writeChunks(file, classicLog({ version: '2014-11-01', driveId: 'BIG', status: 'CompletedWithErrors', blobs: blobs() }));
  assert.equal((await stat(file)).size, size);
  assert.ok(size > 50 * 1024 * 1024, `the log is large (${size} bytes)`);
  let bytesRead = 0;
  let progressCalls = 0;
  let firstFailureAt: number | undefined;
  let failures = 0;
  const m = await reviewCopyLog(file, {
    onProgress: (b) => {
      bytesRead = b;
      progressCalls++;
    },
    onFailure: () => {
      failures++;
      firstFailureAt ??= bytesRead;
    },
  });
  const failing = N / 100 + 1;
  assert.equal(m.blobCount, N);
  assert.equal(m.failedBlobCount, failing);
  assert.equal(failures, failing, 'every failure is reported, not only the listed ones');
  assert.ok(firstFailureAt !== undefined && firstFailureAt < size / 10, `the first failure came after ${firstFailureAt} of ${size} bytes: the log is read as a stream`);
  assert.ok(progressCalls > 100);
  assert.equal(m.failedBlobs.length, 1000);
  assert.equal(m.failuresNotListed, failing - 1000);
  assert.ok(m.notes.some((n) => n.includes(`Only the first 1,000 of ${failing.toLocaleString('en-US')} failed items`)));
  assert.deepEqual(m.counts.range, { Completed: 2 * N - failing + 1 + 300 - 2, Corrupted: N / 100 + 150, IOFailed: 150 });
  assert.equal(m.totals.ranges, 2 * N - 2 + 600);
  const many = byFile(m, '\\d\\77.bin');
  assert.equal(many.failedRangeCount, 300);
  assert.equal(many.failedRanges.length, 100, 'ranges listed per failure are capped');
  assert.ok(many.strip?.binned && many.strip.segments.length <= 200, '300 runs are more than the 200 segments of a strip: binned');
  assert.ok(many.strip.segments.every((s) => s.status === 'IOFailed' || s.status === 'Corrupted'));
  const json = JSON.stringify(m);
  assert.ok(json.length < 2 * 1024 * 1024, `the model stays small (${json.length} characters for a ${size}-byte log)`);
  // The CSV still has every failed component (second streaming pass).
  const rows = await saveReview(m, 'csv', join(tmp, 'big.csv'));
  assert.equal(rows, N / 100 + 300);
  // With room for 400 segments the strip is exact: 300 separate runs at their offsets.
  const exact = await reviewCopyLog(file, { limits: { failures: 5, stripSegments: 400 } });
  const e77 = exact.failedBlobs.find((f) => f.filePath === '\\d\\77.bin')!;
  assert.equal(e77.strip?.binned, false);
  assert.equal(e77.strip?.segments.length, 300);
  assert.deepEqual(e77.strip?.segments[1], { start: 2048, end: 3072, status: 'IOFailed', severity: 'error' });
  assert.equal(exact.failedBlobs.length, 5);
});

test('bad input: a malformed log names file, line and column; a missing log is FILE_READ', async () => {
  const bad = join(tmp, 'bad.xml');
  await writeFile(bad, '<DriveLog>\n  <DriveId>X</DriveId>\n  <Blob>\n');
  await assert.rejects(reviewCopyLog(bad), (e: unknown) => e instanceof WaieError && e.info.code === 'XML_PARSE' && e.info.file === bad && typeof e.info.line === 'number');
  await assert.rejects(reviewCopyLog(join(tmp, 'nope.xml')), (e: unknown) => e instanceof WaieError && e.info.code === 'FILE_READ');
});

test('HTML: one self-contained document with the CSP, no script, unique ids, escaped log text', async () => {
  const file = join(tmp, 'inject.xml');
  await writeChunks(file, classicLog({ version: '2014-11-01', driveId: 'X"<script>', status: 'CompletedWithErrors', blobs: [{ status: 'CompletedWithErrors', blobPath: 'c/<img src=x onerror=alert(1)>', filePath: '\\<b>bold</b>.bin', length: 100, lastModified: 'x', rangeKind: 'block', ranges: [{ offset: 0, length: 100, status: 'Failed' }] }] }));
  const m = await reviewCopyLog(file);
  const html = reviewHtml(m);
  assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${REVIEW_REPORT_CSP}">`));
  assert.equal(REVIEW_REPORT_CSP, "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
  assert.doesNotMatch(html, /<script|<img|<b>bold/i, 'log text is never markup');
  assert.match(html, /&lt;b&gt;bold&lt;\/b&gt;/);
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((x) => x[1]);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, 'no external resource');
});

test('hostile logs stay bounded: at most 256 distinct codes per table, the rest counted as (other)', async () => {
  const file = join(tmp, 'codes.xml');
  const blobs = Array.from({ length: 300 }, (_, i): GenBlob => ({ status: `Weird${i}`, blobPath: `c/${i}`, filePath: `\\${i}`, length: 1, lastModified: 'x' }));
  await writeChunks(file, classicLog({ version: '2014-11-01', driveId: 'H', status: 'CompletedWithErrors', blobs }));
  const m = await reviewCopyLog(file, { limits: { failures: 10 } });
  assert.equal(Object.keys(m.counts.blob).length, 257);
  assert.equal(m.counts.blob['(other)'], 300 - 256);
  assert.equal(Object.values(m.counts.blob).reduce((a, b) => a + b, 0), 300, 'every blob still counted');
  assert.equal(m.failedBlobs.length, 10);
  assert.ok(m.failedBlobs.every((f) => f.repairable && f.severity === 'warning'), 'unknown codes: a retry is offered');
});
