/**
 * The app's API: one handler per channel of the IPC contract, shared by the Electron main process and
 * the browser host. Platform-only pieces (native dialogs, opening folders, the OS keychain, drives)
 * are injected; where one is missing the channel answers with a clear `NOT_AVAILABLE` error.
 * Handlers throw WaieError; the hosts turn every throw into `{ ok: false, error }` (see {@link callHandler}).
 */
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { ApiHandlers, ApiResult, Channel, ParamsOf, ResultOf, VolumeInfo } from '../../src-shared/ipc/contract.ts';
import type { EngineEvent } from '../../src-shared/engine-protocol.ts';
import { WaieError, toErrorInfo } from '../../src-shared/errors.ts';
import { redact } from '../../src-shared/redact.ts';
import type { EngineHost } from '../host/engine-host.ts';
import { summariseCopyLog } from './copy-log-summary.ts';
import { findManifest, summariseManifest } from './manifest-summary.ts';
import { testConnection } from './connection-check.ts';
import { planRepair } from './plan.ts';
import { saveReport } from './report.ts';
import { listDirectory } from './fs-list.ts';
import type { SettingsStore } from './settings.ts';
import { sampleAvailable, type SampleJobs } from './sample.ts';
import { planRepairImport } from './import-plan.ts';
import { reviewCopyLog, saveReview } from './review/index.ts';
import { setPathMapTargets } from '../engine/repair-import/path-map.ts';
import { downloadJobLogs, findJobLogs } from '../engine/fetch/index.ts';
import type { StorageCredentials } from '../../src-shared/engine-protocol.ts';

/** Drive discovery and unlock, per platform. */
export interface DriveAdapter {
  list(driveId?: string): Promise<VolumeInfo[]>;
  unlock(volumeId: string, recoveryPassword: string): Promise<{ mountPath: string }>;
}

/** What a host provides to the API. */
export interface ApiDeps {
  hostKind: 'electron' | 'browser';
  version: string;
  engine: EngineHost;
  settings: SettingsStore;
  samples: SampleJobs;
  elevated: () => Promise<boolean | null>;
  drives?: DriveAdapter;
  dialogs?: ApiHandlers['dialog.open'];
  openPath?: (path: string) => Promise<void>;
  secrets?: { remember(accountName: string, secret: string | null): Promise<void>; recall(accountName: string): Promise<string | null> };
}

function notAvailable(what: string): WaieError {
  return new WaieError({ code: 'NOT_AVAILABLE', title: `${what} is not available here`, detail: `${what} needs the desktop app; in the browser, type or browse the path instead.` });
}

/** Secrets seen by the API, for redacting error texts. */
const seenSecrets = new Set<string>();
function remember(secret?: string): void {
  if (secret) seenSecrets.add(secret);
}

/**
 * Remembers the secrets of `c` for redaction: the key or SAS as given, and a SAS's signature alone
 * (URL-encoded and decoded), which is what could reach an error text through a URL.
 */
function rememberCredentials(c: StorageCredentials): void {
  remember(c.accountKey);
  remember(c.containerSas);
  const sig = /(?:^|[?&])sig=([^&]+)/.exec(c.containerSas ?? '')?.[1];
  if (sig) {
    remember(sig);
    try {
      remember(decodeURIComponent(sig));
    } catch {
      // A malformed escape: the encoded form is remembered already.
    }
  }
}

function busy(): WaieError {
  return new WaieError({ code: 'BUSY', title: 'A repair is already running', detail: 'Wait for it to finish, or cancel it first.' });
}

