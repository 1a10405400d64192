/**
 * The browser host over real HTTP on loopback: token, Host and Origin checks, static files confined to
 * the renderer folder, API calls answered as {ok,value}|{ok,error}, engine events over SSE.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowserHost, type BrowserHost } from './server.ts';
import { composeAppServices, type AppServices } from '../services/compose.ts';
import type { EngineEvent } from '../../src-shared/engine-protocol.ts';

let dir: string;
let host: BrowserHost;
let services: AppServices;
const listeners = new Set<(e: EngineEvent) => void>();
const seedLog = fileURLToPath(new URL('../engine/formats/fixtures/seed003-copylog.xml', import.meta.url));

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'waie-web-'));
  await mkdir(join(dir, 'renderer', 'assets'), { recursive: true });
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>wizard</title>');
  await writeFile(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'outside');
  services = await composeAppServices({ hostKind: 'browser', dataDir: join(dir, 'data') });
  host = await startBrowserHost({
    rendererDir: join(dir, 'renderer'),
    handlers: services.handlers,
    subscribe: (fn) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  });
});
after(async () => {
  await host.close();
  await services.close();
  await rm(dir, { recursive: true, force: true });
});

function request(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, path, method: init.method ?? 'GET', headers: { host: `127.0.0.1:${host.port}`, ...init.headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

const api = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  request(`/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-waie-token': host.token, origin: host.origin, ...headers }, body: JSON.stringify(body) });

test('listens on 127.0.0.1 with a long random token in the URL', () => {
  assert.match(host.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{40,}$/);
});

test('serves the page with a strict CSP; never a file outside the renderer folder', async () => {
  const page = await request('/');
  assert.equal(page.status, 200);
  assert.match(String(page.headers['content-security-policy']), /default-src 'self'; script-src 'self'/);
  assert.equal((await request('/assets/app.js')).body, 'console.log(1)');
  for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/..\\secret.txt']) {
    const r = await request(p);
    assert.ok(!r.body.includes('outside'), p);
  }
});

test('API calls need the token, this Host and this Origin', async () => {
  assert.equal((await api('app.info', null, { 'x-waie-token': 'wrong' })).status, 401);
  assert.equal((await request('/api/app.info', { method: 'POST', headers: { 'content-type': 'application/json', origin: host.origin } })).status, 401);
  assert.equal((await api('app.info', null, { origin: 'http://evil.example' })).status, 403);
  assert.equal((await api('app.info', null, { host: 'evil.example' })).status, 421);
  assert.equal((await api('no.such.channel', null)).status, 404);
  const ok = await api('app.info', null);
  assert.equal(ok.status, 200);
  const info = JSON.parse(ok.body);
  assert.equal(info.ok, true);
  assert.equal(info.value.host, 'browser');
  assert.equal(info.value.nativeDialogs, false);
});

test('handlers answer with values and errors as data', async () => {
  const summary = JSON.parse((await api('copyLog.inspect', { path: seedLog })).body);
  assert.equal(summary.ok, true);
  assert.equal(summary.value.driveId, '9WM35C2V');
  assert.equal(summary.value.failedBlobCount, 1);
  assert.deepEqual(summary.value.failedBlobs[0].failedRanges, [{ offset: 65536, length: 65536, status: 'Failed' }]);
  const missing = JSON.parse((await api('copyLog.inspect', { path: join(dir, 'nope.xml') })).body);
  assert.equal(missing.ok, false);
  assert.equal(typeof missing.error.title, 'string');
  const noDialog = JSON.parse((await api('dialog.open', { kind: 'file' })).body);
  assert.equal(noDialog.ok, false);
  assert.equal(noDialog.error.code, 'NOT_AVAILABLE');
  const listing = JSON.parse((await api('fs.list', { path: dir })).body);
  assert.ok(listing.value.entries.some((e: { name: string }) => e.name === 'renderer'));
});

test('engine events reach the page over Server-Sent Events (token in the query)', async () => {
  assert.equal((await request('/api/events')).status, 401);
  const got = await new Promise<string>((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: host.port, path: `/api/events?token=${host.token}`, headers: { host: `127.0.0.1:${host.port}` } }, (res) => {
      let buf = '';
      res.on('data', (c: Buffer) => {
        buf += c.toString();
        if (buf.includes('connected')) for (const l of listeners) l({ type: 'log', level: 'warn', message: 'hello' });
        if (buf.includes('"hello"')) {
          req.destroy();
          resolve(buf);
        }
      });
    });
    req.on('error', reject);
  });
  assert.match(got, /data: \{"type":"log","level":"warn","message":"hello"\}/);
});

test('review.save may carry a large review model back; other channels keep the 1 MiB body limit', async () => {
  const review = JSON.parse((await api('review.run', { copyLogPath: seedLog })).body);
  assert.equal(review.ok, true);
  // A model of about 2 MiB (a review lists up to 1000 failed items with their ranges and strips).
  const model = { ...review.value, notes: [...review.value.notes, 'x'.repeat(2 << 20)] };
  const path = join(dir, 'big-review.html');
  const saved = JSON.parse((await api('review.save', { model, format: 'html', path })).body);
  assert.equal(saved.ok, true, JSON.stringify(saved).slice(0, 300));
  assert.equal(saved.value.path, path);
  const big = await api('copyLog.inspect', { path: seedLog, padding: 'x'.repeat(2 << 20) });
  assert.equal(big.status, 400);
});
