import type { Sql } from '@tradewind/db';
import { assert } from '@tradewind/shared';
import type { Bar } from './bar';
import type { BarInterval } from './intervals';
import type { SourceId } from './sources/source';

/**
 * `market_bars` reads and writes. Reads return bars sorted by open time. `best` merges
 * all sources with one bar per open time, preferring recorded, then csv, then exchanges.
 */
export type StoreSource = SourceId | 'best';

type Row = { t: string; o: string; h: string; l: string; c: string; v: string; n: number };

const toBar = (r: Row): Bar => [Number(r.t), Number(r.o), Number(r.h), Number(r.l), Number(r.c), Number(r.v), r.n];

/** Rows in one multi-row insert; bounds the statement's parameter count (9 per row, < 65,535). */
export const BAR_INSERT_BATCH_MAX = 5_000;

export class BarStore {
  readonly #sql: Sql;

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  async read(symbol: string, interval: BarInterval, source: StoreSource, fromMs: number, toMs: number): Promise<Bar[]> {
    const sql = this.#sql;
    const from = new Date(fromMs).toISOString();
    const to = new Date(toMs).toISOString();
    const cols = sql`(extract(epoch from open_time) * 1000)::bigint as t, open_ticks as o, high_ticks as h,
      low_ticks as l, close_ticks as c, volume_lots as v, trade_count as n`;
    const rows =
      source === 'best'
        ? await sql<Row[]>`select distinct on (open_time) ${cols} from market_bars
            where symbol = ${symbol} and interval = ${interval} and open_time >= ${from} and open_time < ${to}
            order by open_time, case when source = 'recorded' then 0 when source = 'csv' then 1 else 2 end, source`
        : await sql<Row[]>`select ${cols} from market_bars
            where symbol = ${symbol} and interval = ${interval} and source = ${source}
              and open_time >= ${from} and open_time < ${to}
            order by open_time`;
    return rows.map(toBar);
  }

  /**
   * Stores bars of one source; bars already stored are kept (dedupe by the primary key).
   * Runs inside `tx` when given, so an import is all or nothing. Returns rows inserted.
   */
  async write(
    symbol: string,
    interval: BarInterval,
    source: SourceId,
    bars: readonly Bar[],
    tx?: Sql,
  ): Promise<number> {
    const sql = tx ?? this.#sql;
    let inserted = 0;
    for (let i = 0; i < bars.length; i += BAR_INSERT_BATCH_MAX) {
      const batch = bars.slice(i, i + BAR_INSERT_BATCH_MAX).map((b) => ({
        symbol,
        interval,
        source,
        open_time: new Date(b[0]).toISOString(),
        open_ticks: b[1],
        high_ticks: b[2],
        low_ticks: b[3],
        close_ticks: b[4],
        volume_lots: b[5],
        trade_count: b[6],
      }));
      const result = await sql`insert into market_bars ${sql(batch)} on conflict do nothing`;
      inserted += result.count;
    }
    assert(inserted <= bars.length, 'inserted more bars than given');
    return inserted;
  }
}
