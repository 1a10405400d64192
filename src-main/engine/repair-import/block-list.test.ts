import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LogRange } from '../../../src-shared/formats/types.ts';
import { counterBlockId, defaultLayout, layoutFromLog, mergeBlockList, DEFAULT_BLOCK_BYTES, MAX_BLOCKS_PER_BLOB } from './block-list.ts';

const id = (i: number): string => counterBlockId(i);
const failed = (i: number, offset: number, length: number, status = 'Failed'): LogRange => ({ offset, length, id: id(i), hash: 'A'.repeat(32), status });

test('a failed block left out of the committed list is put back in its place', () => {
  const r = mergeBlockList([{ name: id(0), size: 10 }, { name: id(2), size: 10 }], [failed(1, 10, 10)], 30);
  assert.ok(r.ok);
  assert.deepEqual(r.blocks.map((b) => [b.id, b.offset, b.length, b.upload]), [[id(0), 0, 10, false], [id(1), 10, 10, true], [id(2), 20, 10, false]]);
  assert.equal(r.blocks[1]!.hash, 'A'.repeat(32));
});

test('a failed block committed with bad data under its own ID is replaced; its ID used again elsewhere stays, marked sameAs', () => {
  const replaced = mergeBlockList([{ name: id(0), size: 10 }, { name: id(1), size: 7 }, { name: id(2), size: 10 }], [failed(1, 10, 10, 'Corrupted')], 30);
  assert.ok(replaced.ok);
  assert.deepEqual(replaced.blocks.map((b) => [b.id, b.upload]), [[id(0), false], [id(1), true], [id(2), false]]);
  // Seed 000's import sample: equal blocks share an MD5/… ID. The blob is A B B; the second B failed and was left out.
  const twice = mergeBlockList([{ name: id(0), size: 10 }, { name: id(1), size: 10 }], [failed(1, 20, 10)], 30);
  assert.ok(twice.ok);
  assert.deepEqual(twice.blocks.map((b) => [b.id, b.offset, b.upload, b.sameAs]), [[id(0), 0, false, undefined], [id(1), 10, false, 20], [id(1), 20, true, undefined]]);
});

test('inconsistent inputs are refused with a reason', () => {
  assert.equal(mergeBlockList([{ name: id(0), size: 10 }], [{ offset: 10, length: 10, status: 'Failed' }], 20).ok, false, 'failed block without ID');
  assert.match(String((mergeBlockList([{ name: id(0), size: 15 }], [failed(1, 10, 10)], 20) as { reason: string }).reason), /overlaps/);
  assert.match(String((mergeBlockList([{ name: id(0), size: 10 }], [failed(2, 20, 10)], 30) as { reason: string }).reason), /committed blocks end/);
  assert.match(String((mergeBlockList([{ name: id(0), size: 10 }, { name: id(1), size: 10 }, { name: id(2), size: 10 }], [], 20) as { reason: string }).reason), /beyond|more data/);
  assert.equal(mergeBlockList([{ name: 'QUFBQUFBQUE=', size: 10 }], [failed(1, 10, 10)], 20).ok, false, 'IDs of different lengths');
  assert.equal(mergeBlockList([{ name: id(1), size: 3 }, { name: id(0), size: 10 }, { name: id(3), size: 10 }], [failed(1, 10, 10)], 30).ok, false, 'a failed ID elsewhere that does not fit');
});

test('property: removing or garbling any blocks of a layout and merging the failed ones back gives the layout again', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 12 }),
      fc.array(fc.constantFrom('keep', 'drop', 'garble'), { minLength: 12, maxLength: 12 }),
      (sizes, fate) => {
        let off = 0;
        const layout = sizes.map((size, i) => {
          const b = { id: id(i), offset: off, length: size };
          off += size;
          return b;
        });
        const committed: Array<{ name: string; size: number }> = [];
        const bad: LogRange[] = [];
        layout.forEach((b, i) => {
          const f = fate[i]!;
          if (f !== 'keep') bad.push({ offset: b.offset, length: b.length, id: b.id, status: 'Failed' });
          if (f === 'keep') committed.push({ name: b.id, size: b.length });
          if (f === 'garble') committed.push({ name: b.id, size: b.length + 3 });
        });
        const r = mergeBlockList(committed, bad, off);
        assert.ok(r.ok, r.ok ? '' : r.reason);
        assert.deepEqual(r.blocks.map((b) => [b.id, b.offset, b.length]), layout.map((b) => [b.id, b.offset, b.length]));
        assert.deepEqual(r.blocks.filter((b) => b.upload).map((b) => b.id), bad.map((b) => b.id));
      },
    ),
  );
});

test('the copy log layout is used only when it covers the whole blob with IDs of one length', () => {
  const full = [failed(1, 10, 10, 'Cancelled'), failed(0, 0, 10)];
  assert.deepEqual(layoutFromLog(full, 20)?.map((b) => [b.id, b.offset, b.upload]), [[id(0), 0, true], [id(1), 10, true]]);
  assert.equal(layoutFromLog(full, 25), undefined, 'does not reach the end');
  assert.equal(layoutFromLog([failed(1, 10, 10)], 20), undefined, 'gap at the start');
  assert.equal(layoutFromLog([{ offset: 0, length: 20, status: 'Failed' }], 20), undefined, 'no ID');
  assert.deepEqual(layoutFromLog([], 0), []);
});

test('own layout: 4 MiB counter blocks, bigger only beyond 50,000 blocks; IDs as long as asked', () => {
  const l = defaultLayout(DEFAULT_BLOCK_BYTES * 2 + 5);
  assert.deepEqual(l.map((b) => [b.id, b.offset, b.length]), [['AAAAAA==', 0, DEFAULT_BLOCK_BYTES], ['AQAAAA==', DEFAULT_BLOCK_BYTES, DEFAULT_BLOCK_BYTES], ['AgAAAA==', 2 * DEFAULT_BLOCK_BYTES, 5]]);
  assert.deepEqual(defaultLayout(0), []);
  const huge = DEFAULT_BLOCK_BYTES * MAX_BLOCKS_PER_BLOB + 1;
  const h = defaultLayout(huge);
  assert.ok(h.length <= MAX_BLOCKS_PER_BLOB);
  assert.equal(h.reduce((a, b) => a + b.length, 0), huge);
  assert.equal(Buffer.from(defaultLayout(10, 9)[0]!.id, 'base64').length, 9);
});
