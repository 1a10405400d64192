import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { crc64 } from './crc64.ts';

/** Bit-at-a-time reference of the same CRC (formats.md §1.3): reflected, poly 0x9A6C9329AC4BC9B5, init/xorout all ones. */
function reference(data: Uint8Array): bigint {
  let c = 0xffffffffffffffffn;
  for (const b of data) {
    c ^= BigInt(b);
    for (let k = 0; k < 8; k++) c = (c & 1n) !== 0n ? (c >> 1n) ^ 0x9a6c9329ac4bc9b5n : c >> 1n;
  }
  return c ^ 0xffffffffffffffffn;
}

test('check value: CRC-64 of ASCII "123456789" is 0xAE8B14860A799888', () => {
  assert.equal(crc64(new TextEncoder().encode('123456789')), 0xae8b14860a799888n);
  assert.equal(crc64(new TextEncoder().encode('123456789')).toString(), '12577168950296156296');
});

test('empty input gives 0 (as the 2021 verbose logs show for Size="0" crc64="0")', () => {
  assert.equal(crc64(new Uint8Array(0)), 0n);
  assert.equal(crc64(new Uint8Array(0), 12345n), 12345n);
});

test('matches the bitwise reference for all lengths 0 … 40 and random data', () => {
  const data = randomBytes(4096);
  for (let n = 0; n <= 40; n++) assert.equal(crc64(data.subarray(0, n)), reference(data.subarray(0, n)), `length ${n}`);
  assert.equal(crc64(data), reference(data));
});

test('incremental: hashing in chunks equals hashing at once', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(300), { maxLength: 5 }), (bytes, cuts) => {
      const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
      let crc = 0n;
      let prev = 0;
      for (const p of [...points, bytes.length]) {
        crc = crc64(bytes.subarray(prev, p), crc);
        prev = p;
      }
      assert.equal(crc, crc64(bytes));
    }),
    { numRuns: 200, seed: 64 },
  );
});
