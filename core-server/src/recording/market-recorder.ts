import type { Sql } from '@tradewind/db';
import { assert } from '@tradewind/shared';
import {
  BAR_INTERVAL_MS,
  type Bar,
  type MarketDataBatch,
  type Quote,
  type TradePrint,
} from '@tradewind/shared/market-data';
import type { Registry } from 'prom-client';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { BoundedQueue } from './bounded-queue';
import { type CopyRowWriter, type CopyTarget, copyBinary } from './copy-rows';
import { RecorderMetrics } from './recorder-metrics';

/** Rows per queue: ~1 minute of a busy feed; past it new rows are dropped and counted. */
export const RECORDER_QUEUE_ROWS_MAX = 200_000;
/** Closed bars waiting: they are few (at most one per symbol and interval per second) and must not be lost. */
export const RECORDER_BAR_QUEUE_MAX = 100_000;
/**
 * Rows per COPY: each COPY is a commit (an fsync), so large batches are what makes ingest fast
 * (measured here: 20k-row COPYs ~150k rows/s, 100k-row ones ~270k); bars per upsert statement.
 */
export const RECORDER_BATCH_ROWS_MAX = 100_000;
export const RECORDER_BAR_BATCH_MAX = 1_000;
/** Period of the background flush. */
export const RECORDER_FLUSH_MS = 250;
/** Period of the retention prune. */
export const RECORDER_PRUNE_MS = 3_600_000;
/** The `source` of bars core aggregates (market_bars keeps each source apart). */
export const RECORDED_SOURCE = 'recorded';
const DAY_MS = 86_400_000;

const TRADES: CopyTarget = {
  table: 'market_trades',
  columns: ['symbol', 'ts', 'seq', 'price_ticks', 'qty_lots', 'aggressor'],
};
const QUOTES: CopyTarget = {
  table: 'market_quotes',
  columns: ['symbol', 'ts', 'bid_ticks', 'bid_lots', 'ask_ticks', 'ask_lots'],
};

export type RecorderOptions = {
  readonly sql: Sql;
  readonly clock: Clock;
  readonly log: Logger;
  readonly registry: Registry;
  /** Raw trades and quotes older than this are deleted (0: kept for ever). Bars are kept. */
  readonly retentionDays: number;
  /** Manual: no timers; the owner calls `flush()` / `prune()` (tests, benchmarks). */
  readonly manual?: boolean;
  readonly queueRowsMax?: number;
  /** Bound on a COPY's wait for the server (tests shorten it). */
  readonly copySettleMsMax?: number;
};

/**
 * Records market data in PostgreSQL off the hot path: `record` only queues (bounded, drops
 * counted); a background flush writes trades and quotes with COPY and upserts closed bars
 * (idempotent on their key, so a retry or a restart never duplicates one). A bar close triggers
 * a flush at once, and `close()` writes everything queued, so a shutdown loses no closed bar.
 * A failed write puts its rows back in their queue to retry.
 */
export class MarketRecorder {
  private readonly trades: BoundedQueue<TradePrint>;
  private readonly quotes: BoundedQueue<Quote>;
  private readonly bars = new BoundedQueue<Bar>(RECORDER_BAR_QUEUE_MAX);
  /** Bars the feed saw only part of (it started inside them): rebuilt from the recorded trades. */
  private readonly partialBars = new BoundedQueue<Bar>(RECORDER_BAR_QUEUE_MAX);
  private readonly metrics: RecorderMetrics;
  private flushing: Promise<void> | undefined;
  private again = false;
  private timers: ReturnType<typeof setInterval>[] = [];
  private closed = false;

  constructor(private readonly options: RecorderOptions) {
    assert(Number.isInteger(options.retentionDays) && options.retentionDays >= 0, 'retention days');
    const rows = options.queueRowsMax ?? RECORDER_QUEUE_ROWS_MAX;
    this.trades = new BoundedQueue(rows);
    this.quotes = new BoundedQueue(rows);
    this.metrics = new RecorderMetrics(options.registry);
    if (options.manual) return;
    this.timers.push(setInterval(() => void this.flush(), RECORDER_FLUSH_MS));
    if (options.retentionDays > 0) {
      this.timers.push(setInterval(() => void this.prune(), RECORDER_PRUNE_MS));
      void this.prune();
    }
  }

