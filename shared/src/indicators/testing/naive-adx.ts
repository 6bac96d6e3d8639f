import type { Bar, Row } from './naive';

/**
 * Wilder's ADX by his original running-sum formulation (TR14 = TR14 − TR14/14 + TR, the same for
 * ±DM), re-run from the first bar for every output: independent of the streaming class, which
 * works with averages instead of sums.
 */
export function naiveAdx(bars: readonly Bar[], n: number): Row[] {
  return bars.map((_, t) => (t + 1 < 2 * n ? undefined : adxAt(bars, n, t)));
}

function moves(bars: readonly Bar[], i: number): [tr: number, pdm: number, mdm: number] {
  const [h = 0, l = 0] = bars[i] as Bar;
  const [ph = 0, pl = 0, pc = 0] = bars[i - 1] as Bar;
  const up = h - ph;
  const down = pl - l;
  const tr = Math.max(h - l, Math.abs(h - pc), Math.abs(l - pc));
  return [tr, up > down && up > 0 ? up : 0, down > up && down > 0 ? down : 0];
}

function adxAt(bars: readonly Bar[], n: number, t: number): number[] {
  let tr = 0;
  let pdm = 0;
  let mdm = 0;
  const dxs: number[] = [];
  let di: [number, number] = [0, 0];
  for (let i = 1; i <= t; i++) {
    const [r, p, m] = moves(bars, i);
    if (i <= n) {
      tr += r;
      pdm += p;
      mdm += m;
    } else {
      tr = tr - tr / n + r;
      pdm = pdm - pdm / n + p;
      mdm = mdm - mdm / n + m;
    }
    if (i < n) continue;
    di = tr === 0 ? [0, 0] : [(100 * pdm) / tr, (100 * mdm) / tr];
    const s = di[0] + di[1];
    dxs.push(s === 0 ? 0 : (100 * Math.abs(di[0] - di[1])) / s);
  }
  let adx = dxs.slice(0, n).reduce((a, b) => a + b, 0) / n;
  for (let j = n; j < dxs.length; j++) adx = (adx * (n - 1) + (dxs[j] as number)) / n;
  return [adx, di[0], di[1]];
}
