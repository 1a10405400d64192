/**
 * The wizard's "Repair an import job", "Review a copy log", "Where is my job?" and "Find in storage
 * account", end to end in a real Chromium through the real browser host and services, against a real
 * Azurite (the harness of wizard.test.ts):
 * (a) the sample damaged import job (src-main/demo/sample-import-job.ts) repaired through the wizard, the
 *     ambiguous original chosen in the report's path-map list and the edited one replaced by its
 *     unchanged copy; afterwards every blob equals its original, block lists in the original order;
 * (b) a copy log reviewed from the Start page: charts visible, the HTML saved, "Repair with …";
 * (c) "Find in storage account" with logs laid out as the service lays them out: a copy log for the
 *     import, and the manifest backup of an export drive whose manifest is missing.
 * Every new step is screenshotted at 1280×800 in English and Dutch (e2e/screenshots/).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { browserSkipReason, startHarness, type Harness } from './harness.ts';
import { buildSampleImportJob, type SampleImportJob } from '../../src-main/demo/sample-import-job.ts';
import { blobServiceClientFor } from '../../src-main/testing/azurite.ts';

const SHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
const skip = await browserSkipReason();
let h: Harness;

before(async () => {
  if (skip) return;
  h = await startHarness();
  await mkdir(SHOTS, { recursive: true });
});
after(async () => {
  await h?.close();
});

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

/**
 * Switches the wizard's language from the header menu (`system`: back to following the browser's
 * language, `expect` being what that is) and waits until the page speaks it. The choice is kept in the
 * host's settings, so a test that switches goes back to `system` before it ends.
 */
async function setLanguage(page: Page, lang: 'en' | 'nl' | 'system', expect: 'en' | 'nl' = lang === 'nl' ? 'nl' : 'en'): Promise<void> {
  await page.getByRole('button', { name: /^(Language|Taal): / }).click();
  await page.getByRole('menuitemradio', { name: lang === 'nl' ? 'Nederlands' : lang === 'en' ? 'English' : /^(System language|Systeemtaal)$/ }).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, expect);
  // Let React paint the new texts and the menu close.
  await page.getByRole('menu').waitFor({ state: 'hidden' });
}

/**
 * Screenshots an English page as `en-<name>`, then in Dutch as `nl-<name>` (after `inDutch`, e.g. waiting
 * for a Dutch text), and goes back to the system language (English).
 */
async function shotBoth(page: Page, name: string, inDutch?: () => Promise<void>): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `en-${name}.png`) });
  await setLanguage(page, 'nl');
  await inDutch?.();
  await page.screenshot({ path: join(SHOTS, `nl-${name}.png`) });
  await setLanguage(page, 'system', 'en');
}

/**
 * Scrolls `target` into view. A language switch re-renders the diagrams, and Playwright's
 * scrollIntoViewIfNeeded throws (does not wait) when the element it found is replaced meanwhile: try again.
 */
