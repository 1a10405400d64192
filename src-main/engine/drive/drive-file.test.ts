import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DIRECT_ALIGN, DriveFile } from './drive-file.ts';

/** Page-aligned memory, as the engine's part buffers are (a shared WebAssembly memory). */
function alignedBuffer(bytes: number): Buffer {
  const pages = Math.ceil(bytes / 65536);
  return Buffer.from(new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true }).buffer, 0, bytes);
}

/** Whether this folder's file system takes O_DIRECT at all (Linux, not tmpfs). */
async function directPossible(dir: string): Promise<boolean> {
  if (process.platform !== 'linux') return false;
  const probe = join(dir, 'probe');
  await writeFile(probe, '');
  const fh = await open(probe, constants.O_RDWR | constants.O_DIRECT).catch(() => undefined);
  await fh?.close();
  return fh !== undefined;
}

test('aligned parts go through the direct handle, anything unaligned through the ordinary one; the file holds every byte', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'waie-df-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  if (!(await directPossible(dir))) return t.skip('this file system (or OS) has no O_DIRECT');
  const path = join(dir, 'f.bin');
  const expected = randomBytes(3 * 1024 * 1024 + 100);
  await writeFile(path, Buffer.alloc(expected.length));
  const f = await DriveFile.open(path);
  try {
    const part = alignedBuffer(1024 * 1024);
    expected.copy(part, 0, 1024 * 1024, 2 * 1024 * 1024);
    await f.write(part, 1024 * 1024, true); // aligned address, offset and length: direct
    assert.equal(f.directBytes, 1024 * 1024);
    const before = f.directBytes;
    await f.write(expected.subarray(0, 1024 * 1024), 0, false); // not claimed aligned: ordinary
    await f.write(expected.subarray(2 * 1024 * 1024), 2 * 1024 * 1024, false);
    assert.equal(f.directBytes, before, 'a buffer not claimed aligned never goes direct');
    const odd = alignedBuffer(DIRECT_ALIGN);
    await f.write(odd.subarray(0, 100), 2 * 1024 * 1024 + 5, true); // unaligned offset and length: ordinary
    Buffer.alloc(100).copy(expected, 2 * 1024 * 1024 + 5);
    assert.equal(f.directBytes, before);
    await f.sync();
  } finally {
    await f.close();
  }
  assert.deepEqual(await readFile(path), expected);
});

test('a buffer claimed aligned that is not: the system refuses the direct write (EINVAL), it is redone through the ordinary handle, and the file stays ordinary', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'waie-df-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  if (!(await directPossible(dir))) return t.skip('this file system (or OS) has no O_DIRECT');
  const path = join(dir, 'g.bin');
  const f = await DriveFile.open(path);
  const misaligned = alignedBuffer(2 * DIRECT_ALIGN).subarray(16, 16 + DIRECT_ALIGN); // 16 bytes past a page boundary
  misaligned.fill(7);
  try {
    await f.write(misaligned, 0, true);
    assert.equal(f.directBytes, 0, 'refused, so written the ordinary way');
    const good = alignedBuffer(DIRECT_ALIGN).fill(9);
    await f.write(good, DIRECT_ALIGN, true);
    assert.equal(f.directBytes, 0, 'after a refusal the file is written the ordinary way only');
  } finally {
    await f.close();
  }
  assert.deepEqual(await readFile(path), Buffer.concat([Buffer.alloc(DIRECT_ALIGN, 7), Buffer.alloc(DIRECT_ALIGN, 9)]));
});

test('WAIE_DIRECT_IO=0 turns direct writes off; open creates a missing file and never truncates one', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'waie-df-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, 'h.bin');
  await writeFile(path, Buffer.alloc(2 * DIRECT_ALIGN, 1));
  process.env.WAIE_DIRECT_IO = '0';
  let f: DriveFile;
  try {
    f = await DriveFile.open(path);
  } finally {
    delete process.env.WAIE_DIRECT_IO;
  }
  try {
    assert.equal((await f.stat()).size, 2 * DIRECT_ALIGN, 'not truncated');
    await f.write(alignedBuffer(DIRECT_ALIGN).fill(2), 0, true);
    assert.equal(f.directBytes, 0);
  } finally {
    await f.close();
  }
  assert.deepEqual(await readFile(path), Buffer.concat([Buffer.alloc(DIRECT_ALIGN, 2), Buffer.alloc(DIRECT_ALIGN, 1)]));
  const created = await DriveFile.open(join(dir, 'new.bin'));
  assert.equal((await created.stat()).size, 0);
  await created.close();
});
