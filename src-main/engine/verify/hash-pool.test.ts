import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HashPool, configureHashing, hashThreads, verifyConcurrency } from './hash-pool.ts';

const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('hex').toUpperCase();
let dir: string;
let data: Buffer;
let file: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'waie-hashpool-'));
  data = randomBytes(3 * 1024 * 1024 + 777);
  file = join(dir, 'f.bin');
  await writeFile(file, data);
});
after(() => rm(dir, { recursive: true, force: true }));

test('hashes every range on worker threads, spreading one file over groups; ranges past the end are null', async () => {
  // 64 KiB groups so the file's 49 ranges go to both threads in many tasks.
  const pool = new HashPool(2, { groupBytes: 64 * 1024, idleMs: 50 });
  try {
    const ranges = [];
    for (let o = 0; o < data.length; o += 65536) ranges.push({ offset: o, length: Math.min(65536, data.length - o) });
    ranges.push({ offset: data.length - 10, length: 20 }); // beyond the end
    ranges.push({ offset: 0, length: 0 }); // empty range: MD5 of nothing
    let bytes = 0;
    const r = await pool.hashRanges(file, ranges, { onBytes: (n) => (bytes += n) });
    assert.equal(r.size, data.length);
    assert.equal(r.hashes.length, ranges.length);
    ranges.slice(0, -2).forEach((x, i) => assert.equal(r.hashes[i], md5(data.subarray(x.offset, x.offset + x.length)), `range ${i}`));
    assert.equal(r.hashes[ranges.length - 2], null);
    assert.equal(r.hashes[ranges.length - 1], md5(Buffer.alloc(0)));
    assert.equal(bytes, data.length);
    assert.ok(pool.liveThreads <= 2);
    // Idle threads end by themselves.
    await new Promise((res) => setTimeout(res, 200));
    assert.equal(pool.liveThreads, 0);
  } finally {
    await pool.close();
  }
});

test('a missing file gives size undefined and null hashes; a read error rejects with its code', async () => {
  const pool = new HashPool(1);
  try {
    const r = await pool.hashRanges(join(dir, 'missing'), [{ offset: 0, length: 10 }]);
    assert.deepEqual(r, { size: undefined, hashes: [null] });
    await assert.rejects(pool.hashRanges(dir, [{ offset: 0, length: 10 }]), (e: NodeJS.ErrnoException) => e.code === 'EISDIR');
  } finally {
    await pool.close();
  }
});

test('an aborted signal drops queued groups and rejects with its reason; many callers share the threads', async () => {
  const pool = new HashPool(1, { groupBytes: 1024 });
  try {
    const ac = new AbortController();
    const ranges = Array.from({ length: 200 }, (_, i) => ({ offset: i * 1024, length: 1024 }));
    const p = pool.hashRanges(file, ranges, { signal: ac.signal });
    ac.abort(new Error('stop'));
    await assert.rejects(p, /stop/);
    const all = await Promise.all(Array.from({ length: 20 }, (_, i) => pool.hashRanges(file, [{ offset: i, length: 4096 }])));
    all.forEach((r, i) => assert.equal(r.hashes[0], md5(data.subarray(i, i + 4096))));
  } finally {
    await pool.close();
  }
  await assert.rejects(pool.hashRanges(file, [{ offset: 0, length: 1 }]), /closed/);
});

test('warm() starts every thread ahead of work; idle threads end; in-memory bytes hash on a thread', async () => {
  const pool = new HashPool(2, { idleMs: 50 });
  try {
    pool.warm();
    assert.equal(pool.liveThreads, 2);
    const shared = Buffer.from(new SharedArrayBuffer(1 << 20));
    data.copy(shared, 0, 0, 1 << 20);
    assert.equal(await pool.md5(shared.subarray(0, 1000)), md5(data.subarray(0, 1000)));
    assert.equal(await pool.md5(data.subarray(5, 70000)), md5(data.subarray(5, 70000))); // not shared: copied
    await new Promise((res) => setTimeout(res, 200));
    assert.equal(pool.liveThreads, 0);
  } finally {
    await pool.close();
  }
});

test('the engine pool is sized by the cores, WAIE_HASH_THREADS or configureHashing', () => {
  configureHashing({ threads: 3 });
  assert.equal(hashThreads(), 3);
  assert.equal(verifyConcurrency(), 12);
  configureHashing({ threads: 1, files: 1 });
  assert.equal(verifyConcurrency(), 1);
  configureHashing({});
  assert.ok(hashThreads() >= 1);
});
