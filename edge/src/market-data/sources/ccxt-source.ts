import { assert } from '@tradewind/shared';
import ccxt, { type Exchange } from 'ccxt';
import { type Bar, isValidBar } from '../bar';
import { INTERVAL_MS } from '../intervals';
import type { TokenBucket } from '../rate-limit';
import { plainDecimal, priceToTicks, volumeToLots } from './grid';
import type { BarQuery, BarSource, SourceAnswer, SourceFailure, SourceId } from './source';

/** Bars asked per request (Binance's maximum for klines). */
export const CCXT_BARS_PER_PAGE = 1000;
/** Pages fetched for one query; past this the answer is partial (SOURCE_PAGE_LIMIT). */
export const CCXT_PAGES_MAX = 10;

export type CcxtSourceOptions = {
  readonly exchangeId: string;
  /** Replaces every REST base URL of the exchange (tests: the local fake). Default: ccxt's own. */
  readonly baseUrl: string | null;
  readonly timeoutMs: number;
  /** Our symbol → the exchange's (e.g. BTC-USD → BTC/USDT); default `${base}/${quote}`. */
  readonly symbols: Readonly<Record<string, string>>;
  readonly limiter: TokenBucket;
};

function makeExchange(o: CcxtSourceOptions): Exchange {
  const Ctor = (ccxt as unknown as Record<string, new (config: object) => Exchange>)[o.exchangeId];
  assert(Ctor !== undefined, `unknown ccxt exchange ${o.exchangeId}`);
  // Our own token bucket limits the rate; ccxt's throttler would queue instead of refusing.
  const ex = new Ctor({
    enableRateLimit: false,
    // ccxt turns an unparseable body into an empty list; the parsed body tells the two apart.
    enableLastJsonResponse: true,
    timeout: o.timeoutMs,
    options: { defaultType: 'spot', fetchMarkets: { types: ['spot'] }, fetchCurrencies: false },
  });
  if (o.baseUrl !== null) {
    const api = ex.urls.api as unknown as Record<string, string>;
    for (const key of Object.keys(api)) api[key] = `${o.baseUrl}/api/v3`;
  }
  return ex;
}

/** Maps a ccxt error to our closed set; anything unexpected is the source being unavailable. */
function failureOf(err: unknown): SourceFailure {
  if (err instanceof ccxt.RequestTimeout) return 'SOURCE_TIMEOUT';
  if (err instanceof ccxt.DDoSProtection || err instanceof ccxt.RateLimitExceeded) return 'SOURCE_RATE_LIMITED';
  if (err instanceof ccxt.BadResponse || err instanceof SyntaxError || err instanceof TypeError) {
    return 'SOURCE_BAD_RESPONSE';
  }
  return 'SOURCE_UNAVAILABLE';
}

/** One ccxt OHLCV row → our bar, or null when any field is malformed or off the grid. */
function toBar(row: unknown, q: BarQuery): Bar | null {
  if (!Array.isArray(row) || row.length < 6 || !row.every((x) => typeof x === 'number')) return null;
  const [t, o, h, l, c, v] = row as number[];
  const { tick, lot } = q.instrument;
  const ticks = [o, h, l, c].map((x) => {
    const d = plainDecimal(x as number);
    return d === null ? null : priceToTicks(d, tick);
  });
  const vd = plainDecimal(v as number);
  const lots = vd === null ? null : volumeToLots(vd, lot);
  if (ticks.some((x) => x === null) || lots === null || !Number.isSafeInteger(t)) return null;
  if ((t as number) % INTERVAL_MS[q.interval] !== 0) return null;
  // ccxt's OHLCV has no trade count: 0 means "not known" for ccxt bars.
  const bar: Bar = [t as number, ...(ticks as [number, number, number, number]), lots, 0];
  return isValidBar(bar) ? bar : null;
}

/** Bars from an exchange through ccxt's `fetchOHLCV`, paged forward from `fromMs`. */
export function ccxtSource(options: CcxtSourceOptions): BarSource {
  const exchange = makeExchange(options);
  const id: SourceId = `ccxt:${options.exchangeId}`;
  async function page(symbol: string, q: BarQuery, sinceMs: number): Promise<Bar[] | SourceFailure> {
    if (!options.limiter.tryTake()) return 'SOURCE_RATE_LIMITED';
    let rows: unknown;
    try {
      rows = await exchange.fetchOHLCV(symbol, q.interval, sinceMs, CCXT_BARS_PER_PAGE, { until: q.toMs - 1 });
    } catch (err) {
      return failureOf(err);
    }
    if (!Array.isArray(rows)) return 'SOURCE_BAD_RESPONSE';
    if (rows.length === 0 && exchange.last_json_response === undefined) return 'SOURCE_BAD_RESPONSE';
    const bars: Bar[] = [];
    for (const row of rows) {
      const bar = toBar(row, q);
      if (bar === null) return 'SOURCE_BAD_RESPONSE'; // one bad row taints the page: store none of it
      if (bar[0] >= sinceMs && bar[0] < q.toMs) bars.push(bar);
    }
    return bars;
  }
  return {
    id,
    async fetchBars(q): Promise<SourceAnswer> {
      const symbol = options.symbols[q.instrument.symbol] ?? `${q.instrument.base}/${q.instrument.quote}`;
      const bars: Bar[] = [];
      let since = q.fromMs;
      for (let n = 0; n < CCXT_PAGES_MAX; n += 1) {
        const got = await page(symbol, q, since);
        if (typeof got === 'string') return { bars, failure: got };
        const last = got.at(-1);
        if (last === undefined || last[0] < since) return { bars, failure: null };
        for (const b of got) if (bars.length === 0 || b[0] > (bars.at(-1) as Bar)[0]) bars.push(b);
        since = last[0] + INTERVAL_MS[q.interval];
        if (since >= q.toMs || got.length < CCXT_BARS_PER_PAGE) return { bars, failure: null };
      }
      return { bars, failure: 'SOURCE_PAGE_LIMIT' };
    },
  };
}
