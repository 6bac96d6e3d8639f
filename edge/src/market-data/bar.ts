/**
 * One OHLCV bar in the instrument's integers: prices in ticks, volume in lots.
 * A tuple, not an object: candle answers carry thousands of them and this is also the
 * wire shape (`[openTimeMs, open, high, low, close, volumeLots, tradeCount]`).
 */
export type Bar = readonly [
  openTimeMs: number,
  openTicks: number,
  highTicks: number,
  lowTicks: number,
  closeTicks: number,
  volumeLots: number,
  tradeCount: number,
];

/** True when the bar is internally consistent (the same rule as the table's check constraint). */
export function isValidBar(b: Bar): boolean {
  const [t, o, h, l, c, v, n] = b;
  const ints = b.every((x) => Number.isSafeInteger(x));
  return ints && t >= 0 && l > 0 && l <= Math.min(o, c) && h >= Math.max(o, c) && v >= 0 && n >= 0;
}
