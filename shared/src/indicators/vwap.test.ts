import { describe, expect, it } from 'vitest';
import { Vwap } from './vwap';

/** Σ tp·v ÷ Σ v over the last `window` bars, summed afresh. */
function naive(bars: readonly [number, number, number, number][], window: number): number {
  let pv = 0;
  let v = 0;
  for (const [h, l, c, vol] of bars.slice(-window)) {
    pv += ((h + l + c) / 3) * vol;
    v += vol;
  }
  return pv / v;
}

describe('rolling VWAP', () => {
  it('forgets a huge volume once it has left the window (no rounding it left behind)', () => {
    const window = 20;
    const vwap = new Vwap({ window });
    const bars: [number, number, number, number][] = [];
    let worst = 0;
    for (let i = 0; i < 2_000; i++) {
      // Every 97th bar trades 10^15 lots at a far-off price; the others one lot around 100.
      const huge = i % 97 === 0;
      const price = huge ? 12_345.678 : 100 + ((i * 7) % 13) / 10;
      const bar: [number, number, number, number] = [price + 0.5, price - 0.5, price, huge ? 1e15 : 1];
      bars.push(bar);
      const got = vwap.next(...bar);
      const want = naive(bars, window);
      worst = Math.max(worst, Math.abs(got - want) / want);
    }
    // Subtracting each leaving bar alone left relative errors near 1 here; resummed when a bar
    // that outweighs the rest leaves, what stays is the rounding of about a window of bars.
    expect(worst).toBeLessThan(1e-12);
  });
});
