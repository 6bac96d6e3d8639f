import { parseBars, type WireBar } from '../chart/bars';
import { fetchCandles } from '../chart/candles-api';
import type { ChartInterval } from '../chart/intervals';

/**
 * Candles for a backtest from edge's public route. Offline, the service worker answers with
 * the chart's latest cached page for the symbol and interval (whatever range was asked), so a
 * chart viewed once can be backtested without a network; the run then covers what is cached.
 */
export async function loadCandles(
  q: { symbol: string; interval: ChartInterval; from: number; to: number },
  fetchFn: typeof fetch = (i, init) => globalThis.fetch(i, init),
): Promise<{ bars: WireBar[]; partial: string | null }> {
  const answer = await fetchCandles(q, fetchFn);
  return { bars: parseBars(answer.bars), partial: answer.reason };
}
