import type { ChartInterval } from './intervals';

/** Edge's `GET /md/v1/candles` answer (the same data as `market.candles`, bars as an array). */
export type CandlesAnswer = {
  symbol: string;
  interval: string;
  source: string;
  tickSize: string;
  lotSize: string;
  from: number;
  to: number;
  partial: boolean;
  reason: string | null;
  bars: unknown;
};
export type CandlesQuery = { symbol: string; interval: ChartInterval; from: number; to: number };

/** The one path the service worker may cache (public market data, never authenticated). */
export const CANDLES_PATH = '/md/v1/candles';
/** The query parameter (ignored by edge) that marks an answer the service worker may keep. */
export const KEEP_OFFLINE_PARAM = 'keep';

export class CandlesError extends Error {}

/**
 * Candles over edge's plain HTTP route: no tRPC, no credentials (public data), so the
 * service worker can keep the latest answer per symbol and interval for offline use and
 * no authenticated response can ever end up in that cache.
 */
export async function fetchCandles(
  q: CandlesQuery,
  fetchFn: typeof fetch = fetch,
  options: { keepOffline?: boolean } = {},
): Promise<CandlesAnswer> {
  const params = new URLSearchParams({
    symbol: q.symbol,
    interval: q.interval,
    from: String(q.from),
    to: String(q.to),
  });
  // keep=1: only the latest page of a chart is kept offline; older pages never replace it.
  if (options.keepOffline) params.set(KEEP_OFFLINE_PARAM, '1');
  const res = await fetchFn(`${CANDLES_PATH}?${params}`, {
    credentials: 'omit',
    headers: { accept: 'application/json' },
  });
  const body = (await res.json().catch(() => null)) as (CandlesAnswer & { error?: { message?: string } }) | null;
  if (!res.ok || body === null || typeof body.tickSize !== 'string') {
    throw new CandlesError(body?.error?.message ?? `candles failed (${res.status})`);
  }
  return body;
}
