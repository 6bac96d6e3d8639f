import { describe, expect, it } from 'vitest';
import { SafeIntMap } from './safe-int-map';

/** xorshift32: a seeded stream for the keys (tests are deterministic). */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

describe('SafeIntMap', () => {
  it('agrees with a Map over random inserts and removes of small, sequential and huge keys', () => {
    const seed = 1234567;
    const rnd = rng(seed);
    const map = new SafeIntMap(2);
    const ref = new Map<number, number>();
    const keyOf = (r: number) =>
      r < 0.3 ? Math.floor(r * 1000) : r < 0.6 ? 2 ** 32 * Math.floor(r * 64) : Math.floor(r * Number.MAX_SAFE_INTEGER);
    for (let step = 0; step < 50_000; step++) {
      const key = keyOf(rnd());
      if (ref.has(key)) {
        expect(map.remove(key), `seed ${seed} step ${step}`).toBe(ref.get(key));
        ref.delete(key);
      } else {
        map.insert(key, step);
        ref.set(key, step);
      }
      if (step % 997 === 0) {
        let wrong = 0;
        for (const [k, v] of ref) if (map.get(k) !== v) wrong++;
        expect(wrong, `seed ${seed} step ${step}`).toBe(0);
      }
    }
    expect(map.size).toBe(ref.size);
    let seen = 0;
    map.forEach((k, v) => {
      expect(ref.get(k)).toBe(v);
      seen++;
    });
    expect(seen).toBe(ref.size);
    expect(map.get(-1)).toBe(-1);
    expect(map.remove(-1)).toBe(-1);
  });
});
