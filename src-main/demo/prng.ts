/**
 * A small seeded pseudo-random generator for the sample export drives: the same seed always gives
 * the same bytes, on every platform and Node version. Not for anything security-related.
 *
 * Algorithm: sfc32 (Chris Doty-Humphrey's "small fast counting" generator, as in PractRand), its
 * 128-bit state filled from the seed with splitmix32.
 */

/** Deterministic generator of 32-bit words, integers, bytes and pseudo-text. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** @param seed any integer; values beyond 32 bits are folded in. */
  constructor(seed: number) {
    let s = (seed >>> 0) ^ Math.floor(seed / 0x1_0000_0000);
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.u32();
  }

  /** Next unsigned 32-bit integer. */
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor((this.u32() / 0x1_0000_0000) * (hi - lo + 1));
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const v = items[this.int(0, items.length - 1)];
    if (v === undefined) throw new Error('Prng.pick: empty array');
    return v;
  }

  /** `n` pseudo-random bytes. */
  bytes(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    let i = 0;
    for (; i + 4 <= n; i += 4) out.writeUInt32LE(this.u32(), i);
    if (i < n) {
      const last = this.u32();
      for (let k = 0; i < n; i++, k++) out[i] = (last >>> (8 * k)) & 0xff;
    }
    return out;
  }

  /**
   * Exactly `n` bytes of UTF-8 text: lines of words from `words` (which may hold non-ASCII words),
   * padded with ASCII so the length is exact even when a multi-byte character would straddle the end.
   */
  text(n: number, words: readonly string[]): Buffer {
    const parts: string[] = [];
    let size = 0;
    let line = 0;
    while (size < n) {
      const w = line === 0 ? this.pick(words).replace(/^./, (c) => c.toUpperCase()) : this.pick(words);
      const sep = line > 9 && this.int(0, 3) === 0 ? '.\n' : ' ';
      line = sep === ' ' ? line + 1 : 0;
      const piece = w + sep;
      parts.push(piece);
      size += Buffer.byteLength(piece);
    }
    const buf = Buffer.from(parts.join(''), 'utf8');
    // Cut on a character boundary before the last byte, pad with spaces, end with a newline.
    let cut = Math.min(Math.max(n - 1, 0), buf.length);
    while (cut > 0 && cut < buf.length && ((buf[cut] ?? 0) & 0xc0) === 0x80) cut--;
    const out = Buffer.alloc(n, 0x20);
    buf.copy(out, 0, 0, cut);
    if (n > 0) out[n - 1] = 0x0a;
    return out;
  }
}