async function scrollTo(target: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await target.scrollIntoViewIfNeeded({ timeout: 5000 });
      return;
    } catch (err) {
      if (attempt >= 5 || !/not attached/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function expectIdle(): Promise<void> {
  for (let i = 0; i < 100 && h.services.engine.state().status === 'running'; i++) await new Promise((r) => setTimeout(r, 100));
  h.services.engine.reset();
}

const next = (page: Page) => page.getByRole('button', { name: 'Next', exact: true }).click();

let imports = 0;
function newImportJob(): Promise<SampleImportJob> {
  return buildSampleImportJob({ endpoint: h.azurite.endpoint, accountName: h.azurite.accountName, accountKey: h.azurite.accountKey, root: join(h.tmp, `import${imports++}`) });
}

async function fillStorage(page: Page): Promise<void> {
  await page.getByRole('textbox', { name: 'Storage account name' }).fill(h.azurite.accountName);
  await page.locator('input[type=password]').fill(h.azurite.accountKey);
  await page.getByRole('button', { name: 'Advanced: blob endpoint' }).click();
  await page.getByRole('textbox', { name: /Blob endpoint/ }).fill(h.azurite.endpoint);
  await page.getByRole('button', { name: 'Test connection' }).click();
}

test('(a) a damaged import job repaired through the wizard, the ambiguous and the edited originals chosen in the report', { skip }, async () => {
  await expectIdle();
  const job = await newImportJob();
  const container = blobServiceClientFor(h.azurite).getContainerClient(job.container);
  const untouched = job.blobs.filter((b) => b.expect === 'untouched');
  const etagsBefore = new Map<string, string | undefined>();
  for (const b of untouched) etagsBefore.set(b.blobName, (await container.getBlobClient(b.blobName).getProperties()).etag);

  const page = await h.openPage('en-US');
  const errors = collectErrors(page);
  await page.getByRole('radiogroup', { name: 'What do you want to do?' }).waitFor();
  await page.getByRole('radio', { name: /Repair an import job/ }).check();
  await shotBoth(page, 'import-1-start');
  await next(page);

  // Source folders: the import drive and a backup holding some of the same files.
  await page.getByRole('heading', { name: 'Source folders', level: 2 }).waitFor();
  await page.getByRole('textbox', { name: 'Folder 1' }).fill(job.sourceDirs[0]!);
  await page.getByRole('button', { name: 'Add a folder' }).click();
  await page.getByRole('textbox', { name: 'Folder 2' }).fill(job.sourceDirs[1]!);
  await shotBoth(page, 'import-2-sources');
  await next(page);

  await page.getByRole('textbox', { name: 'Copy log' }).fill(job.copyLogFile);
  await page.getByRole('heading', { name: 'What the copy log says' }).waitFor();
  assert.equal(await page.getByRole('textbox', { name: /Drive manifest/ }).count(), 0, 'an import has no manifest');
  await page.getByText(/to upload again/).waitFor();
  await shotBoth(page, 'import-3-copy-log');
  await next(page);

  await fillStorage(page);
  await page.getByText(/blobs can be read|of \d+ blobs can be read/).first().waitFor();
  await next(page);

  // The plan: what will be uploaded, and the ambiguous file found before anything is uploaded.
  await page.getByRole('heading', { name: 'What will be uploaded' }).waitFor();
  await page.getByText('1 original file cannot be used yet').waitFor();
  await shotBoth(page, 'import-4-plan');
  await page.getByRole('button', { name: 'Start repair' }).click();
  await page.getByTestId('progress-line').filter({ hasText: /^Finished/ }).waitFor({ timeout: 60_000 });
  const line = (await page.getByTestId('progress-line').textContent()) ?? '';
  assert.doesNotMatch(line, /downloaded/, line);
  if (line.includes('·')) assert.match(line, /uploaded/, line);
  await shotBoth(page, 'import-5-repair');
  await page.getByRole('button', { name: 'See the report' }).click();

  // The report lists the originals to choose, in place.
  await page.getByRole('heading', { name: 'Choose the original files (2)' }).waitFor();
  const state1 = h.services.engine.state();
  assert.ok(state1.status === 'done' && state1.result.exitCode === 1);
  await page.getByRole('radiogroup', { name: `Which file is the original of ${job.ambiguous.drivePath}?` }).getByRole('radio', { name: job.ambiguous.candidates[1]! }).check();
  await page.getByRole('textbox', { name: `An unchanged copy of ${job.changedPath}` }).fill(job.changedOriginal);
  await page.getByText('2 of 2 chosen').waitFor();
  await shotBoth(page, 'import-6-report-choose');
  await page.getByRole('button', { name: 'Save choices and repair again' }).click();
  await page.getByRole('heading', { name: 'Repair', level: 2 }).waitFor();
  await page.getByTestId('progress-line').filter({ hasText: /^Finished/ }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'See the report' }).click();
  await page.getByText('Every failed part is repaired and checked.').waitFor();
  assert.equal(await page.getByRole('heading', { name: /Choose the original/ }).count(), 0);
  await shotBoth(page, 'import-7-report-done');

  const state2 = h.services.engine.state();
  assert.ok(state2.status === 'done', JSON.stringify(state2));
  assert.equal(state2.result.exitCode, 0, JSON.stringify(state2.result.failures));
  assert.ok(state2.result.resumed > 0, 'the second run resumed the first');
  // The path map file holds the choices.
  const map = await readFile(state2.result.pathMap!.file, 'utf8');
  assert.ok(map.includes(`${job.ambiguous.drivePath}\t${job.ambiguous.candidates[1]}`), map);
  assert.ok(map.includes(`${job.changedPath}\t${job.changedOriginal}`), map);
  // Every blob equals its original, block lists in the original order; the others are untouched.
  for (const b of job.blobs.filter((x) => x.expect !== 'untouched')) {
    const data = await container.getBlobClient(b.blobName).downloadToBuffer();
    assert.ok(data.equals(await readFile(b.original!)), `${b.blobPath} equals its original`);
    if (b.blockIds) assert.deepEqual((await container.getBlockBlobClient(b.blobName).getBlockList('committed')).committedBlocks?.map((x) => x.name), b.blockIds, `${b.blobPath}: block list`);
  }
  for (const b of untouched) assert.equal((await container.getBlobClient(b.blobName).getProperties()).etag, etagsBefore.get(b.blobName), `${b.blobPath} untouched`);
  const logs = await readFile(state2.result.verboseLogFile, 'utf8');
  assert.ok(!logs.includes(h.azurite.accountKey));
  assert.deepEqual(errors, []);
  await page.getByRole('button', { name: 'Start over' }).click();
  await page.getByRole('radiogroup', { name: 'What do you want to do?' }).waitFor();
  await page.context().close();
  await expectIdle();
});

test('(b) a copy log reviewed from the Start page: charts, failures, the HTML saved; and where the job is', { skip }, async () => {
  await expectIdle();
  const job = await h.newJob('alternate');
  const page = await h.openPage('en-US');
  const errors = collectErrors(page);
  await page.getByRole('radio', { name: /Review a copy log/ }).check();
  await next(page);
  await page.getByRole('textbox', { name: 'Copy log' }).fill(job.copyLogFile);
  await page.getByRole('textbox', { name: 'Drive manifest (optional)' }).fill(job.manifestFile);
  await page.getByRole('heading', { name: 'What the copy log says' }).waitFor();
  await next(page);

  await page.getByRole('heading', { name: 'The drive', level: 3 }).waitFor();
  // The charts are inline SVGs, visible, with their numbers in their accessible names.
  const blobChart = page.getByTestId('chart-rv-blob').getByRole('img');
  await blobChart.waitFor();
  assert.ok(await blobChart.isVisible());
  assert.match((await blobChart.getAttribute('aria-label')) ?? '', /^Blobs per status: \w+ \d+/);
  const box = await blobChart.boundingBox();
  assert.ok(box && box.width > 200 && box.height > 20, JSON.stringify(box));
  assert.ok(await page.getByTestId('chart-rv-range').getByRole('img').isVisible());
  assert.ok((await page.getByTestId('review-failure').count()) > 0);
  assert.match((await page.getByTestId('bytes-affected').textContent()) ?? '', /\d/);
  await page.screenshot({ path: join(SHOTS, 'en-review-1.png') });
  await setLanguage(page, 'nl');
  await page.getByRole('heading', { name: 'De schijf', level: 3 }).waitFor();
  await page.screenshot({ path: join(SHOTS, 'nl-review-1.png') });
  await setLanguage(page, 'system', 'en');
  await page.getByRole('heading', { name: 'The drive', level: 3 }).waitFor();

  // Save as HTML next to the copy log.
  await page.getByRole('button', { name: 'Save as HTML' }).click();
  const saved = page.getByText(/^Saved to /);
  await saved.waitFor();
  const path = ((await saved.textContent()) ?? '').replace(/^Saved to /, '');
  assert.ok(path.endsWith('_review.html'), path);
  const html = await readFile(path, 'utf8');
  assert.match(html, /<svg[^>]+role="img"/);
  assert.ok((await stat(path)).size > 1000);

  // Where the job is: the drive's state from the log, the job's chosen.
  const panel = page.getByRole('region', { name: 'Where the job is' });
  await panel.getByRole('combobox', { name: 'Job state' }).selectOption('Completed');
  assert.equal(await page.getByTestId('job-lifecycle').locator('g.state[data-current="true"]').getAttribute('data-state'), 'Completed');
  assert.ok(['Completed', 'CompletedMoreInfo'].includes((await page.getByTestId('drive-lifecycle').locator('g.state[data-current="true"]').getAttribute('data-state')) ?? ''));
  await scrollTo(panel);
  await scrollTo(page.getByTestId('job-lifecycle'));
  await shotBoth(page, 'review-2-lifecycle', async () => {
    await page.getByRole('heading', { name: 'Waar de taak is' }).waitFor();
    await scrollTo(page.getByTestId('job-lifecycle'));
  });

  // "Repair with RepairExport": the export repair, with the copy log and manifest filled in.
  await page.getByRole('button', { name: 'Repair with RepairExport', exact: true }).click();
  await page.getByRole('heading', { name: 'Drive', level: 2 }).waitFor();
  await page.getByRole('radio', { name: /Use a folder instead/ }).check();
  await page.getByRole('textbox', { name: 'Folder to repair' }).fill(job.driveDir);
  await next(page);
  assert.equal(await page.getByRole('textbox', { name: 'Copy log' }).inputValue(), job.copyLogFile);
  assert.equal(await page.getByRole('textbox', { name: /Drive manifest/ }).inputValue(), job.manifestFile);
  assert.deepEqual(errors, []);
  await page.context().close();

  // "Where is my job?" from the Start page, in Dutch.
  const nl = await h.openPage('nl-NL');
  const nlErrors = collectErrors(nl);
  await nl.getByRole('button', { name: 'Waar is mijn taak?' }).click();
  await nl.getByRole('combobox', { name: 'Status van de taak' }).selectOption('Transferring');
  await nl.getByRole('combobox', { name: 'Status van de schijf' }).selectOption('Transferring');
  await nl.getByText('De taak is Transferring').waitFor();
  assert.equal(await nl.getByTestId('drive-lifecycle').locator('g.state[data-current="true"]').getAttribute('data-state'), 'Transferring');
  await nl.screenshot({ path: join(SHOTS, 'nl-status.png') });
  await setLanguage(nl, 'en');
  await nl.getByText('The job is Transferring').waitFor();
  await nl.screenshot({ path: join(SHOTS, 'en-status.png') });
  await setLanguage(nl, 'system', 'nl');
  assert.deepEqual(nlErrors, []);
  await nl.context().close();
});

test('(c) “Find in storage account”: the import’s copy log, and an export drive’s manifest backup, laid out as the service lays them out', { skip }, async () => {
  await expectIdle();
  const job = await newImportJob();
  const svc = blobServiceClientFor(h.azurite);
  const logs = svc.getContainerClient('waimportexport');
  await logs.createIfNotExists();
  const put = async (name: string, file: string): Promise<void> => {
    const data = await readFile(file);
    await logs.getBlockBlobClient(name).upload(data, data.length);
  };
  // Two runs' error logs of the import drive (the newer one is the real log), and another job's log.
  await put(`waies/photoimport_${job.driveId}_20240601-080000-000_error.xml`, job.copyLogFile);
  await put(`waies/photoimport_${job.driveId}_20240607-101500-000_error.xml`, job.copyLogFile);
  await put('waies/otherjob_9WM35C3U_20230101-000000-000_verbose.xml', job.copyLogFile);

  const page = await h.openPage('en-US');
  const errors = collectErrors(page);
  await page.getByRole('radio', { name: /Repair an import job/ }).check();
  await next(page);
  await page.getByRole('textbox', { name: 'Folder 1' }).fill(job.sourceDirs[0]!);
  await next(page);
  // The dialog in Dutch first (the header's language menu is behind the dialog while it is open).
  await setLanguage(page, 'nl');
  await page.getByRole('button', { name: 'Zoeken in opslagaccount…' }).click();
  const nlDialog = page.getByRole('dialog');
  await nlDialog.getByRole('textbox', { name: 'Naam van het opslagaccount' }).fill(h.azurite.accountName);
  await nlDialog.locator('input[type=password]').fill(h.azurite.accountKey);
  await nlDialog.getByRole('button', { name: 'Meer opties: logpaden en eindpunt' }).click();
  await nlDialog.getByRole('textbox', { name: /Blob-eindpunt/ }).fill(h.azurite.endpoint);
  await nlDialog.getByRole('button', { name: 'Zoeken', exact: true }).click();
  await nlDialog.getByRole('group', { name: `Taak photoimport, schijf ${job.driveId}` }).waitFor();
  await page.screenshot({ path: join(SHOTS, 'nl-find-1-dialog.png') });
  await nlDialog.getByRole('button', { name: 'Annuleren' }).click();
  await nlDialog.waitFor({ state: 'hidden' });
  await setLanguage(page, 'system', 'en');
  await page.getByRole('button', { name: 'Find in storage account…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Storage account name' }).fill(h.azurite.accountName);
  await dialog.locator('input[type=password]').fill(h.azurite.accountKey);
  await dialog.getByRole('button', { name: 'More options: log paths and endpoint' }).click();
  await dialog.getByRole('textbox', { name: /Blob endpoint/ }).fill(h.azurite.endpoint);
  await dialog.getByRole('button', { name: 'Search' }).click();
  const drive = dialog.getByRole('group', { name: `Job photoimport, drive ${job.driveId}` });
  await drive.waitFor();
  const options = drive.getByRole('radio');
  assert.equal(await options.count(), 2);
  assert.match((await drive.textContent()) ?? '', /Error log, 07\/06\/2024, 10:15:00 UTC.*Error log, 01\/06\/2024, 08:00:00 UTC/s);
  assert.ok(await dialog.getByRole('group', { name: 'Job otherjob, drive 9WM35C3U' }).isVisible());
  await options.first().check();
  const outDir = join(h.tmp, 'fetched-logs');
  await dialog.getByRole('textbox', { name: 'Download to folder' }).fill(outDir);
  await page.screenshot({ path: join(SHOTS, 'en-find-1-dialog.png') });
  await dialog.getByRole('button', { name: 'Download', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  const fetched = join(outDir, `photoimport_${job.driveId}_20240607-101500-000_error.xml`);
  assert.equal(await page.getByRole('textbox', { name: 'Copy log' }).inputValue(), fetched);
  assert.deepEqual(await readFile(fetched), await readFile(job.copyLogFile));
  await page.getByRole('heading', { name: 'What the copy log says' }).waitFor();
  await page.getByText('Downloaded from the storage account and filled in').waitFor();
  await next(page);
  // The Storage step is filled in with the same account.
  assert.equal(await page.getByRole('textbox', { name: 'Storage account name' }).inputValue(), h.azurite.accountName);
  assert.deepEqual(errors, []);
  await page.context().close();

  // An export drive whose manifest is missing: its backup from the storage account (DiagnosticsPath).
  const exp = await h.newJob('alternate');
  await put(`waies/exportjob_${exp.driveId}_20240610-120000-000_manifest.xml`, exp.manifestFile);
  const page2 = await h.openPage('en-US');
  const errors2 = collectErrors(page2);
  await page2.getByRole('radio', { name: /Repair an export drive/ }).check();
  await next(page2);
  await page2.getByRole('radio', { name: /Use a folder instead/ }).check();
  await page2.getByRole('textbox', { name: 'Folder to repair' }).fill(exp.driveDir);
  await next(page2);
  await page2.getByRole('textbox', { name: 'Copy log' }).fill(exp.copyLogFile);
  const manifestField = page2.getByRole('textbox', { name: /Drive manifest/ });
  await manifestField.waitFor();
  await page2.waitForTimeout(500);
  await manifestField.fill(join(exp.driveDir, 'missing.manifest'));
  await page2.getByText('The storage account has a backup of the manifest').waitFor();
  await page2.getByRole('button', { name: 'Get the backup…' }).click();
  const d2 = page2.getByRole('dialog');
  assert.equal(await d2.getByRole('textbox', { name: 'Drive ID (optional)' }).inputValue(), exp.driveId);
  await d2.getByRole('textbox', { name: 'Storage account name' }).fill(h.azurite.accountName);
  await d2.locator('input[type=password]').fill(h.azurite.accountKey);
  await d2.getByRole('button', { name: 'More options: log paths and endpoint' }).click();
  await d2.getByRole('textbox', { name: /Blob endpoint/ }).fill(h.azurite.endpoint);
  await d2.getByRole('button', { name: 'Search' }).click();
  await d2.getByRole('group', { name: `Job exportjob, drive ${exp.driveId}` }).waitFor();
  const backupDir = join(h.tmp, 'fetched-manifest');
  await d2.getByRole('textbox', { name: 'Download to folder' }).fill(backupDir);
  await page2.screenshot({ path: join(SHOTS, 'en-find-2-manifest-backup.png') });
  await d2.getByRole('button', { name: 'Download', exact: true }).click();
  await d2.waitFor({ state: 'hidden' });
  const backup = join(backupDir, `exportjob_${exp.driveId}_20240610-120000-000_manifest.xml`);
  assert.equal(await manifestField.inputValue(), backup);
  assert.deepEqual(await readFile(backup), await readFile(exp.manifestFile));
  await page2.getByText(`Manifest of drive ${exp.driveId}`).waitFor();
  assert.equal(await page2.getByRole('button', { name: 'Next', exact: true }).getAttribute('aria-disabled'), null);
  assert.deepEqual(errors2, []);
  await page2.context().close();
});
