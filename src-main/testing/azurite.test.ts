// Tests of the real-Azurite harness (startAzurite / blobServiceClientFor) and of
// propertiesFileFromBlob against real Get Blob Properties responses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AZURITE_ACCOUNT_KEY, blobServiceClientFor, startAzurite } from './azurite.ts';
import { propertiesFileFromBlob } from '../engine/storage/blob-properties.ts';

/** Resolves true when 127.0.0.1:port can be bound again (nobody listens there). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('Azurite starts on a free port, answers blob requests, and stops (port freed, process gone)', async () => {
  const inst = await startAzurite();
  try {
    assert.equal(inst.accountName, 'devstoreaccount1');
    assert.equal(inst.accountKey, AZURITE_ACCOUNT_KEY);
    assert.ok(inst.port > 0 && inst.port < 65536);
    assert.equal(inst.endpoint, `http://127.0.0.1:${inst.port}/devstoreaccount1`);
    assert.equal(await portIsFree(inst.port), false, 'Azurite should hold its port');
    assert.ok(processAlive(inst.pid));

    const svc = blobServiceClientFor(inst);
    const c = svc.getContainerClient('harness');
    await c.create();
    const body = Buffer.from('hello azurite ✓');
    await c.getBlockBlobClient('a/b.txt').upload(body, body.length);
    const back = await c.getBlockBlobClient('a/b.txt').downloadToBuffer();
    assert.deepEqual(back, body);
    const names: string[] = [];
    for await (const x of svc.listContainers()) names.push(x.name);
    assert.deepEqual(names, ['harness']);
  } finally {
    await inst.stop();
  }
  assert.equal(processAlive(inst.pid), false, 'Azurite process should have exited');
  assert.equal(await portIsFree(inst.port), true, 'port should be free after stop()');
  await inst.stop(); // a second stop is harmless
});

test('two instances run side by side on different ports with separate data', async () => {
  const [a, b] = await Promise.all([startAzurite(), startAzurite()]);
  try {
    assert.notEqual(a.port, b.port);
    await blobServiceClientFor(a).getContainerClient('only-in-a').create();
    const inB: string[] = [];
    for await (const x of blobServiceClientFor(b).listContainers()) inB.push(x.name);
    assert.deepEqual(inB, []);
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
});

test('with a location, data survives a restart', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'azurite-loc-'));
  try {
    const first = await startAzurite({ location: join(dir, 'data') });
    const data = Buffer.from('persisted bytes');
    try {
      const c = blobServiceClientFor(first).getContainerClient('keep');
      await c.create();
      await c.getBlockBlobClient('x.bin').upload(data, data.length);
    } finally {
      await first.stop();
    }
    const second = await startAzurite({ location: join(dir, 'data') });
    try {
      const got = await blobServiceClientFor(second).getContainerClient('keep').getBlockBlobClient('x.bin').downloadToBuffer();
      assert.deepEqual(got, data);
    } finally {
      await second.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('propertiesFileFromBlob maps the eight documented properties of a real response', async () => {
  const inst = await startAzurite();
  try {
    const c = blobServiceClientFor(inst).getContainerClient('props');
    await c.create();
    const body = Buffer.from('%PDF-1.7 sample body');
    const md5 = createHash('md5').update(body).digest();
    const full = c.getBlockBlobClient('full.pdf');
    await full.upload(body, body.length, {
      blobHTTPHeaders: {
        blobContentType: 'application/pdf',
        blobCacheControl: 'private, max-age=60',
        blobContentLanguage: 'nl-NL',
        blobContentEncoding: 'identity',
        blobContentMD5: md5,
        blobContentDisposition: 'attachment', // not one of the eight: must not appear
      },
    });
    const p = await full.getProperties();
    const f = propertiesFileFromBlob(p);
    assert.deepEqual(Object.keys(f).sort(), [
      'cacheControl',
      'contentEncoding',
      'contentLanguage',
      'contentLength',
      'contentMD5',
      'contentType',
      'etag',
      'lastModified',
    ]);
    assert.equal(f.contentType, 'application/pdf');
    assert.equal(f.cacheControl, 'private, max-age=60');
    assert.equal(f.contentLanguage, 'nl-NL');
    assert.equal(f.contentEncoding, 'identity');
    assert.equal(f.contentLength, body.length);
    assert.equal(f.contentMD5, md5.toString('base64'));
    assert.equal(f.etag, p.etag);
    assert.match(f.lastModified ?? '', /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    assert.equal(new Date(f.lastModified ?? '').getTime(), p.lastModified?.getTime());

    // A blob without the optional headers: those keys are absent, not undefined.
    const bare = c.getBlockBlobClient('bare');
    await bare.commitBlockList([]);
    const g = propertiesFileFromBlob(await bare.getProperties());
    for (const k of ['cacheControl', 'contentLanguage', 'contentEncoding', 'contentMD5'] as const) {
      assert.equal(k in g, false, `${k} should be absent`);
    }
    assert.equal(g.contentLength, 0);
    assert.ok(g.etag && g.lastModified);
  } finally {
    await inst.stop();
  }
});

/** Runs a child Node process that starts Azurite through this module, prints its pid, then does `tail`. */
function childWithAzurite(tail: string): { pid: Promise<number>; exit: Promise<{ code: number | null; signal: string | null }>; kill: (s: NodeJS.Signals) => void } {
  const harness = fileURLToPath(new URL('./azurite.ts', import.meta.url));
  const src = `const { startAzurite } = await import(${JSON.stringify(harness)});
const i = await startAzurite(); console.log('PID ' + i.pid); ${tail}`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', src], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const pid = new Promise<number>((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out += d;
      const m = /PID (\d+)/.exec(out);
      if (m?.[1]) resolve(Number(m[1]));
    });
    child.once('exit', () => reject(new Error(`child exited before printing the Azurite pid: ${out}`)));
  });
  const exit = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { pid, exit, kill: (s) => child.kill(s) };
}

async function waitGone(pid: number, ms = 5000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!processAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !processAlive(pid);
}

test('a forgotten stop() neither keeps the parent alive nor leaves Azurite running', async () => {
  const c = childWithAzurite('/* no stop() */');
  const pid = await c.pid;
  try {
    const { code } = await c.exit;
    assert.equal(code, 0);
    assert.equal(await waitGone(pid), true, 'Azurite must die with its parent');
  } finally {
    if (processAlive(pid)) process.kill(pid, 'SIGKILL'); // no orphan when the test fails
  }
});

test('Azurite is killed when the parent is terminated by SIGTERM', async () => {
  const c = childWithAzurite('setInterval(() => {}, 1000);');
  const pid = await c.pid;
  try {
    assert.ok(processAlive(pid));
    c.kill('SIGTERM');
    const { signal } = await c.exit;
    assert.equal(signal, 'SIGTERM', 'the parent keeps its default SIGTERM behaviour');
    assert.equal(await waitGone(pid), true, 'Azurite must die with its parent');
  } finally {
    if (processAlive(pid)) process.kill(pid, 'SIGKILL'); // no orphan when the test fails
  }
});
