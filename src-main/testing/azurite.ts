/**
 * Real-Azurite test harness: starts Microsoft's Blob-service emulator (npm `azurite`, a dev
 * dependency) as a child process on a free loopback port, and stops it again.
 *
 * Source of the flags and gaps: `shared/reference/platform.md`, section "Blob storage: Azurite and
 * @azure/storage-blob". `--skipApiVersionCheck` is required (the SDK's API version is newer than
 * Azurite's), `--disableTelemetry` keeps it off the network, `--blobPort 0` lets the OS pick a port,
 * which Azurite prints as "successfully listens on http://127.0.0.1:PORT".
 *
 * Each test file starts and stops its own instance; nothing is shared between files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';

/** Azurite's fixed development account name. */
export const AZURITE_ACCOUNT_NAME = 'devstoreaccount1';

/**
 * Azurite's well-known development account key (public, documented by Microsoft for the emulator;
 * not a secret).
 */
export const AZURITE_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** How long {@link startAzurite} waits for Azurite to report its port, milliseconds. */
export const AZURITE_START_TIMEOUT_MS = 20_000;

/** How long `stop()` waits after SIGTERM before it sends SIGKILL, milliseconds. */
const STOP_GRACE_MS = 5_000;

/** A running Azurite blob service. */
export interface AzuriteInstance {
  /** Blob service endpoint with the account in the path: `http://127.0.0.1:<port>/devstoreaccount1`. */
  endpoint: string;
  /** `devstoreaccount1`, or the name of {@link StartAzuriteOptions.account}. */
  accountName: string;
  /** The emulator's well-known key ({@link AZURITE_ACCOUNT_KEY}), or the key of {@link StartAzuriteOptions.account}. */
  accountKey: string;
  /** TCP port on 127.0.0.1 that Azurite listens on. */
  port: number;
  /** Process id of the Azurite child process. */
  pid: number;
  /**
   * Stops Azurite (SIGTERM, then SIGKILL after 5 s) and resolves once the process has exited, so the
   * port is free again. Safe to call more than once.
   */
  stop(): Promise<void>;
}

/** Options of {@link startAzurite}. */
export interface StartAzuriteOptions {
  /**
   * Directory for Azurite's persistent data (`--location`); created if missing. When omitted the
   * data lives in memory only (`--inMemoryPersistence`) and is gone after `stop()`.
   */
  location?: string;
  /**
   * An account of your own instead of the well-known development account (Azurite's
   * `AZURITE_ACCOUNTS`), e.g. a random key a test then looks for in everything written.
   */
  account?: { name: string; key: string };
}

/** Children still running, killed when this process exits or is told to terminate. */
const live = new Set<ChildProcess>();
let exitHooksInstalled = false;

function killAllSync(): void {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
  live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  killAllSync();
  // When only our hook listened, restore the default behaviour (terminate) by re-raising.
  if (process.listenerCount(signal) === 1) {
    uninstallExitHooks();
    process.kill(process.pid, signal);
  }
}

const signalHandlers: Array<[NodeJS.Signals, () => void]> = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map(
  (s) => [s, () => onSignal(s)],
);

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', killAllSync);
  for (const [s, h] of signalHandlers) process.on(s, h);
}

function uninstallExitHooks(): void {
  if (!exitHooksInstalled) return;
  exitHooksInstalled = false;
  process.off('exit', killAllSync);
  for (const [s, h] of signalHandlers) process.off(s, h);
}

/** Absolute path of the installed `azurite-blob` script (the package's `bin` entry). */
export function azuriteBlobScript(): string {
  const require = createRequire(import.meta.url);
  const pkgJsonPath = require.resolve('azurite/package.json');
  const pkg = require(pkgJsonPath) as { bin?: Record<string, string> };
  const rel = pkg.bin?.['azurite-blob'] ?? './dist/src/blob/main.js';
  return join(dirname(pkgJsonPath), rel);
}

