import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PathMap, defaultPathMapFile, formatPathMap, mergePathMap, parsePathMap, pathMapKey, setPathMapTargets, updatePathMapFile } from './path-map.ts';

test('parse: TAB-separated, BOM, CRLF, blank lines, quoted targets, lines without a TAB', () => {
  const p = parsePathMap('\uFEFF\\animals\\koala.jpg\tC:\\Users\\bob\\Pictures\\animals\\koala.jpg\r\n\r\n\\a b\\c.txt\t  "D:\\x y\\c.txt"  \r\n\\empty\t\r\n\\notab\r\n');
  assert.equal(p.eol, '\r\n');
  assert.deepEqual(p.entries, [
    { drivePath: '\\animals\\koala.jpg', target: 'C:\\Users\\bob\\Pictures\\animals\\koala.jpg' },
    { drivePath: '\\a b\\c.txt', target: 'D:\\x y\\c.txt' },
    { drivePath: '\\empty', target: '' },
    { drivePath: '\\notab', target: '' },
  ]);
  assert.equal(parsePathMap('\\x\t/y\n').eol, '\n');
  assert.equal(formatPathMap([{ drivePath: '\\a', target: '' }, { drivePath: '\\b', target: '/c' }], '\r\n'), '\\a\t\r\n\\b\t/c\r\n');
});

test('keys compare like Windows paths: case, slashes and the leading separator do not matter', () => {
  assert.equal(pathMapKey('\\Animals\\Koala.JPG'), pathMapKey('animals/koala.jpg'));
  assert.equal(pathMapKey(' /animals\\koala.jpg '), '\\animals\\koala.jpg');
});

test('merge keeps filled-in lines, adds each unresolved path once, drops resolved empty lines only when pruning', () => {
  const existing = [
    { drivePath: '\\mapped.jpg', target: '/home/bob/mapped.jpg' },
    { drivePath: '\\still.jpg', target: '' },
    { drivePath: '\\STILL.jpg', target: '' },
    { drivePath: '\\found-now.jpg', target: '' },
    { drivePath: '\\bad-target.jpg', target: '/nowhere/bad.jpg' },
  ];
  const merged = mergePathMap(existing, ['\\still.jpg', '\\new.jpg', '\\bad-target.jpg', '\\new.jpg', 'with\ttab'], true);
  assert.deepEqual(merged, [
    { drivePath: '\\mapped.jpg', target: '/home/bob/mapped.jpg' },
    { drivePath: '\\still.jpg', target: '' },
    { drivePath: '\\bad-target.jpg', target: '/nowhere/bad.jpg' },
    { drivePath: '\\new.jpg', target: '' },
  ]);
  const kept = mergePathMap(existing, ['\\new.jpg'], false);
  assert.ok(kept.some((e) => e.drivePath === '\\found-now.jpg'), 'an incomplete pass drops nothing');
  assert.equal(kept.filter((e) => pathMapKey(e.drivePath) === '\\still.jpg').length, 1, 'duplicates of an empty line go');
  // Idempotent: merging the result again changes nothing.
  assert.deepEqual(mergePathMap(merged, ['\\still.jpg', '\\new.jpg', '\\bad-target.jpg']), merged);
});

test('files: not created when there is nothing to write, rewritten only on change, line endings kept; targets set for a wizard', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'waie-pm-'));
  try {
    const file = join(dir, 'map.txt');
    assert.deepEqual(await updatePathMapFile(file, []), { written: false, entries: [] });
    await assert.rejects(readFile(file), 'no empty file is created');
    await writeFile(file, '\\user.jpg\tC:\\pics\\user.jpg\r\n');
    const first = await updatePathMapFile(file, ['\\music\\song.mp3']);
    assert.equal(first.written, true);
    assert.equal(await readFile(file, 'utf8'), '\\user.jpg\tC:\\pics\\user.jpg\r\n\\music\\song.mp3\t\r\n');
    assert.equal((await updatePathMapFile(file, ['\\music\\song.mp3'])).written, false);
    await setPathMapTargets(file, [{ drivePath: '\\Music\\Song.mp3', target: ' /backup/song.mp3 ' }, { drivePath: '\\other.bin', target: 'rel/other.bin' }]);
    assert.equal(await readFile(file, 'utf8'), '\\user.jpg\tC:\\pics\\user.jpg\r\n\\music\\song.mp3\t/backup/song.mp3\r\n\\other.bin\trel/other.bin\r\n');
    const map = await PathMap.load(file);
    assert.equal(map.size, 3);
    assert.equal(map.targetFor('/music/SONG.mp3'), '/backup/song.mp3');
    assert.equal(map.targetFor('\\other.bin'), join(dir, 'rel', 'other.bin'), 'relative targets are taken from the map file folder');
    assert.equal(map.targetFor('\\unknown'), undefined);
    await assert.rejects(setPathMapTargets(file, [{ drivePath: '\\x', target: 'a\nb' }]), /one line/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('default path map file: the repair file without its extension + _pathmap.txt', () => {
  assert.equal(defaultPathMapFile('/data/9WM35C3U.rep'), '/data/9WM35C3U_pathmap.txt');
  assert.equal(defaultPathMapFile('/data/drive'), '/data/drive_pathmap.txt');
  assert.equal(defaultPathMapFile('/work.d/drive'), '/work.d/drive_pathmap.txt');
});
