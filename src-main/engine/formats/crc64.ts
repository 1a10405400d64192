/**
 * CRC-64 as used in the `crc64` attribute of 2021-08-01 Data Box / Import-Export verbose logs (formats.md
 * §1.3): reflected CRC-64 with polynomial 0x9A6C9329AC4BC9B5 (reversed form 0x9A6C9329AC4BC9B5 of the
 * normal 0xAD93D23594C93659), initial value and final xor all ones (the "CRC-64/NVME" parameters; check
 * value for ASCII `123456789` is 0xAE8B14860A799888). The log writes it in decimal.
 *
 * Table-driven (slicing-by-8 over two 32-bit halves, no BigInt in the inner loop) and incremental:
 * `crc64(b, crc64(a)) === crc64(a ‖ b)`, so a file can be hashed chunk by chunk.
 */

/** The reflected polynomial, as used by the right-shifting algorithm. */
export const CRC64_POLY_REFLECTED = 0x9a6c9329ac4bc9b5n;

const POLY_LO = Number(CRC64_POLY_REFLECTED & 0xffffffffn) >>> 0;
const POLY_HI = Number(CRC64_POLY_REFLECTED >> 32n) >>> 0;

/** 8 tables × 256 entries, low and high 32-bit halves. */
const T_LO = new Uint32Array(8 * 256);
const T_HI = new Uint32Array(8 * 256);

for (let n = 0; n < 256; n++) {
  let lo = n;
  let hi = 0;
  for (let k = 0; k < 8; k++) {
    const lsb = lo & 1;
    lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
    hi = hi >>> 1;
    if (lsb !== 0) {
      lo = (lo ^ POLY_LO) >>> 0;
      hi = (hi ^ POLY_HI) >>> 0;
    }
  }
  T_LO[n] = lo;
  T_HI[n] = hi;
}
for (let t = 1; t < 8; t++) {
  for (let n = 0; n < 256; n++) {
    const pLo = T_LO[(t - 1) * 256 + n] as number;
    const pHi = T_HI[(t - 1) * 256 + n] as number;
    const idx = pLo & 0xff;
    T_LO[t * 256 + n] = (((pLo >>> 8) | (pHi << 24)) ^ (T_LO[idx] as number)) >>> 0;
    T_HI[t * 256 + n] = ((pHi >>> 8) ^ (T_HI[idx] as number)) >>> 0;
  }
}

/**
 * Computes (or continues) a CRC-64 (formats.md §1.3 parameters).
 *
 * @param data bytes to add
 * @param prev the CRC returned for the preceding bytes (default `0n`, the CRC of no bytes)
 * @returns the CRC of all bytes so far, an unsigned 64-bit value; print with `.toString()` to compare with
 *   a verbose log's decimal `crc64`
 */
export function crc64(data: Uint8Array, prev: bigint = 0n): bigint {
  // Undo the final xor of `prev` to get the running register (init = all ones when prev = 0).
  const state = (prev ^ 0xffffffffffffffffn) & 0xffffffffffffffffn;
  let lo = Number(state & 0xffffffffn) >>> 0;
  let hi = Number(state >> 32n) >>> 0;
  const n = data.length;
  let i = 0;
  const end8 = n - (n % 8);
  while (i < end8) {
    const a = (lo ^ ((data[i] as number) | ((data[i + 1] as number) << 8) | ((data[i + 2] as number) << 16) | ((data[i + 3] as number) << 24))) >>> 0;
    const b = (hi ^ ((data[i + 4] as number) | ((data[i + 5] as number) << 8) | ((data[i + 6] as number) << 16) | ((data[i + 7] as number) << 24))) >>> 0;
    const i7 = 7 * 256 + (a & 0xff);
    const i6 = 6 * 256 + ((a >>> 8) & 0xff);
    const i5 = 5 * 256 + ((a >>> 16) & 0xff);
    const i4 = 4 * 256 + (a >>> 24);
    const i3 = 3 * 256 + (b & 0xff);
    const i2 = 2 * 256 + ((b >>> 8) & 0xff);
    const i1 = 256 + ((b >>> 16) & 0xff);
    const i0 = b >>> 24;
    lo =
      ((T_LO[i7] as number) ^ (T_LO[i6] as number) ^ (T_LO[i5] as number) ^ (T_LO[i4] as number) ^
        (T_LO[i3] as number) ^ (T_LO[i2] as number) ^ (T_LO[i1] as number) ^ (T_LO[i0] as number)) >>> 0;
    hi =
      ((T_HI[i7] as number) ^ (T_HI[i6] as number) ^ (T_HI[i5] as number) ^ (T_HI[i4] as number) ^
        (T_HI[i3] as number) ^ (T_HI[i2] as number) ^ (T_HI[i1] as number) ^ (T_HI[i0] as number)) >>> 0;
    i += 8;
  }
  while (i < n) {
    const idx = (lo ^ (data[i] as number)) & 0xff;
    lo = (((lo >>> 8) | (hi << 24)) ^ (T_LO[idx] as number)) >>> 0;
    hi = ((hi >>> 8) ^ (T_HI[idx] as number)) >>> 0;
    i++;
  }
  return ((BigInt(hi) << 32n) | BigInt(lo)) ^ 0xffffffffffffffffn;
}