/**
 * Starts the installed `azurite-blob` with `process.execPath` (no npx, no shell) on
 * 127.0.0.1 and a port the OS picks, and resolves once it reports the port it listens on.
 *
 * The child is killed when this process exits (and on SIGINT/SIGTERM/SIGHUP); it does not keep
 * the event loop alive by itself, so a forgotten `stop()` cannot hang a test run.
 *
 * @throws Error when Azurite exits before it is ready, cannot be spawned, or does not report its
 *   port within 20 s; the message carries its exit code and the tail of its stderr/stdout.
 */
export async function startAzurite(options: StartAzuriteOptions = {}): Promise<AzuriteInstance> {
  const args = [
    azuriteBlobScript(),
    '--blobHost',
    '127.0.0.1',
    '--blobPort',
    '0',
    '--silent',
    '--skipApiVersionCheck',
    '--disableTelemetry',
  ];
  if (options.location !== undefined) {
    mkdirSync(options.location, { recursive: true });
    args.push('--location', options.location);
  } else {
    args.push('--inMemoryPersistence');
  }

  // Inside the Electron app process.execPath is the Electron binary: ELECTRON_RUN_AS_NODE makes it Node.
  const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_RUN_AS_NODE: '1' };
  if (options.account) env.AZURITE_ACCOUNTS = `${options.account.name}:${options.account.key}`;
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true, env });
  live.add(child);
  installExitHooks();

  let stdout = '';
  let stderr = '';
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      live.delete(child);
      if (live.size === 0) uninstallExitHooks();
      resolve();
    });
  });

  const port = await new Promise<number>((resolve, reject) => {
    const tail = (): string => {
      const err = stderr.trim().slice(-2000);
      const out = stdout.trim().slice(-1000);
      return `${err ? `\n--- azurite stderr ---\n${err}` : '\n(azurite stderr empty)'}${out ? `\n--- azurite stdout ---\n${out}` : ''}`;
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onOut);
      child.off('exit', onExit);
      child.off('error', onError);
    };
    const timer = setTimeout(() => {
      cleanup();
      child.kill('SIGKILL');
      reject(new Error(`Azurite did not report its port within ${AZURITE_START_TIMEOUT_MS / 1000} s.${tail()}`));
    }, AZURITE_START_TIMEOUT_MS);
    const onOut = (): void => {
      const m = /successfully listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout);
      if (m?.[1]) {
        cleanup();
        resolve(Number(m[1]));
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      cleanup();
      reject(new Error(`Azurite exited before it was ready (code ${code ?? 'none'}, signal ${signal ?? 'none'}).${tail()}`));
    };
    const onError = (e: Error): void => {
      cleanup();
      child.kill('SIGKILL');
      reject(new Error(`Could not start Azurite (${process.execPath} ${args[0] ?? ''}): ${e.message}${tail()}`));
    };
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    // Keep draining both pipes for the whole life of the child so it can never block on a full pipe.
    child.stdout?.on('data', (d: string) => {
      if (stdout.length < 64_000) stdout += d;
    });
    child.stderr?.on('data', (d: string) => {
      if (stderr.length < 64_000) stderr += d;
    });
    child.stdout?.on('data', onOut);
    child.once('exit', onExit);
    child.once('error', onError);
  });

  // Ready: from now on the child must not keep this process alive on its own.
  child.unref();
  for (const s of [child.stdout, child.stderr]) (s as unknown as { unref?: () => void } | null)?.unref?.();

  let stopping: Promise<void> | undefined;
  const accountName = options.account?.name ?? AZURITE_ACCOUNT_NAME;
  return {
    endpoint: `http://127.0.0.1:${port}/${accountName}`,
    accountName,
    accountKey: options.account?.key ?? AZURITE_ACCOUNT_KEY,
    port,
    pid: child.pid ?? -1,
    stop(): Promise<void> {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        // Keep the loop alive while we wait for the exit.
        child.ref();
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
        child.kill('SIGTERM');
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}

/**
 * A `BlobServiceClient` for an Azurite instance, authenticated with the account's shared key
 * (`StorageSharedKeyCredential`).
 */
export function blobServiceClientFor(inst: Pick<AzuriteInstance, 'endpoint' | 'accountName' | 'accountKey'>): BlobServiceClient {
  return new BlobServiceClient(inst.endpoint, new StorageSharedKeyCredential(inst.accountName, inst.accountKey));
}