/** Builds the handlers. */
export function createApiHandlers(d: ApiDeps): ApiHandlers {
  return {
    'app.info': async () => ({
      version: d.version,
      host: d.hostKind,
      platform: process.platform,
      elevated: await d.elevated(),
      sampleAvailable: sampleAvailable(),
      nativeDialogs: Boolean(d.dialogs),
      canRememberSecrets: Boolean(d.secrets),
      systemLanguage: Intl.DateTimeFormat().resolvedOptions().locale,
    }),
    'drives.list': async ({ driveId }) => (d.drives ? d.drives.list(driveId) : []),
    'drives.unlock': async ({ volumeId, recoveryPassword }) => {
      remember(recoveryPassword);
      if (!d.drives) throw notAvailable('Unlocking drives');
      return d.drives.unlock(volumeId, recoveryPassword);
    },
    'copyLog.inspect': ({ path }) => summariseCopyLog(path),
    'manifest.find': ({ driveRoot, driveId }) => findManifest(driveRoot, driveId),
    'manifest.inspect': ({ path }) => summariseManifest(path),
    'storage.test': ({ credentials, copyLogPath, manifestPath }) => {
      rememberCredentials(credentials);
      return testConnection(credentials, copyLogPath, manifestPath);
    },
    'repair.plan': ({ request }) => planRepair(request),
    'repair.start': async ({ request }) => {
      rememberCredentials(request.credentials);
      if (d.engine.state().status === 'running') throw busy();
      void d.engine.run({ kind: 'RepairExport', request });
    },
    'repairImport.plan': ({ request }) => {
      rememberCredentials(request.credentials);
      return planRepairImport(request);
    },
    'repairImport.start': async ({ request }) => {
      rememberCredentials(request.credentials);
      if (d.engine.state().status === 'running') throw busy();
      if (!Array.isArray(request.sourceDirs) || request.sourceDirs.length === 0) {
        throw new WaieError({ code: 'BAD_INPUT', title: 'No source folder', detail: 'Give one or more folders holding the original files of the import.' });
      }
      void d.engine.run({ kind: 'RepairImport', request });
    },
    'pathMap.set': async ({ file, entries }) => {
      if (typeof file !== 'string' || file.trim() === '') throw new WaieError({ code: 'BAD_INPUT', title: 'No path map file', detail: 'The repair names no path map file to write the choices into.' });
      if (d.engine.state().status === 'running') throw busy();
      await setPathMapTargets(file, entries);
    },
    'review.run': ({ copyLogPath, manifestPath, lang }) => reviewCopyLog(copyLogPath, { ...(manifestPath ? { manifestPath } : {}), lang: lang === 'nl' ? 'nl' : 'en' }),
    'review.save': async ({ model, format, path }) => {
      if (format !== 'html' && format !== 'csv') throw new WaieError({ code: 'BAD_INPUT', title: 'Unknown format', detail: 'Save a review as html or csv.' });
      if (typeof path !== 'string' || path.trim() === '') throw new WaieError({ code: 'BAD_INPUT', title: 'No file to save to', detail: 'Choose where the review goes.' });
      await saveReview(model, format, path);
      return { path };
    },
    'logs.list': ({ credentials, jobName, driveId, statesPath, diagnosticsPath }) => {
      rememberCredentials(credentials);
      return findJobLogs(credentials, {
        ...(jobName?.trim() ? { jobName: jobName.trim() } : {}),
        ...(driveId?.trim() ? { driveId: driveId.trim() } : {}),
        ...(statesPath?.trim() ? { statesPath: statesPath.trim() } : {}),
        ...(diagnosticsPath?.trim() ? { diagnosticsPath: diagnosticsPath.trim() } : {}),
      });
    },
    'logs.download': ({ credentials, logs, outDir, manifestMd5ByDrive }) => {
      rememberCredentials(credentials);
      if (typeof outDir !== 'string' || outDir.trim() === '') throw new WaieError({ code: 'BAD_INPUT', title: 'No folder to download to', detail: 'Choose the folder the logs go into.' });
      return downloadJobLogs(credentials, logs, outDir.trim(), manifestMd5ByDrive ? { manifestMd5ByDrive } : {});
    },
    'repair.pause': async ({ paused }) => d.engine.setPaused(paused),
    'repair.cancel': async () => d.engine.cancel(),
    'repair.state': async () => d.engine.state(),
    'repair.reset': async () => d.engine.reset(),
    'report.save': async ({ format, path }) => {
      const s = d.engine.state();
      if (s.status !== 'done') throw new WaieError({ code: 'NO_REPORT', title: 'There is no finished repair to report', detail: 'Run a repair first.' });
      const target = path ?? s.result.summaryFile.replace(/_repair-summary\.txt$/, `_repair-report.${format}`);
      await saveReport(s.result, format, target, (await d.settings.get()).language ?? 'en');
      return { path: target };
    },
    'fs.list': ({ path, extensions }) => listDirectory(path, extensions),
    'dialog.open': async (p) => {
      if (!d.dialogs) throw notAvailable('The file dialog');
      return d.dialogs(p);
    },
    'shell.openPath': async ({ path }) => {
      if (!d.openPath) throw notAvailable('Opening folders');
      await d.openPath(path);
    },
    'sample.prepare': () => d.samples.prepare(),
    'settings.get': () => d.settings.get(),
    'settings.set': (s) => d.settings.set(s),
    'secrets.remember': async ({ accountName, secret }) => {
      if (!d.secrets) throw notAvailable('Remembering secrets');
      remember(secret ?? undefined);
      await d.secrets.remember(accountName, secret);
    },
    'secrets.recall': async ({ accountName }) => {
      if (!d.secrets) return null;
      const secret = await d.secrets.recall(accountName);
      return secret ? { secret } : null;
    },
  };
}

/** Calls a handler and wraps the outcome as an {@link ApiResult}; error texts are redacted. Never throws. */
export async function callHandler<C extends Channel>(handlers: ApiHandlers, channel: C, params: ParamsOf<C>): Promise<ApiResult<ResultOf<C>>> {
  try {
    const fn = handlers[channel] as (p: ParamsOf<C>) => Promise<ResultOf<C>>;
    return { ok: true, value: await fn(params) };
  } catch (err) {
    const info = toErrorInfo(err);
    const secrets = [...seenSecrets];
    return { ok: false, error: { ...info, title: redact(info.title, secrets), detail: redact(info.detail, secrets), ...(info.file !== undefined ? { file: redact(info.file, secrets) } : {}) } };
  }
}

/** The app version from package.json. */
export async function packageVersion(): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return '0.0.0';
  }
}

/** Default data folder of the browser host / CLI (the Electron app uses app.getPath('userData')). */
export function defaultDataDir(): string {
  const base = process.env.APPDATA ?? process.env.XDG_DATA_HOME ?? join(process.env.HOME ?? '.', '.local', 'share');
  return join(base, 'waie');
}

/** Engine events with secrets removed (for the event stream). */
export function redactEvent(e: EngineEvent): EngineEvent {
  if (e.type === 'log') return { ...e, message: redact(e.message, [...seenSecrets]) };
  return e;
}
