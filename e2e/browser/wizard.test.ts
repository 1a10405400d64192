/**
 * The wizard end to end in a real Chromium, through the real browser host, against a real Azurite and
 * a generated damaged export drive (not the demo's): a first-time user's walk from Start to Report by
 * role and accessible name; the sample job from the Start page; cancel mid-repair leaving a resumable
 * repair file; every step screenshotted at 1280×800 in English and Dutch (e2e/screenshots/).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { browserSkipReason, startHarness, type Harness } from './harness.ts';
import { compareDirs } from '../../src-main/demo/sample-job.ts';
import { startFaultProxy } from '../../src-main/testing/fault-proxy.ts';

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

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

async function expectIdle(): Promise<void> {
  for (let i = 0; i < 50 && h.services.engine.state().status !== 'idle'; i++) await new Promise((r) => setTimeout(r, 100));
  assert.equal(h.services.engine.state().status, 'idle');
}

const next = (page: Page) => page.getByRole('button', { name: 'Next', exact: true }).click();

test('a first-time user repairs a damaged export drive from Start to Report', { skip }, async () => {
  const job = await h.newJob('alternate');
  const page = await h.openPage('en-US');
  const errors = collectErrors(page);
  await page.getByRole('radiogroup', { name: 'What do you want to do?' }).waitFor();
  await shot(page, 'en-1-start');
  await page.getByRole('radio', { name: /Repair an export drive/ }).check();
  await next(page);

  await page.getByRole('radio', { name: /Use a folder instead/ }).check();
  await page.getByRole('textbox', { name: 'Folder to repair' }).fill(job.driveDir);
  await shot(page, 'en-2-drive');
  await next(page);

  await page.getByRole('textbox', { name: 'Copy log' }).fill(job.copyLogFile);
  // The manifest on the drive root is found by itself.
  await page.getByRole('textbox', { name: /Drive manifest/ }).and(page.locator(`[value$="${job.driveId}.manifest"]`)).waitFor();
  await page.getByRole('heading', { name: 'What the copy log says' }).waitFor();
  await shot(page, 'en-3-copy-log');
  await next(page);

  await page.getByRole('textbox', { name: 'Storage account name' }).fill(h.azurite.accountName);
  await page.locator('input[type=password]').fill(h.azurite.accountKey);
  await page.getByRole('button', { name: 'Advanced: blob endpoint' }).click();
  await page.getByRole('textbox', { name: /Blob endpoint/ }).fill(h.azurite.endpoint);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await page.getByText(/Connected: the blobs can be read/).waitFor();
  await shot(page, 'en-4-storage');
  await next(page);

  await page.getByRole('heading', { name: 'What will be repaired' }).waitFor();
  await shot(page, 'en-5-plan');
  await page.getByRole('button', { name: 'Start repair' }).click();
  await page.getByRole('button', { name: 'See the report' }).waitFor({ timeout: 60_000 });
  await shot(page, 'en-6-repair');
  await page.getByRole('button', { name: 'See the report' }).click();
  await page.getByRole('heading', { name: 'What was done' }).waitFor();
  await shot(page, 'en-7-report');

  assert.deepEqual(await compareDirs(job.driveDir, job.pristineDir), []);
  const state = h.services.engine.state();
  assert.equal(state.status, 'done');
  assert.equal(state.status === 'done' && state.result.exitCode, 0);
  assert.deepEqual(errors, []);
  const logs = await readFile(state.status === 'done' ? state.result.verboseLogFile : '', 'utf8');
  assert.ok(!logs.includes(h.azurite.accountKey));
  // Start over: back at the beginning, and a new window starts there too.
  await page.getByRole('button', { name: 'Start over' }).click();
  await page.getByRole('radiogroup', { name: 'What do you want to do?' }).waitFor();
  await expectIdle();
  await page.context().close();
});

test('the sample job runs from the Start page (Dutch), and the report is shown', { skip }, async () => {
  h.services.engine.reset();
  const page = await h.openPage('nl-NL');
  const errors = collectErrors(page);
  await page.getByRole('radiogroup', { name: 'Wat wilt u doen?' }).waitFor();
  await shot(page, 'nl-1-start');
  await page.getByRole('button', { name: /voorbeeld/i }).click();
  await page.getByRole('button', { name: 'Herstel starten' }).waitFor({ timeout: 60_000 });
  await shot(page, 'nl-5-plan');
  await page.getByRole('button', { name: 'Herstel starten' }).click();
  await page.getByRole('button', { name: 'Naar het rapport' }).waitFor({ timeout: 60_000 });
  await shot(page, 'nl-6-repair');
  await page.getByRole('button', { name: 'Naar het rapport' }).click();
  await shot(page, 'nl-7-report');
  const state = h.services.engine.state();
  assert.equal(state.status, 'done');
  assert.equal(state.status === 'done' && state.result.exitCode, 0);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('cancel mid-repair leaves a resumable repair file', { skip }, async () => {
  const job = await h.newJob('demo');
  h.services.engine.reset();
  const proxy = await startFaultProxy(h.azurite.endpoint, ({ method }) => (method === 'GET' ? { kind: 'delay', ms: 400 } : { kind: 'pass' }));
  try {
    const page = await h.openPage('en-US');
    await page.getByRole('radio', { name: /Repair an export drive/ }).check();
    await next(page);
    await page.getByRole('radio', { name: /Use a folder instead/ }).check();
    await page.getByRole('textbox', { name: 'Folder to repair' }).fill(job.driveDir);
    await next(page);
    await page.getByRole('textbox', { name: 'Copy log' }).fill(job.copyLogFile);
    await page.getByRole('heading', { name: 'What the copy log says' }).waitFor();
    await next(page);
    await page.getByRole('textbox', { name: 'Storage account name' }).fill(h.azurite.accountName);
    await page.locator('input[type=password]').fill(h.azurite.accountKey);
    await page.getByRole('button', { name: 'Advanced: blob endpoint' }).click();
    await page.getByRole('textbox', { name: /Blob endpoint/ }).fill(proxy.endpoint);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText(/Connected: the blobs can be read/).waitFor();
    await next(page);
    const repairFile = await page.getByRole('textbox', { name: 'Repair file' }).inputValue();
    await page.getByRole('button', { name: 'Start repair' }).click();
    // Cancel once downloads are under way (the repair file exists and bytes are moving).
    for (let i = 0; i < 100; i++) {
      const st = h.services.engine.state();
      if (st.status === 'running' && (st.progress?.bytesDownloaded ?? 0) > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await page.getByRole('button', { name: 'Cancel repair…' }).click();
    await page.getByRole('button', { name: 'Cancel the repair' }).click();
    await page.getByText('The repair was cancelled', { exact: true }).waitFor({ timeout: 30_000 });
    await shot(page, 'en-6b-cancelled');
    assert.equal(h.services.engine.state().status, 'cancelled');
    const rep = await readFile(repairFile, 'utf8');
    assert.match(rep.split('\n')[0]!, /"format":"waie-repair-file"/);
    // Resume through the engine host with the same repair file: it finishes the drive.
    const end = await h.services.engine.run({ kind: 'RepairExport', request: { repairFile, targetDir: job.driveDir, copyLogFile: job.copyLogFile, manifestFile: job.manifestFile, logDir: join(h.tmp, 'resume-logs'), credentials: { accountName: h.azurite.accountName, accountKey: h.azurite.accountKey, blobEndpoint: h.azurite.endpoint } } });
    assert.equal(end.type, 'done');
    assert.deepEqual(await compareDirs(job.driveDir, job.pristineDir), []);
    await page.context().close();
  } finally {
    await proxy.close();
  }
});
