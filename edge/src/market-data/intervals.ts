import { BAR_INTERVALS, type BarInterval } from '@tradewind/db/schema';

export { BAR_INTERVALS, type BarInterval };

/** Length of each bar interval. 1d bars open at 00:00 UTC (epoch-aligned, like every interval here). */
export const INTERVAL_MS: Readonly<Record<BarInterval, number>> = {
  '1s': 1_000,
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
};

export function isBarInterval(value: string): value is BarInterval {
  return (BAR_INTERVALS as readonly string[]).includes(value);
}

/** The open time of the bar that contains `timeMs`. */
export function alignDown(timeMs: number, interval: BarInterval): number {
  const ms = INTERVAL_MS[interval];
  return Math.floor(timeMs / ms) * ms;
}

/** The first bar open time at or after `timeMs`. */
export function alignUp(timeMs: number, interval: BarInterval): number {
  const ms = INTERVAL_MS[interval];
  return Math.ceil(timeMs / ms) * ms;
}
