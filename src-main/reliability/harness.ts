/**
 * What the reliability suite (`npm run test:reliability`; issue "Reliability and security") shares:
 * the short/long switch, an Azurite with an account key of its own (so that "the key appears nowhere"
 * means something), the `waie` command as a child process, a recording fault proxy whose hooks can
 * `kill -9` that child at a chosen moment, and the secret scan run after every scenario.
 *
 * Short form (the default, part of `npm test`): a few moments per kind of fault.
 * Long form: `WAIE_RELIABILITY=full` (20 kill -9 moments, more fuzz runs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAzurite, type AzuriteInstance } from '../testing/azurite.ts';

/** True for the long form (`WAIE_RELIABILITY=full`). */
export const FULL = process.env.WAIE_RELIABILITY === 'full';

/** The `waie` entry script. */
export const WAIE = fileURLToPath(new URL('../../bin/waie.js', import.meta.url));

/** A storage account of the suite's own: random name suffix and a random 64-byte key (base64). */
export function randomAccount(): { name: string; key: string } {
  return { name: `waierel${randomInt(100000, 999999)}`, key: randomBytes(64).toString('base64') };
}

/** A random BitLocker recovery password that passes the key rules (8 groups of 6 digits, each a multiple of 11 below 720896). */
export function randomRecoveryKey(): string {
  return Array.from({ length: 8 }, () => String(randomInt(1000, 65535) * 11).padStart(6, '0')).join('-');
}

/** Azurite with an account of its own (see {@link randomAccount}). */
export function startSuiteAzurite(): Promise<AzuriteInstance> {
  return startAzurite({ account: randomAccount() });
}

/** One finished `waie` run. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Options of {@link runWaie}. */
export interface RunWaieOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Called with the child as soon as it is spawned (hooks keep it to `kill -9` it). */
  onSpawn?: (child: ChildProcess) => void;
  /** Kills the child (SIGKILL) after this long; the test then fails on its result. Default 120 s. */
  timeoutMs?: number;
  /** A command the child runs under, e.g. `setpriv …` to drop capabilities. */
  prefix?: string[];
}

/** Runs `waie <args>` as a child process (tsx, no build), collecting its output. Never rejects. */
export function runWaie(args: string[], o: RunWaieOptions): Promise<CliRun> {
  return new Promise((resolve) => {
    const started = Date.now();
    const [cmd, ...pre] = o.prefix?.length ? [...o.prefix, process.execPath] : [process.execPath];
    const child = spawn(cmd!, [...pre, WAIE, ...args], { cwd: o.cwd, env: { ...process.env, NODE_OPTIONS: '', ...o.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 120_000);
    o.onSpawn?.(child);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      // Let the pipes drain.
      setImmediate(() => resolve({ code, signal, stdout, stderr, ms: Date.now() - started }));
    });
  });
}

/** Every secret form worth looking for: the value, URL-encoded, and (for keys) its base64 without padding. */
export function secretForms(secrets: readonly string[]): string[] {
  const out = new Set<string>();
  for (const s of secrets) {
    if (!s || s.length < 8) continue;
    out.add(s);
    out.add(encodeURIComponent(s));
    out.add(s.replace(/=+$/, ''));
    if (/^\d{6}(-\d{6}){7}$/.test(s)) {
      out.add(s.replace(/-/g, ''));
      out.add(s.replace(/-/g, ' '));
    }
  }
  return [...out];
}

/**
 * Reads every file under `dirs` (recursively; paths under `skip` left out) and asserts that no secret
 * form ({@link secretForms}) appears in them or in `texts` (stdout, stderr, API answers…). Returns how
 * many files were read. Throws naming the file or text and the secret's position, never the secret.
 */
