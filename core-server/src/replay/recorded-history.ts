import type { Sql } from '@tradewind/db';
import { assert } from '@tradewind/shared';
import type { AggressorSide } from '@tradewind/shared/market-data';
import { RECORDED_SOURCE } from '../recording/market-recorder';
import { compareEvents, type ReplayEvent } from './replay-event';

/** Rows per query of each stream: bounds memory per session (3 streams × this many events). */
export const HISTORY_PAGE_ROWS = 2_000;

export type HistoryRange = { readonly symbols: readonly string[]; readonly fromMs: number; readonly toMs: number };

/** The recorded history of a range, in replay order, read page by page. */
export interface HistoryCursor {
  /** The next events (at most `max`), in order; an empty array means the range is exhausted. */
  next(max: number): Promise<ReplayEvent[]>;
}

const iso = (ms: number) => new Date(ms).toISOString();

type Key = readonly [string, string, string];
/** One query: rows after `after` (keyset) with their time in `[startMs, endMs)`, in order, at most a page. */
type Page = { events: ReplayEvent[]; last?: Key; lastMs?: number };
type PageQuery = (after: Key | undefined, startMs: number, endMs: number) => Promise<Page>;

/** First time window of a stream's queries; it then halves after a full page and doubles after a short one. */
export const HISTORY_WINDOW_MS_START = 60_000;
export const HISTORY_WINDOW_MS_MIN = 1_000;
export const HISTORY_WINDOW_MS_MAX = 6 * 3_600_000;

/**
 * One table read in pages by keyset (never OFFSET) inside a moving time window: each query
 * continues strictly after the last row's key and looks no further than the window's end, so
 * it reads (through the time index) about one page of rows wherever it is in a long range,
 * instead of sorting the rest of the range each time. The window adapts to the data's density.
 */
class Stream {
  private buffer: ReplayEvent[] = [];
  private ix = 0;
  private last: Key | undefined;
  private done = false;
  private windowStartMs: number;
  private windowMs = HISTORY_WINDOW_MS_START;

  constructor(
    private readonly query: PageQuery,
    startMs: number,
    private readonly endMs: number,
  ) {
    this.windowStartMs = startMs;
    if (startMs >= endMs) this.done = true;
  }

  /** The head if buffered; 'fetch' when a page must be read first; undefined when exhausted. */
  head(): ReplayEvent | 'fetch' | undefined {
    if (this.ix < this.buffer.length) return this.buffer[this.ix];
    return this.done ? undefined : 'fetch';
  }

  take(): void {
    this.ix += 1;
  }

  /** Reads the next non-empty page, or finds the stream exhausted. */
  async fill(): Promise<void> {
    this.buffer = [];
    this.ix = 0;
    while (!this.done) {
      const windowEnd = Math.min(this.endMs, this.windowStartMs + this.windowMs);
      const { events, last, lastMs } = await this.query(this.last, this.windowStartMs, windowEnd);
      this.last = last ?? this.last;
      if (events.length >= HISTORY_PAGE_ROWS && lastMs !== undefined) {
        // More rows in this window: the next query continues from the last row, narrower.
        this.windowStartMs = lastMs;
        this.windowMs = Math.max(HISTORY_WINDOW_MS_MIN, this.windowMs / 2);
      } else {
        // The window is read to its end; later rows are all after the keyset, so it moves on.
        this.windowStartMs = windowEnd;
        this.windowMs = Math.min(HISTORY_WINDOW_MS_MAX, this.windowMs * 2);
        if (windowEnd >= this.endMs) this.done = true;
      }
      if (events.length > 0) {
        this.buffer = events;
        return;
      }
    }
  }
}

/**
 * Recorded trades (`market_trades`), quotes (`market_quotes`) and core's own 1-second bars
 * (`market_bars`, source `recorded`) of some symbols over `[fromMs, toMs)`, merged in replay
 * order. Quotes have no id, so their ties (same symbol, same millisecond) are broken by the
 * row's physical position (`ctid`): COPY appends in arrival order and rows are never updated,
 * so that is the order they were recorded in and stays the same from one replay to the next.
 */
export function openHistory(sql: Sql, range: HistoryRange): HistoryCursor {
  assert(range.fromMs < range.toMs, 'history range must not be empty');
  const streams = [tradeStream(sql, range), quoteStream(sql, range), barStream(sql, range)];
  return {
    async next(max) {
      const out: ReplayEvent[] = [];
      while (out.length < max) {
        const empty = streams.filter((s) => s.head() === 'fetch');
        if (empty.length > 0) await Promise.all(empty.map((s) => s.fill()));
        let best: Stream | undefined;
        let bestEvent: ReplayEvent | undefined;
        for (const s of streams) {
          const h = s.head();
          if (h === undefined || h === 'fetch') continue;
          if (bestEvent === undefined || compareEvents(h, bestEvent) < 0) {
            best = s;
            bestEvent = h;
          }
        }
        if (best === undefined || bestEvent === undefined) break;
        best.take();
        out.push(bestEvent);
      }
      return out;
    },
  };
}

/** Is there anything at all to replay in the range? (One indexed probe per table.) */
export async function hasHistory(sql: Sql, range: HistoryRange): Promise<boolean> {
  const from = iso(range.fromMs);
  const to = iso(range.toMs);
  const [row] = await sql<{ any: boolean }[]>`
    select exists (select 1 from market_trades where symbol = any(${range.symbols as string[]}) and ts >= ${from} and ts < ${to})
      or exists (select 1 from market_quotes where symbol = any(${range.symbols as string[]}) and ts >= ${from} and ts < ${to})
      or exists (select 1 from market_bars where interval = '1s' and source = ${RECORDED_SOURCE}
        and symbol = any(${range.symbols as string[]}) and open_time >= ${from} and open_time <= ${iso(range.toMs - 1000)})
      as any`;
  return row?.any === true;
}

