import { assert } from '../util/assert';

/**
 * xoshiro128** (Blackman & Vigna, https://prng.di.unimi.it/xoshiro128starstar.c): a small,
 * fast, well-tested 32-bit generator. Seeded through splitmix32 so that any 32-bit seed,
 * including 0, gives a usable state. Only integer and IEEE-exact float operations are used,
 * so a seed yields the same sequence on every JavaScript engine (Node, browsers, workers).
 */
export class Xoshiro128 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  private constructor(a: number, b: number, c: number, d: number) {
    assert((a | b | c | d) !== 0, 'xoshiro128** state must not be all zero');
    this.a = a >>> 0;
    this.b = b >>> 0;
    this.c = c >>> 0;
    this.d = d >>> 0;
  }

  /** A generator seeded from one 32-bit integer (expanded with splitmix32). */
  static fromSeed(seed: number): Xoshiro128 {
    assert(Number.isInteger(seed), `seed must be an integer: ${seed}`);
    const mix = splitmix32(seed >>> 0);
    const a = mix();
    const b = mix();
    const c = mix();
    const d = mix();
    // splitmix32 outputs are a bijection of distinct counters: four zeros cannot happen.
    return new Xoshiro128(a, b, c, d);
  }

  /** A generator from a raw state; for reproducing the reference vectors. */
  static fromState(a: number, b: number, c: number, d: number): Xoshiro128 {
    return new Xoshiro128(a, b, c, d);
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1), with 32 bits of resolution. */
  nextFloat(): number {
    return this.nextUint32() / 4_294_967_296;
  }

  /** Uniform integer in [0, n). The modulo bias of a 32-bit draw is below 2^-20 for n ≤ 4096. */
  nextInt(n: number): number {
    assert(Number.isInteger(n) && n > 0 && n <= 4096, `nextInt bound out of range: ${n}`);
    return Math.floor(this.nextFloat() * n);
  }

  /**
   * Approximately standard normal: Irwin–Hall sum of four uniforms, centred and scaled to
   * unit variance (the sum of n uniforms has variance n/12). Avoids Math.log/cos, whose last
   * bits may differ between engines; tails are cut at ±2√3, which a market sim can live with.
   */
  nextStandardish(): number {
    const sum = this.nextFloat() + this.nextFloat() + this.nextFloat() + this.nextFloat();
    return (sum - 2) * SQRT3;
  }
}

const SQRT3 = Math.sqrt(3);

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** splitmix32: a counter through a 32-bit finaliser (the MurmurHash3 fmix constants). */
function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a over UTF-16 code units: derives a per-stream seed from a name (e.g. a symbol). */
export function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
