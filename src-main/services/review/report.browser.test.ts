/**
 * The HTML review report and the life-cycle diagrams opened in Debian's Chromium (playwright-core):
 * headings, the inline SVG charts present and rendered with accessible names, no console errors,
 * nothing blocked by the report's CSP, no network request; every life-cycle state drawn with the
 * right state highlighted. Skipped when Chromium is not installed.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DRIVE_STATES, JOB_STATES, driveLifecycleSvg, jobLifecycleSvg } from '../../../src-shared/lifecycle/index.ts';
import { reviewCopyLog, saveReview, REVIEW_REPORT_CSP } from './index.ts';
import { classicLog, writeChunks, type GenBlob } from './test-logs.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skip = await access(CHROMIUM).then(
  () => false,
  () => `Chromium not found at ${CHROMIUM}`,
);

let browser: Browser;
let tmp: string;
before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'waie-report-'));
  if (skip) return;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
});
after(async () => {
  await browser?.close();
  await rm(tmp, { recursive: true, force: true });
});

interface Watched {
  page: Page;
  problems: string[];
  requests: string[];
}

/** Opens `file` and records console errors and warnings, page errors, CSP messages and every request. */
async function open(file: string): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning' || /Content Security Policy|Refused to/i.test(m.text())) problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href);
  await page.waitForLoadState('load');
  return { page, problems, requests };
}

const blobs: GenBlob[] = [
  { status: 'Completed', blobPath: 'm/ok.bin', filePath: '\\m\\ok.bin', length: 4096, lastModified: 'x', rangeKind: 'block', ranges: [{ offset: 0, length: 4096, status: 'Completed' }] },
  { status: 'CompletedWithErrors', blobPath: 'm/a.bin', filePath: '\\m\\a.bin', length: 16384, lastModified: 'x', rangeKind: 'block', ranges: [{ offset: 0, length: 4096, status: 'Completed' }, { offset: 4096, length: 4096, status: 'Corrupted' }, { offset: 8192, length: 8192, status: 'Completed' }] },
  { status: 'BlobRequestFailed', blobPath: 'm/b.bin', filePath: '\\m\\b.bin', length: 1000, lastModified: 'x' },
  { status: 'CompletedWithErrors', blobPath: 'v/d.vhd', filePath: '\\v\\d.vhd', length: 1 << 20, snapshot: 's', rangeKind: 'page', ranges: [{ offset: 512, length: 512, status: 'IOFailed' }, { offset: 900_000, length: 1024, status: 'Failed' }], properties: { status: 'Failed' } },
];

