/**
 * The desktop app end to end with Playwright's Electron driver: the same first-time walk as the
 * browser test (sample job from the Start page to the Report), plus the security checklist seen from
 * the page (no Node in the renderer, window.api present, navigation away refused). Runs where an
 * Electron binary exists (`node node_modules/electron/install.js` on an online machine, and a display
 * or Xvfb); skipped here with the reason printed, because the binary cannot be downloaded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron } from 'playwright-core';

const root = fileURLToPath(new URL('../../', import.meta.url));

function electronBinary(): string | undefined {
  const pathTxt = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathTxt)) return undefined;
  const bin = join(root, 'node_modules', 'electron', 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(bin) ? bin : undefined;
}

const binary = electronBinary();
const skip = binary ? (process.platform === 'linux' && !process.env.DISPLAY ? 'no display: run under xvfb-run' : false) : 'the Electron binary is not installed (node node_modules/electron/install.js needs the internet)';
if (skip) console.log(`# skipped Electron end-to-end tests: ${skip}`);

test('desktop app: secure renderer, sample job from Start to Report', { skip }, async () => {
  execFileSync('npm', ['run', 'build:renderer'], { cwd: root, stdio: 'ignore' });
  execFileSync('npm', ['run', 'build:electron'], { cwd: root, stdio: 'ignore' });
  const app = await electron.launch({ executablePath: binary, args: [root], env: { ...process.env, LANG: 'en_US.UTF-8' } });
  try {
    const page = await app.firstWindow();
    await page.getByRole('radiogroup', { name: 'What do you want to do?' }).waitFor();
    assert.equal(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require), 'undefined');
    assert.equal(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process), 'undefined');
    assert.equal(await page.evaluate(() => typeof (window as unknown as { api?: { 'app.info'?: unknown } }).api?.['app.info']), 'function');
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    assert.equal(page.url(), before, 'navigation away is refused');
    await page.getByRole('button', { name: 'Try it with a sample job' }).click();
    await page.getByRole('button', { name: 'Start repair' }).click({ timeout: 60_000 });
    await page.getByRole('button', { name: 'See the report' }).click({ timeout: 120_000 });
    await page.getByRole('heading', { name: 'What was done' }).waitFor();
  } finally {
    await app.close();
  }
});
