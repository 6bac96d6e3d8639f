/**
 * Suite `ingest` (issue 5): tick ingest into PostgreSQL, our recorder's COPY path against
 * batched multi-row INSERTs of 1,000 rows, in the same run, on the same connection, with the
 * same rows into the same table (`market_trades`, with its BRIN index and checks).
 *
 * PostgreSQL: a fresh database on DATABASE_URL's server when it is set, else an embedded
 * PostgreSQL started in a temporary folder (fsync on, as in production). Bounded: ROWS ×
 * BENCH_SCALE rows per pass, ROUNDS alternating passes of each method; the median pass counts.
 * Figures on stdout as JSON lines; progress on stderr.
 */
import { connect, type DbHandle, runMigrations, withScratchDatabase } from '@tradewind/db';
import { emptyBatch, type TradePrint } from '@tradewind/shared/market-data';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { MarketRecorder } from '../src/recording/market-recorder';

const SCALE = Number(process.env.BENCH_SCALE ?? '1') || 1;
const ROWS = Math.max(10_000, Math.round(300_000 * SCALE));
const ROUNDS = 5;
/** The peer: one INSERT statement per this many rows (issue 5's figure). */
const INSERT_BATCH_ROWS = 1_000;
/** Trades per recorded batch, as the feed hands them over. */
const RECORD_BATCH_ROWS = 1_000;
const T0 = Date.UTC(2026, 10, 24);

const log = (msg: string) => process.stderr.write(`[ingest] ${msg}\n`);

function makeTrades(n: number): TradePrint[] {
  const symbols = ['BTC-USD', 'ETH-USD', 'AAPL', 'SOL-USD'];
  return Array.from({ length: n }, (_, i) => ({
    symbol: symbols[i % symbols.length] ?? 'BTC-USD',
    seq: i + 1,
    tradeId: i + 1,
    tsMs: T0 + Math.floor(i / 4),
    priceTicks: 9_650_000 + ((i * 7919) % 5_000),
    qtyLots: 1 + ((i * 104_729) % 997),
    aggressor: i % 3 === 0 ? 'sell' : 'buy',
  }));
}

/** Our path: the recorder's queue and COPY, exactly as core runs it. */
async function copyPass(db: DbHandle, trades: readonly TradePrint[]): Promise<number> {
  const rec = new MarketRecorder({
    sql: db.sql,
    clock: { nowMs: () => T0 },
    log: pino({ level: 'silent' }),
    registry: new Registry(),
    retentionDays: 0,
    manual: true,
    queueRowsMax: trades.length,
  });
  const started = performance.now();
  for (let i = 0; i < trades.length; i += RECORD_BATCH_ROWS) {
    rec.record({ ...emptyBatch(), trades: trades.slice(i, i + RECORD_BATCH_ROWS) });
  }
  await rec.close();
  return trades.length / ((performance.now() - started) / 1000);
}

/** The peer: multi-row INSERTs of 1,000 rows, one after another. */
async function insertPass(db: DbHandle, trades: readonly TradePrint[]): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < trades.length; i += INSERT_BATCH_ROWS) {
    const rows = trades.slice(i, i + INSERT_BATCH_ROWS).map((t) => ({
      symbol: t.symbol,
      ts: new Date(t.tsMs).toISOString(),
      seq: t.tradeId,
      price_ticks: t.priceTicks,
      qty_lots: t.qtyLots,
      aggressor: t.aggressor,
    }));
    await db.sql`insert into market_trades ${db.sql(rows)}`;
  }
  return trades.length / ((performance.now() - started) / 1000);
}

async function countRows(db: DbHandle): Promise<number> {
  const [r] = await db.sql`select count(*)::int as n from market_trades`;
  return Number(r?.n ?? 0);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  await withScratchDatabase('ingest', async (url) => {
    await runMigrations(url);
    const db = connect(url, { max: 1, appName: 'tradewind-bench-ingest' });
    const trades = makeTrades(ROWS);
    const copy: number[] = [];
    const insert: number[] = [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        for (const [name, pass, out] of [
          ['copy', copyPass, copy],
          ['insert', insertPass, insert],
        ] as const) {
          await db.sql`truncate market_trades`;
          await db.sql`checkpoint`;
          const rate = await pass(db, trades);
          const n = await countRows(db);
          if (n !== trades.length) throw new Error(`${name} pass stored ${n} rows of ${trades.length}`);
          out.push(rate);
          log(`round ${round + 1} ${name}: ${Math.round(rate)} rows/s (${trades.length} rows)`);
        }
      }
    } finally {
      await db.close();
    }
    const ours = Math.round(median(copy));
    const peer = Math.round(median(insert));
    process.stdout.write(
      `${JSON.stringify({ suite: 'ingest', metric: 'tick_rows_per_s', value: ours, unit: 'rows/s', peer: 'insert-1000-rows', peer_value: peer, ratio: Number((ours / peer).toFixed(2)) })}\n`,
    );
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