export async function assertNoSecrets(secrets: readonly string[], where: { dirs?: string[]; texts?: Array<[string, string]>; skip?: string[] }): Promise<number> {
  const forms = secretForms(secrets);
  let files = 0;
  const check = (name: string, text: string): void => {
    for (const f of forms) {
      const at = text.indexOf(f);
      if (at >= 0) throw new Error(`a secret (${f.length} characters) appears in ${name} at offset ${at}`);
    }
  };
  for (const [name, text] of where.texts ?? []) check(name, text);
  for (const dir of where.dirs ?? []) {
    let entries;
    try {
      entries = await readdir(dir, { recursive: true, withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const path = join(e.parentPath, e.name);
      if (!e.isFile() || (where.skip ?? []).some((s) => path.startsWith(s))) continue;
      files++;
      const bytes = await readFile(path);
      check(path, bytes.toString('latin1'));
      check(`${path} (UTF-16)`, bytes.toString('utf16le'));
    }
  }
  return files;
}

/** One request seen by the {@link RecordingProxy}. */
export interface ProxyRequest {
  /** Running number, from 0. */
  n: number;
  method: string;
  /** Path and query as sent (the query may carry a SAS). */
  url: string;
  /** `x-ms-range` / `Range`, parsed: first and last byte. */
  range?: { start: number; end: number };
  /** Response body bytes sent so far. */
  bytesOut: number;
  ended: boolean;
}

/** What to do with one request. */
export type ProxyAction =
  | { kind: 'pass' }
  | { kind: 'delay'; ms: number }
  | { kind: 'status'; status: number; body?: string }
  | { kind: 'reset' }
  | { kind: 'cut'; afterBytes: number }
  | { kind: 'stall'; afterBytes: number };

/** Hooks of the proxy: choose an action, watch the body go out, see the end. */
export interface ProxyHooks {
  plan?: (r: ProxyRequest) => ProxyAction;
  /** After each body chunk is written to the client. */
  onBody?: (r: ProxyRequest) => void;
  /** After the response ended (all bytes handed to the client). */
  onEnd?: (r: ProxyRequest) => void;
}

export interface RecordingProxy {
  /** `http://127.0.0.1:<port>/<account>`. */
  endpoint: string;
  requests: ProxyRequest[];
  hooks: ProxyHooks;
  /** Stops listening and cuts every connection: from now on the endpoint refuses connections. */
  close(): Promise<void>;
}

function parseRange(h: string | string[] | undefined): ProxyRequest['range'] {
  const m = /bytes=(\d+)-(\d+)/.exec(String(h ?? ''));
  return m ? { start: Number(m[1]), end: Number(m[2]) } : undefined;
}

/**
 * A loopback proxy to `targetEndpoint` (Azurite) that records every request and the body bytes it
 * sends back, and lets hooks inject faults or act (e.g. kill the client) at exact moments.
 */
export async function startRecordingProxy(targetEndpoint: string, hooks: ProxyHooks = {}): Promise<RecordingProxy> {
  const target = new URL(targetEndpoint);
  const requests: ProxyRequest[] = [];
  const sockets = new Set<Socket>();
  const proxy: RecordingProxy = { endpoint: '', requests, hooks, close: async () => undefined };

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, rec: ProxyRequest, action: ProxyAction): void => {
    const upstream = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      const limit = action.kind === 'cut' || action.kind === 'stall' ? action.afterBytes : Infinity;
      up.on('data', (chunk: Buffer) => {
        if (rec.bytesOut >= limit) return;
        const take = chunk.subarray(0, Math.max(0, Math.min(chunk.length, limit - rec.bytesOut)));
        rec.bytesOut += take.length;
        const last = rec.bytesOut >= limit;
        if (last) up.destroy();
        res.write(take, () => {
          proxy.hooks.onBody?.(rec);
          if (last && action.kind === 'cut') setTimeout(() => res.socket?.destroy(), 20);
        });
      });
      up.on('end', () => {
        res.end(() => {
          rec.ended = true;
          proxy.hooks.onEnd?.(rec);
        });
      });
    });
    upstream.on('error', () => res.socket?.destroy());
    req.pipe(upstream);
  };

  const server = http.createServer((req, res) => {
    const rec: ProxyRequest = { n: requests.length, method: req.method ?? 'GET', url: req.url ?? '/', range: parseRange(req.headers['x-ms-range'] ?? req.headers.range), bytesOut: 0, ended: false };
    requests.push(rec);
    const action = proxy.hooks.plan?.(rec) ?? { kind: 'pass' };
    switch (action.kind) {
      case 'reset':
        req.socket.destroy();
        return;
      case 'status':
        req.resume();
        res.writeHead(action.status, { 'content-type': 'application/xml' });
        res.end(action.body ?? '<?xml version="1.0" encoding="utf-8"?><Error><Code>ServerBusy</Code><Message>injected</Message></Error>');
        return;
      case 'delay':
        setTimeout(() => forward(req, res, rec, { kind: 'pass' }), action.ms);
        return;
      default:
        forward(req, res, rec, action);
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  proxy.endpoint = `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}`;
  let closing: Promise<void> | undefined;
  proxy.close = () =>
    (closing ??= new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    }));
  return proxy;
}

/** Lines of a repair file that parse as JSON (the header first). Throws on a torn line anywhere but the last. */
export async function readRepairFile(path: string): Promise<Array<Record<string, unknown>>> {
  const text = await readFile(path, 'utf8');
  const lines = text.split('\n');
  const out: Array<Record<string, unknown>> = [];
  lines.forEach((line, i) => {
    if (!line) return;
    try {
      out.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      if (i < lines.length - 1) throw new Error(`${path}: line ${i + 1} is not JSON: ${line.slice(0, 80)}`);
    }
  });
  return out;
}

/** Waits until `cond()` is true (polling every `everyMs`), or throws after `timeoutMs`. */
export async function waitFor(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000, everyMs = 5): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