test('the HTML report in Chromium: headings, accessible SVG charts, no console errors, nothing blocked by the CSP, no request', { skip }, async () => {
  const log = join(tmp, 'export.xml');
  await writeChunks(log, classicLog({ version: '2014-11-01', driveId: '9WM35C3U', status: 'CompletedWithErrors', blobs }));
  const file = join(tmp, 'report.html');
  await saveReview(await reviewCopyLog(log), 'html', file);
  const { page, problems, requests } = await open(file);
  try {
    assert.equal(await page.locator('h1').textContent(), 'Copy log review — drive 9WM35C3U');
    assert.deepEqual(await page.locator('h2').allTextContents(), ['Drive status', 'Where the drive is', 'Export or import?', 'Repair', 'In numbers', 'Status breakdown', 'Where in each file the failures sit', 'Failed items']);
    assert.equal(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content'), REVIEW_REPORT_CSP);
    // Charts, by their accessible names (computed by Chromium's accessibility tree).
    await assertImg(page, 'Blob status: CompletedWithErrors 2, BlobRequestFailed 1, Completed 1');
    await assertImg(page, 'Block and page range status: Completed 3, Corrupted 1, Failed 1, IOFailed 1');
    await assertImg(page, /^Failures in \\m\\a\.bin: 1 failed run\(s\), 4\.0 KiB of 16\.0 KiB$/);
    await assertImg(page, /^Failures in \\v\\d\.vhd: 2 failed run\(s\)/);
    await assertImg(page, /^Failures in \\m\\b\.bin: 1 failed run\(s\), 1000 B of 1000 B$/);
    await assertImg(page, 'Life cycle of a drive in an Azure Import/Export job (current state: CompletedMoreInfo)');
    // Every SVG is rendered (non-empty box) and named.
    const svgs = await page.locator('svg[role="img"]').evaluateAll((els) => els.map((e) => ({ label: e.getAttribute('aria-label'), w: e.getBoundingClientRect().width, h: e.getBoundingClientRect().height })));
    assert.equal(svgs.length, 6);
    for (const s of svgs) assert.ok(s.label && s.w > 100 && s.h > 20, JSON.stringify(s));
    // The failure strip of a.bin: the red run sits at a quarter of the strip's width.
    const run = await page.locator('svg.strip rect.run[data-status="Corrupted"]').boundingBox();
    const strip = await page.locator('svg.strip').first().boundingBox();
    assert.ok(run && strip);
    assert.ok(Math.abs((run.x - strip.x) / strip.width - 0.25) < 0.02, 'run at offset 4096 of 16384');
    // The repair table says what to do.
    assert.match((await page.locator('table').last().textContent()) ?? '', /RepairExport downloads the whole file again/);
    assert.deepEqual(problems, [], 'no console errors or CSP reports');
    assert.deepEqual(requests, [pathToFileURL(file).href], 'the report loads nothing else');
  } finally {
    await page.context().close();
  }
});

test('the Dutch report of an import log, with its dispositions', { skip }, async () => {
  const log = join(tmp, 'import.xml');
  await writeChunks(
    log,
    classicLog({
      version: '2014-11-01',
      driveId: 'IMP',
      status: 'CompletedWithWarnings',
      blobs: [
        { status: 'Completed', blobPath: 'c/a (1).jpg', filePath: '\\a.jpg', length: 10, disposition: { value: 'rename', status: 'Renamed' } },
        { status: 'Completed', blobPath: 'c/b.jpg', filePath: '\\b.jpg', length: 10, disposition: { value: 'no-overwrite', status: 'Skipped' } },
        { status: 'Completed', blobPath: 'c/c.jpg', filePath: '\\c.jpg', length: 10, disposition: { value: 'overwrite', status: 'Created' } },
      ],
    }),
  );
  const file = join(tmp, 'import.html');
  await saveReview(await reviewCopyLog(log, { lang: 'nl' }), 'html', file);
  const { page, problems } = await open(file);
  try {
    assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
    assert.equal(await page.locator('h1').textContent(), 'Beoordeling van het kopieerlog — schijf IMP');
    assert.deepEqual(await page.locator('h2').allTextContents(), ['Status van de schijf', 'Waar de schijf is', 'Export of import?', 'Herstellen', 'In cijfers', 'Verdeling per status', 'Mislukte items', 'Toegepaste importregels']);
    await assertImg(page, 'Status van de importregel (ImportDisposition): Created 1, Renamed 1, Skipped 1');
    await assertImg(page, /^Levenscyclus van een schijf .*huidige status: CompletedMoreInfo/);
    assert.match((await page.locator('section[aria-labelledby="h-disp"] table').textContent()) ?? '', /c\/a \(1\)\.jpg.*rename.*Renamed/);
    assert.deepEqual(problems, []);
  } finally {
    await page.context().close();
  }
});

async function assertImg(page: Page, name: string | RegExp): Promise<void> {
  const img = page.getByRole('img', { name, exact: typeof name === 'string' });
  assert.equal(await img.count(), 1, `one image named ${String(name)}`);
  assert.ok(await img.isVisible(), `${String(name)} is visible`);
}

test('every life-cycle state drawn in Chromium, the highlighted box being that state', { skip }, async () => {
  const svgs: string[] = [];
  for (const s of JOB_STATES) svgs.push(jobLifecycleSvg(s, { idPrefix: `job-${s}` }));
  for (const s of DRIVE_STATES) svgs.push(driveLifecycleSvg(s, { idPrefix: `drive-${s}`, lang: 'nl' }));
  const file = join(tmp, 'diagrams.html');
  await writeFile(file, `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${REVIEW_REPORT_CSP}"><title>diagrams</title></head><body>${svgs.join('\n')}</body></html>`);
  const { page, problems } = await open(file);
  try {
    for (const [kind, states, word] of [['job', JOB_STATES, 'current state'], ['drive', DRIVE_STATES, 'huidige status']] as const) {
      for (const s of states) {
        const svg = page.getByRole('img', { name: new RegExp(`\\(${word}: ${s}\\)$`) }).and(page.locator(`svg[data-kind="${kind}"]`));
        assert.equal(await svg.count(), 1, `${kind} ${s}`);
        const current = svg.locator('g[data-current="true"]');
        assert.equal(await current.count(), 1);
        assert.equal(await current.getAttribute('data-state'), s);
        const box = await current.locator('rect').boundingBox();
        assert.ok(box && box.width > 50 && box.height > 20, `${kind} ${s}: the highlighted box is drawn`);
        const fill = await current.locator('rect').evaluate((e) => getComputedStyle(e).fill);
        assert.match(fill, s === 'Faulted' ? /rgb\(177, 14, 28\)/ : /rgb\(15, 108, 189\)/);
        const others = await svg.locator('g.state:not([data-current])').locator('rect').evaluateAll((els) => els.map((e) => getComputedStyle(e).strokeWidth));
        assert.ok(others.length === states.length - 1 && others.every((w) => w === '1.5px'), 'no other state highlighted');
      }
    }
    assert.deepEqual(problems, []);
  } finally {
    await page.context().close();
  }
});