type TradeRow = { t: string; ts: string; symbol: string; seq: string; p: string; q: string; a: AggressorSide };

function tradeStream(sql: Sql, r: HistoryRange): Stream {
  let n = 0;
  const query: PageQuery = async (after, startMs, endMs) => {
    const rows = await sql<TradeRow[]>`
      select (extract(epoch from ts) * 1000)::bigint as t, ts::text as ts, symbol, seq::text as seq,
        price_ticks as p, qty_lots as q, aggressor as a
      from market_trades
      where symbol = any(${r.symbols as string[]}) and ts >= ${iso(startMs)} and ts < ${iso(endMs)}
        ${after === undefined ? sql`` : sql`and (ts, symbol, seq) > (${after[0]}::timestamptz, ${after[1]}, ${after[2]}::bigint)`}
      order by ts, symbol, seq limit ${HISTORY_PAGE_ROWS}`;
    const events = rows.map((x): ReplayEvent => {
      const atMs = Number(x.t);
      n += 1;
      const trade = {
        symbol: x.symbol,
        seq: n,
        tradeId: Number(x.seq),
        tsMs: atMs,
        priceTicks: Number(x.p),
        qtyLots: Number(x.q),
        aggressor: x.a,
      };
      return { kind: 'trade', atMs, trade };
    });
    const l = rows.at(-1);
    return l === undefined ? { events } : { events, last: [l.ts, l.symbol, l.seq], lastMs: Number(l.t) };
  };
  return new Stream(query, r.fromMs, r.toMs);
}

type QuoteRow = {
  t: string;
  ts: string;
  symbol: string;
  id: string;
  bt: string | null;
  bl: string | null;
  at: string | null;
  al: string | null;
};

function quoteStream(sql: Sql, r: HistoryRange): Stream {
  const query: PageQuery = async (after, startMs, endMs) => {
    const rows = await sql<QuoteRow[]>`
      select (extract(epoch from ts) * 1000)::bigint as t, ts::text as ts, symbol, ctid::text as id,
        bid_ticks as bt, bid_lots as bl, ask_ticks as at, ask_lots as al
      from market_quotes
      where symbol = any(${r.symbols as string[]}) and ts >= ${iso(startMs)} and ts < ${iso(endMs)}
        ${after === undefined ? sql`` : sql`and (ts, symbol, ctid) > (${after[0]}::timestamptz, ${after[1]}, ${after[2]}::tid)`}
      order by ts, symbol, ctid limit ${HISTORY_PAGE_ROWS}`;
    // An empty side is stored as nulls and published as 0 / 0.
    const events = rows.map((x): ReplayEvent => {
      const atMs = Number(x.t);
      const quote = {
        symbol: x.symbol,
        tsMs: atMs,
        bidTicks: Number(x.bt ?? 0),
        bidLots: Number(x.bl ?? 0),
        askTicks: Number(x.at ?? 0),
        askLots: Number(x.al ?? 0),
      };
      return { kind: 'quote', atMs, quote };
    });
    const l = rows.at(-1);
    return l === undefined ? { events } : { events, last: [l.ts, l.symbol, l.id], lastMs: Number(l.t) };
  };
  return new Stream(query, r.fromMs, r.toMs);
}

type BarRow = {
  t: string;
  ts: string;
  symbol: string;
  o: string;
  h: string;
  l: string;
  c: string;
  v: string;
  n: number;
};

/** 1-second bars whose whole second lies in the range; each plays at its close. */
function barStream(sql: Sql, r: HistoryRange): Stream {
  const query: PageQuery = async (after, startMs, endMs) => {
    const rows = await sql<BarRow[]>`
      select (extract(epoch from open_time) * 1000)::bigint as t, open_time::text as ts, symbol,
        open_ticks as o, high_ticks as h, low_ticks as l, close_ticks as c, volume_lots as v, trade_count as n
      from market_bars
      where interval = '1s' and source = ${RECORDED_SOURCE} and symbol = any(${r.symbols as string[]})
        and open_time >= ${iso(startMs)} and open_time < ${iso(endMs)}
        ${after === undefined ? sql`` : sql`and (open_time, symbol) > (${after[0]}::timestamptz, ${after[1]})`}
      order by open_time, symbol limit ${HISTORY_PAGE_ROWS}`;
    const events = rows.map((x): ReplayEvent => {
      const openTimeMs = Number(x.t);
      const bar = {
        symbol: x.symbol,
        interval: '1s' as const,
        openTimeMs,
        openTicks: Number(x.o),
        highTicks: Number(x.h),
        lowTicks: Number(x.l),
        closeTicks: Number(x.c),
        volumeLots: Number(x.v),
        tradeCount: x.n,
      };
      return { kind: 'bar', atMs: openTimeMs + 1000, bar };
    });
    const l = rows.at(-1);
    return l === undefined ? { events } : { events, last: [l.ts, l.symbol, ''], lastMs: Number(l.t) };
  };
  // Open times in [fromMs, toMs − 1 s]: the bar's whole second lies in the range.
  return new Stream(query, r.fromMs, r.toMs - 999);
}
