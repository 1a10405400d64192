/**
 * End-to-end harness: a real Azurite, a generated damaged export drive, the built wizard served by the
 * real browser host with the real services, and Debian's Chromium driven by Playwright.
 */
import { mkdtemp, rm, access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startAzurite, type AzuriteInstance } from '../../src-main/testing/azurite.ts';
import { buildSampleExportJob, type SampleJob } from '../../src-main/demo/sample-job.ts';
import { ensureRendererBuilt } from '../../src-main/web/renderer-build.ts';
import { composeAppServices, type AppServices } from '../../src-main/services/compose.ts';
import { startBrowserHost, type BrowserHost } from '../../src-main/web/server.ts';

/** Chromium from Debian (`apt-get install chromium`); Playwright cannot download browsers here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or undefined when they can. */
export async function browserSkipReason(): Promise<string | undefined> {
  return access(CHROMIUM).then(
    () => undefined,
    () => `Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
  );
}

export interface Harness {
  tmp: string;
  azurite: AzuriteInstance;
  services: AppServices;
  host: BrowserHost;
  browser: Browser;
  /** A new page at 1280×800 in `locale` (e.g. `en-US`, `nl-NL`), already at the wizard's URL. */
  openPage(locale?: string): Promise<Page>;
  /** A new damaged export drive (profile `alternate` unless said otherwise). */
  newJob(profile?: 'demo' | 'alternate'): Promise<SampleJob>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const tmp = await mkdtemp(join(tmpdir(), 'waie-e2e-'));
  // Build the wizard from the current sources (a stale dist/renderer would test old code).
  const rendererDir = await ensureRendererBuilt(() => undefined, true);
  const azurite = await startAzurite();
  const services = await composeAppServices({ hostKind: 'browser', dataDir: join(tmp, 'data') });
  const host = await startBrowserHost({ rendererDir, handlers: services.handlers, subscribe: services.subscribe });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  let jobs = 0;
  return {
    tmp,
    azurite,
    services,
    host,
    browser,
    async openPage(locale = 'en-US') {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
      const page = await context.newPage();
      await page.goto(host.url);
      return page;
    },
    newJob: (profile = 'alternate') => buildSampleExportJob({ endpoint: azurite.endpoint, accountName: azurite.accountName, accountKey: azurite.accountKey, root: join(tmp, `job${jobs++}`), profile }),
    async close() {
      await browser.close().catch(() => undefined);
      await host.close();
      await services.close();
      await azurite.stop();
      await rm(tmp, { recursive: true, force: true });
    },
  };
}
