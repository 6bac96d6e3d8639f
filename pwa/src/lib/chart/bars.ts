/**
 * A bar as the chart draws it: times in seconds (lightweight-charts' UTCTimestamp), prices
 * and volume as floating-point numbers. Display only: the exact integers stay on the server.
 */
export type ChartBar = { time: number; open: number; high: number; low: number; close: number; volume: number };

/** The wire shape of edge's `market.candles` bars: `[openTimeMs, o, h, l, c, volumeLots, trades]` in ticks. */
export type WireBar = readonly [number, number, number, number, number, number, number];

/** Ticks × tick size, rounded to the tick's decimals so that 0.1 + 0.2 noise never shows. */
export function scaleOf(step: string): { factor: number; decimals: number } {
  const decimals = step.includes('.') ? (step.split('.')[1]?.length ?? 0) : 0;
  return { factor: Number(step), decimals };
}

export function toChartBars(bars: readonly WireBar[], tickSize: string, lotSize: string): ChartBar[] {
  const tick = scaleOf(tickSize);
  const lot = scaleOf(lotSize);
  const p = (ticks: number) => Number((ticks * tick.factor).toFixed(tick.decimals));
  return bars.map(([t, o, h, l, c, v]) => ({
    time: t / 1000,
    open: p(o),
    high: p(h),
    low: p(l),
    close: p(c),
    volume: Number((v * lot.factor).toFixed(lot.decimals)),
  }));
}

/** Older bars in front of newer ones, without duplicates (pages may overlap at the seam). */
export function prependBars(older: readonly ChartBar[], newer: readonly ChartBar[]): ChartBar[] {
  const first = newer[0]?.time ?? Number.POSITIVE_INFINITY;
  return [...older.filter((b) => b.time < first), ...newer];
}

/** Edge's bars → tuples, dropping anything that is not one (the answer crossed a network). */
export function parseBars(bars: unknown): WireBar[] {
  if (!Array.isArray(bars)) return [];
  return bars.filter((b): b is WireBar => Array.isArray(b) && b.length === 7 && b.every((x) => typeof x === 'number'));
}
