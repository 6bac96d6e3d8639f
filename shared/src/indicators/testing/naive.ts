/**
 * Naive indicators for tests: every output is recomputed from the whole prefix of the input by the
 * textbook definition (windows sliced and re-summed, recursions re-run from the first bar), so they
 * share no state or trick with the streaming classes. O(n²) or worse: short series only.
 * Each returns, per bar, the output fields in a fixed order, or undefined during warm-up.
 */

export type Row = readonly number[] | undefined;
export type Bar = readonly number[];

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
const mean = (xs: readonly number[]): number => sum(xs) / xs.length;
const at = (xs: readonly number[], i: number): number => xs[i] as number;

function window<T>(xs: readonly T[], t: number, n: number): T[] {
  return xs.slice(t - n + 1, t + 1);
}

/** EMA of `xs[0..t]` seeded by the SMA of the first n, by the textbook recursion; NaN before. */
function emaAt(xs: readonly number[], n: number, t: number): number {
  if (t + 1 < n) return Number.NaN;
  const k = 2 / (n + 1);
  let e = mean(xs.slice(0, n));
  for (let i = n; i <= t; i++) e = (at(xs, i) - e) * k + e;
  return e;
}

/** Wilder's smoothing over `xs[first..t]`: mean of the first n values, then (prev·(n−1) + x)/n. */
function wilderAt(xs: readonly number[], first: number, n: number, t: number): number {
  let a = mean(xs.slice(first, first + n));
  for (let i = first + n; i <= t; i++) a = (a * (n - 1) + at(xs, i)) / n;
  return a;
}

export const naiveSma = (xs: readonly number[], n: number): Row[] =>
  xs.map((_, t) => (t + 1 < n ? undefined : [mean(window(xs, t, n))]));

export const naiveEma = (xs: readonly number[], n: number): Row[] =>
  xs.map((_, t) => (t + 1 < n ? undefined : [emaAt(xs, n, t)]));

export function naiveWma(xs: readonly number[], n: number): Row[] {
  return xs.map((_, t) => {
    if (t + 1 < n) return undefined;
    const w = window(xs, t, n);
    let num = 0;
    let den = 0;
    w.forEach((x, j) => {
      num += (j + 1) * x;
      den += j + 1;
    });
    return [num / den];
  });
}

export function naiveRsi(xs: readonly number[], n: number): Row[] {
  const changes = xs.map((x, i) => (i === 0 ? 0 : x - at(xs, i - 1)));
  const gains = changes.map((c) => Math.max(c, 0));
  const losses = changes.map((c) => Math.max(-c, 0));
  return xs.map((_, t) => {
    if (t < n) return undefined;
    const g = wilderAt(gains, 1, n, t);
    const l = wilderAt(losses, 1, n, t);
    if (l === 0) return [g === 0 ? 50 : 100];
    return [100 - 100 / (1 + g / l)];
  });
}

export function naiveMacd(xs: readonly number[], fast: number, slow: number, signal: number): Row[] {
  const line = (t: number) => emaAt(xs, fast, t) - emaAt(xs, slow, t);
  return xs.map((_, t) => {
    if (t + 1 < slow + signal - 1) return undefined;
    const lines: number[] = [];
    for (let i = slow - 1; i <= t; i++) lines.push(line(i));
    const m = line(t);
    const s = emaAt(lines, signal, lines.length - 1);
    return [m, s, m - s];
  });
}

export function naiveBollinger(xs: readonly number[], n: number, k: number): Row[] {
  return xs.map((_, t) => {
    if (t + 1 < n) return undefined;
    const w = window(xs, t, n);
    const m = mean(w);
    const sd = Math.sqrt(mean(w.map((x) => (x - m) ** 2)));
    return [m, m + k * sd, m - k * sd];
  });
}

/** Bars are [high, low, close] (and volume for the volume indicators). */
function trueRanges(bars: readonly Bar[]): number[] {
  return bars.map(([h = 0, l = 0], i) => {
    if (i === 0) return h - l;
    const pc = at(bars[i - 1] as Bar, 2);
    return Math.max(h - l, Math.abs(h - pc), Math.abs(l - pc));
  });
}

export function naiveAtr(bars: readonly Bar[], n: number): Row[] {
  const tr = trueRanges(bars);
  return bars.map((_, t) => (t + 1 < n ? undefined : [wilderAt(tr, 0, n, t)]));
}

export function naiveStochastic(bars: readonly Bar[], kP: number, dP: number, smooth: number): Row[] {
  const raw = bars.map((b, t) => {
    if (t + 1 < kP) return Number.NaN;
    const w = window(bars, t, kP);
    const hh = Math.max(...w.map((x) => at(x, 0)));
    const ll = Math.min(...w.map((x) => at(x, 1)));
    return hh === ll ? 50 : ((at(b, 2) - ll) / (hh - ll)) * 100;
  });
  const k = raw.map((_, t) => (t + 1 < kP + smooth - 1 ? Number.NaN : mean(window(raw, t, smooth))));
  return bars.map((_, t) => {
    if (t + 1 < kP + smooth + dP - 2) return undefined;
    return [at(k, t), mean(window(k, t, dP))];
  });
}

export function naiveVwap(bars: readonly Bar[], win: number): Row[] {
  return bars.map((_, t) => {
    const w = win > 0 ? bars.slice(Math.max(0, t - win + 1), t + 1) : bars.slice(0, t + 1);
    const volume = sum(w.map((b) => at(b, 3)));
    if (volume === 0) return undefined;
    const pv = sum(w.map(([h = 0, l = 0, c = 0, v = 0]) => ((h + l + c) / 3) * v));
    return [pv / volume];
  });
}

export function naiveObv(bars: readonly Bar[]): Row[] {
  return bars.map((_, t) => {
    let obv = 0;
    for (let i = 1; i <= t; i++) {
      const c = at(bars[i] as Bar, 0);
      const pc = at(bars[i - 1] as Bar, 0);
      obv += c > pc ? at(bars[i] as Bar, 1) : c < pc ? -at(bars[i] as Bar, 1) : 0;
    }
    return [obv];
  });
}

export function naiveDonchian(bars: readonly Bar[], n: number): Row[] {
  return bars.map((_, t) => {
    if (t + 1 < n) return undefined;
    const w = window(bars, t, n);
    const upper = Math.max(...w.map((b) => at(b, 0)));
    const lower = Math.min(...w.map((b) => at(b, 1)));
    return [(upper + lower) / 2, upper, lower];
  });
}

export { naiveAdx } from './naive-adx';
