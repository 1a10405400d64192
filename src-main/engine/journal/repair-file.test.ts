import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile, appendFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RepairFile, identifyInput, type RepairFileHeader } from './repair-file.ts';
import { WaieError } from '../../../src-shared/errors.ts';

async function setup(): Promise<{ dir: string; header: RepairFileHeader }> {
  const dir = await mkdtemp(join(tmpdir(), 'waie-rep-'));
  await writeFile(join(dir, 'log.xml'), '<DriveLog/>');
  const header: RepairFileHeader = { format: 'waie-repair-file', version: 1, mode: 'RepairExport', driveId: '9WM35C3U', copyLog: await identifyInput(join(dir, 'log.xml')), manifest: null, createdAt: 'now' };
  return { dir, header };
}

test('new repair file then resume: records come back, a torn last line is dropped', async () => {
  const { dir, header } = await setup();
  const path = join(dir, 'x.rep');
  const a = RepairFile.open(path, header);
  assert.equal(a.state.resumed, false);
  a.append({ t: 'plan', f: '\\a.bin', whole: true });
  a.append({ t: 'done', c: 'r|\\a.bin|0|10' });
  a.append({ t: 'vmark', i: 7 });
  a.close();
  await appendFile(path, '{"t":"done","c":"r|\\\\a.bin|10|'); // kill -9 in the middle of a write
  const b = RepairFile.open(path, header);
  assert.equal(b.state.resumed, true);
  assert.deepEqual([...b.state.done], ['r|\\a.bin|0|10']);
  assert.deepEqual([...b.state.wholeFiles], ['\\a.bin']);
  assert.equal(b.state.verifiedMark, 7);
  b.append({ t: 'done', c: 'next' });
  b.close();
  const lines = (await readFile(path, 'utf8')).split('\n').filter(Boolean);
  assert.equal(lines.length, 5);
  assert.doesNotThrow(() => lines.forEach((l) => JSON.parse(l)));
  await rm(dir, { recursive: true });
});

test('refuses to resume with another drive, copy log or manifest, saying why', async () => {
  const { dir, header } = await setup();
  const path = join(dir, 'x.rep');
  RepairFile.open(path, header).close();
  const expectMismatch = (h: RepairFileHeader, why: RegExp): void => {
    assert.throws(() => RepairFile.open(path, h), (e: unknown) => e instanceof WaieError && e.info.code === 'REPAIR_FILE_MISMATCH' && why.test(e.info.detail));
  };
  expectMismatch({ ...header, driveId: 'OTHER' }, /drive 9WM35C3U/);
  expectMismatch({ ...header, copyLog: { ...header.copyLog!, sha256: 'ff' } }, /different copy log/);
  expectMismatch({ ...header, copyLog: null }, /different copy log/);
  expectMismatch({ ...header, manifest: { name: 'm', bytes: 1, sha256: 'aa' } }, /without a drive manifest/);
  await writeFile(join(dir, 'notes.txt'), 'hello\n');
  assert.throws(() => RepairFile.open(join(dir, 'notes.txt'), header), (e: unknown) => e instanceof WaieError && e.info.code === 'REPAIR_FILE_INVALID');
  await rm(dir, { recursive: true });
});
