/**
 * The browser host: serves the built wizard and the app's API on 127.0.0.1 only, so the same wizard
 * runs where there is no desktop (a server with the drive attached, reached through an SSH tunnel)
 * and so it can be tested in a real browser. Protection, since any local process or web page could
 * otherwise talk to it:
 * - a random token (in the printed URL) is required on every API call (`x-waie-token` header; the
 *   event stream takes it as `?token=` because EventSource cannot set headers), compared in constant time;
 * - the `Host` header must name this loopback address (defeats DNS rebinding);
 * - API POSTs must carry this origin's `Origin` header (defeats cross-site requests);
 * - static files are served only from the renderer folder, with a strict CSP.
 */
import http from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { CHANNELS, type ApiHandlers, type Channel } from '../../src-shared/ipc/contract.ts';
import type { EngineEvent } from '../../src-shared/engine-protocol.ts';
import { callHandler, redactEvent } from '../services/api.ts';

export interface BrowserHostOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string;
  handlers: ApiHandlers;
  /** Subscribes to engine events; returns the unsubscribe function. */
  subscribe(listener: (e: EngineEvent) => void): () => void;
  /** Fixed token (tests); default 32 random bytes, base64url. */
  token?: string;
}

export interface BrowserHost {
  /** `http://127.0.0.1:<port>/?token=<token>` */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** The page's Content-Security-Policy (the same as index.html's meta tag). */
export const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; font-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2', '.map': 'application/json' };
const MAX_BODY = 1 << 20;
/**
 * Larger bodies for channels that carry a model back: `review.save` sends the review it saves (up to
 * 1000 failed items with their ranges and strips).
 */
const MAX_BODY_BY_CHANNEL: Partial<Record<Channel, number>> = { 'review.save': 64 << 20 };

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function send(res: http.ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

async function readBody(req: http.IncomingMessage, max: number): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > max) throw new Error('body too large');
    chunks.push(c);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the browser host. */
export async function startBrowserHost(o: BrowserHostOptions): Promise<BrowserHost> {
  const token = o.token ?? randomBytes(32).toString('base64url');
  const root = resolve(o.rendererDir);
  let origins = new Set<string>();
  let hosts = new Set<string>();
  const streams = new Set<http.ServerResponse>();

  const server = http.createServer(async (req, res) => {
    try {
      if (!hosts.has(String(req.headers.host ?? ''))) return send(res, 421, 'Misdirected request');
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      if (url.pathname.startsWith('/api/')) {
        const given = String(req.headers['x-waie-token'] ?? url.searchParams.get('token') ?? '');
        if (!sameToken(given, token)) return send(res, 401, 'Missing or wrong token');
        const origin = req.headers.origin;
        if (url.pathname === '/api/events' && req.method === 'GET') {
          if (origin !== undefined && !origins.has(origin)) return send(res, 403, 'Wrong origin');
          res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-content-type-options': 'nosniff' });
          res.write(': connected\n\n');
          const unsubscribe = o.subscribe((e) => res.write(`data: ${JSON.stringify(redactEvent(e))}\n\n`));
          const beat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
          streams.add(res);
          req.on('close', () => {
            clearInterval(beat);
            unsubscribe();
            streams.delete(res);
          });
          return;
        }
        if (req.method !== 'POST') return send(res, 405, 'Method not allowed');
        if (!origin || !origins.has(origin)) return send(res, 403, 'Wrong origin');
        if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'JSON only');
        const channel = decodeURIComponent(url.pathname.slice('/api/'.length)) as Channel;
        if (!CHANNELS.includes(channel)) return send(res, 404, 'No such channel');
        let params: unknown;
        try {
          const body = await readBody(req, MAX_BODY_BY_CHANNEL[channel] ?? MAX_BODY);
          params = body ? JSON.parse(body) : undefined;
        } catch {
          return send(res, 400, 'Bad JSON body');
        }
        const result = await callHandler(o.handlers, channel, params as never);
        return send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8');
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
      const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
      const file = resolve(join(root, rel || 'index.html'));
      if (file !== root && !file.startsWith(root + sep)) return send(res, 403, 'Forbidden');
      const st = await stat(file).catch(() => undefined);
      const target = st?.isFile() ? file : join(root, 'index.html');
      const headers: Record<string, string> = { 'content-type': TYPES[extname(target)] ?? 'application/octet-stream', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' };
      if (target.endsWith('.html')) Object.assign(headers, { 'content-security-policy': PAGE_CSP, 'x-frame-options': 'DENY' });
      res.writeHead(200, headers);
      if (req.method === 'HEAD') return res.end();
      createReadStream(target).on('error', () => res.destroy()).pipe(res);
    } catch (err) {
      if (!res.headersSent) send(res, 500, `Internal error: ${(err as Error).message}`);
      else res.destroy();
    }
  });
  await new Promise<void>((r, j) => {
    server.once('error', j);
    server.listen(o.port ?? 0, '127.0.0.1', () => r());
  });
  const port = (server.address() as AddressInfo).port;
  origins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((r) => {
        for (const s of streams) s.end();
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