  /** Queues a batch; never blocks, never throws on a full queue (drops are counted). */
  record(batch: MarketDataBatch): void {
    if (this.closed) return;
    this.enqueue('trades', this.trades, batch.trades);
    this.enqueue('quotes', this.quotes, batch.quotes);
    this.enqueue(
      'bars',
      this.bars,
      batch.bars.filter((b) => b.partial !== true),
    );
    this.enqueue(
      'partial_bars',
      this.partialBars,
      batch.bars.filter((b) => b.partial === true),
    );
    if (batch.bars.length > 0 && !this.options.manual) void this.flush();
  }

  get queuedRows(): { trades: number; quotes: number; bars: number } {
    return { trades: this.trades.length, quotes: this.quotes.length, bars: this.bars.length + this.partialBars.length };
  }

  /** Writes everything queued now (one flush at a time; a call during a flush runs another after it). */
  flush(): Promise<void> {
    if (this.flushing !== undefined) {
      this.again = true;
      return this.flushing;
    }
    this.flushing = (async () => {
      do {
        this.again = false;
        await this.writeAll();
      } while (this.again);
    })().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  /** Deletes raw trades and quotes older than the retention; returns the rows deleted. */
  async prune(): Promise<number> {
    if (this.options.retentionDays === 0) return 0;
    const cutoff = iso(this.options.clock.nowMs() - this.options.retentionDays * DAY_MS);
    const { sql } = this.options;
    try {
      const t = await sql`delete from market_trades where ts < ${cutoff}::timestamptz`;
      const q = await sql`delete from market_quotes where ts < ${cutoff}::timestamptz`;
      this.metrics.pruned.inc({ table: 'trades' }, t.count);
      this.metrics.pruned.inc({ table: 'quotes' }, q.count);
      return t.count + q.count;
    } catch (e) {
      this.options.log.warn({ err: e }, 'market data retention prune failed');
      return 0;
    }
  }

  /** Stops the timers and writes what is queued (shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.flush();
  }

  private enqueue<T>(table: string, queue: BoundedQueue<T>, rows: readonly T[]): void {
    let dropped = 0;
    for (const r of rows) if (!queue.push(r)) dropped += 1;
    if (dropped > 0) this.metrics.dropped.inc({ table }, dropped);
    this.metrics.queued.set({ table }, queue.length);
  }

  private async writeAll(): Promise<void> {
    // Bars first: they are what a restart must not lose.
    while (
      this.bars.length > 0 &&
      (await this.writeBatch('bars', this.bars, RECORDER_BAR_BATCH_MAX, (b) => this.upsertBars(b)))
    ) {}
    while (
      this.trades.length > 0 &&
      (await this.writeBatch('trades', this.trades, RECORDER_BATCH_ROWS_MAX, (b) => this.copyTrades(b)))
    ) {}
    while (
      this.quotes.length > 0 &&
      (await this.writeBatch('quotes', this.quotes, RECORDER_BATCH_ROWS_MAX, (b) => this.copyQuotes(b)))
    ) {}
    // A partial bar is rebuilt from the recorded trades, so only once they are all written.
    if (this.trades.length > 0) return;
    while (
      this.partialBars.length > 0 &&
      (await this.writeBatch('partial_bars', this.partialBars, 1, (b) => this.rebuildBars(b)))
    ) {}
  }

  /** One batch from `queue`; false when it failed (rows are back in the queue, retried on the next flush). */
  private async writeBatch<T>(table: string, queue: BoundedQueue<T>, max: number, write: (rows: T[]) => Promise<void>) {
    const rows = queue.take(max);
    try {
      await write(rows);
      this.metrics.written.inc({ table }, rows.length);
      return true;
    } catch (e) {
      this.metrics.failures.inc({ table });
      const lost = queue.restore(rows);
      if (lost > 0) this.metrics.dropped.inc({ table }, lost);
      this.options.log.warn({ err: e, table, rows: rows.length }, 'market data write failed; will retry');
      return false;
    } finally {
      this.metrics.queued.set({ table }, queue.length);
    }
  }

  private copyTrades(rows: readonly TradePrint[]): Promise<void> {
    const encode = (i: number, w: CopyRowWriter) => {
      const t = rows[i] as TradePrint;
      w.row(6);
      w.text(t.symbol);
      w.timestamptz(t.tsMs);
      w.int8(t.tradeId);
      w.int8(t.priceTicks);
      w.int8(t.qtyLots);
      w.text(t.aggressor);
    };
    return copyBinary(this.options.sql, TRADES, rows.length, encode, this.options.copySettleMsMax);
  }

  private copyQuotes(rows: readonly Quote[]): Promise<void> {
    // An empty side has neither price nor quantity: both NULL.
    const side = (w: CopyRowWriter, ticks: number, lots: number) => {
      if (ticks === 0) {
        w.nul();
        w.nul();
      } else {
        w.int8(ticks);
        w.int8(lots);
      }
    };
    const encode = (i: number, w: CopyRowWriter) => {
      const q = rows[i] as Quote;
      w.row(6);
      w.text(q.symbol);
      w.timestamptz(q.tsMs);
      side(w, q.bidTicks, q.bidLots);
      side(w, q.askTicks, q.askLots);
    };
    return copyBinary(this.options.sql, QUOTES, rows.length, encode, this.options.copySettleMsMax);
  }

  private async rebuildBars(rows: readonly Bar[]): Promise<void> {
    for (const b of rows) {
      const result = await rebuildSql(this.options.sql, b);
      if (result.count === 0) await this.upsertBars([b]);
    }
  }

  private async upsertBars(rows: readonly Bar[]): Promise<void> {
    const { sql } = this.options;
    // One statement may not update a row twice: the last bar of a key wins (a replay re-closes it the same).
    const unique = [...new Map(rows.map((b) => [`${b.symbol}|${b.interval}|${b.openTimeMs}`, b])).values()];
    const values = unique.map((b) => ({
      symbol: b.symbol,
      interval: b.interval,
      source: RECORDED_SOURCE,
      open_time: iso(b.openTimeMs),
      open_ticks: b.openTicks,
      high_ticks: b.highTicks,
      low_ticks: b.lowTicks,
      close_ticks: b.closeTicks,
      volume_lots: b.volumeLots,
      trade_count: b.tradeCount,
    }));
    await sql`
      insert into market_bars ${sql(values)}
      on conflict (symbol, "interval", source, open_time) do update set
        open_ticks = excluded.open_ticks, high_ticks = excluded.high_ticks, low_ticks = excluded.low_ticks,
        close_ticks = excluded.close_ticks, volume_lots = excluded.volume_lots, trade_count = excluded.trade_count`;
  }
}

/**
 * A bar from the recorded trades of its interval (ordered by time, then trade id, which the
 * engine keeps rising across restarts), merged with what this run saw; when the store has no
 * trades of it (pruned, or none recorded), the bar as seen is stored.
 */
function rebuildSql(sql: Sql, b: Bar) {
  const open = iso(b.openTimeMs);
  const end = iso(b.openTimeMs + BAR_INTERVAL_MS[b.interval]);
  return sql`
    insert into market_bars (symbol, "interval", source, open_time, open_ticks, high_ticks, low_ticks, close_ticks, volume_lots, trade_count)
    select ${b.symbol}, ${b.interval}, ${RECORDED_SOURCE}, ${open}::timestamptz,
      (array_agg(price_ticks order by ts, seq))[1], max(price_ticks), min(price_ticks),
      (array_agg(price_ticks order by ts desc, seq desc))[1], sum(qty_lots), count(*)
    from market_trades where symbol = ${b.symbol} and ts >= ${open}::timestamptz and ts < ${end}::timestamptz
    having count(*) > 0
    on conflict (symbol, "interval", source, open_time) do update set
      open_ticks = excluded.open_ticks, high_ticks = excluded.high_ticks, low_ticks = excluded.low_ticks,
      close_ticks = excluded.close_ticks, volume_lots = excluded.volume_lots, trade_count = excluded.trade_count`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
