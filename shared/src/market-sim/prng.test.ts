import { describe, expect, it } from 'vitest';
import { hashName, Xoshiro128 } from './prng';

describe('Xoshiro128', () => {
  it('reproduces the reference xoshiro128** outputs for the state (1, 2, 3, 4)', () => {
    // First outputs of the authors' C implementation (prng.di.unimi.it) from s = {1, 2, 3, 4}.
    const g = Xoshiro128.fromState(1, 2, 3, 4);
    expect([g.nextUint32(), g.nextUint32(), g.nextUint32(), g.nextUint32()]).toEqual([11520, 0, 5927040, 70819200]);
  });

  it('gives the same sequence for the same seed and different ones for different seeds', () => {
    const draw = (seed: number) => {
      const g = Xoshiro128.fromSeed(seed);
      return Array.from({ length: 64 }, () => g.nextUint32());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(0).some((x) => x !== 0)).toBe(true);
  });

  it('draws floats in [0, 1) and normal-ish values with mean ≈ 0 and variance ≈ 1', () => {
    const g = Xoshiro128.fromSeed(12345);
    let sum = 0;
    let sumSq = 0;
    let outside = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const f = g.nextFloat();
      if (!(f >= 0 && f < 1)) outside += 1;
      const z = g.nextStandardish();
      sum += z;
      sumSq += z * z;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.03);
  });

  it('rejects nextInt bounds outside (0, 4096]', () => {
    const g = Xoshiro128.fromSeed(1);
    expect(g.nextInt(4096)).toBeLessThan(4096);
    expect(() => g.nextInt(4097)).toThrow();
    expect(() => g.nextInt(0)).toThrow();
  });

  it('hashes names to distinct 32-bit seeds', () => {
    expect(hashName('BTC-USD')).not.toBe(hashName('ETH-USD'));
    expect(hashName('')).toBe(0x811c9dc5);
  });
});
