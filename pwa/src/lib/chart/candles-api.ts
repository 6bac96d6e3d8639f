import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../api/app-router';
import type { ChartInterval } from './intervals';

export type CandlesAnswer = inferRouterOutputs<AppRouter>['market']['candles'];
export type CandlesQuery = { symbol: string; interval: ChartInterval; from: number; to: number };

/** The one URL path the service worker may cache (public market data, never authenticated). */
export const CANDLES_PATH = '/trpc/market.candles';

/** The query parameter (ignored by edge) that marks an answer the service worker may keep. */
export const KEEP_OFFLINE_PARAM = 'keep';

export class CandlesError extends Error {}

/**
 * `market.candles` as a plain, unbatched GET without credentials: public data, so the
 * service worker can keep the last answer per symbol and interval for offline use, and
 * no authenticated response can ever end up in that cache.
 */
export async function fetchCandles(
  q: CandlesQuery,
  fetchFn: typeof fetch = fetch,
  options: { keepOffline?: boolean } = {},
): Promise<CandlesAnswer> {
  // `keep=1` asks the service worker to keep this answer for offline use: only the latest
  // page of a chart, never the older pages scrolled in (they would replace it).
  const keep = options.keepOffline ? `&${KEEP_OFFLINE_PARAM}=1` : '';
  const url = `${CANDLES_PATH}?input=${encodeURIComponent(JSON.stringify(q))}${keep}`;
  const res = await fetchFn(url, { credentials: 'omit', headers: { accept: 'application/json' } });
  const body = (await res.json().catch(() => null)) as {
    result?: { data?: CandlesAnswer };
    error?: { message?: string };
  } | null;
  const data = body?.result?.data;
  if (!res.ok || data === undefined) throw new CandlesError(body?.error?.message ?? `candles failed (${res.status})`);
  return data;
}
