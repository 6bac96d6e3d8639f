import type { Sql } from '@tradewind/db';
import type { Bar, Quote, TradePrint } from '@tradewind/shared/market-data';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { ManualClock } from '../clock';
import { MarketRecorder } from '../recording/market-recorder';
import type { ReplayEvent } from '../replay/replay-event';

export type Fixture = { trades: TradePrint[]; quotes: Quote[]; bars: Bar[] };

/**
 * A deterministic recorded history: for each second offset and symbol, three trades (two in
 * the same millisecond, to exercise ties), two quotes (one sharing a trade's millisecond) and
 * the 1-second bar of those trades. Prices walk with the index so every row differs.
 */
export function makeFixture(t0Ms: number, seconds: readonly number[], symbols: readonly string[]): Fixture {
  const out: Fixture = { trades: [], quotes: [], bars: [] };
  let tradeId = 0;
  for (const s of seconds) {
    const base = t0Ms + s * 1000;
    for (const [k, symbol] of symbols.entries()) {
      const px = 1_000_000 * (k + 1) + s * 10;
      const ts = [base + 100, base + 400, base + 400];
      const trades = ts.map((tsMs, j): TradePrint => {
        tradeId += 1;
        const aggressor = j % 2 === 0 ? 'buy' : 'sell';
        return { symbol, seq: tradeId, tradeId, tsMs, priceTicks: px + j, qtyLots: 1 + j, aggressor };
      });
      out.trades.push(...trades);
      out.quotes.push(
        { symbol, tsMs: base + 400, bidTicks: px - 1, bidLots: 5, askTicks: px + 5, askLots: 6 },
        { symbol, tsMs: base + 700, bidTicks: px, bidLots: 7, askTicks: 0, askLots: 0 },
      );
      out.bars.push({
        symbol,
        interval: '1s',
        openTimeMs: base,
        openTicks: px,
        highTicks: px + 2,
        lowTicks: px,
        closeTicks: px + 2,
        volumeLots: 6,
        tradeCount: 3,
      });
    }
  }
  return out;
}

/** Writes the fixture through the real recorder (COPY for ticks, upsert for bars). */
export async function recordFixture(sql: Sql, f: Fixture): Promise<void> {
  const rec = new MarketRecorder({
    sql,
    clock: new ManualClock(0),
    log: pino({ level: 'silent' }),
    registry: new Registry(),
    retentionDays: 0,
    manual: true,
  });
  rec.record({ trades: f.trades, quotes: f.quotes, depth: [], bars: f.bars });
  await rec.close();
}

/**
 * The replay order computed the simple way: everything in one array, sorted by time, kind
 * (bars, trades, quotes), symbol, then the order recorded. What the paged SQL merge must equal.
 */
export function expectedOrder(f: Fixture, fromMs: number, toMs: number): ReplayEvent[] {
  const rank = { bar: 0, trade: 1, quote: 2 } as const;
  const all: { e: ReplayEvent; symbol: string; ix: number }[] = [
    ...f.bars.map((bar, ix) => ({
      e: { kind: 'bar' as const, atMs: bar.openTimeMs + 1000, bar },
      symbol: bar.symbol,
      ix,
    })),
    ...f.trades.map((trade, ix) => ({
      e: { kind: 'trade' as const, atMs: trade.tsMs, trade },
      symbol: trade.symbol,
      ix,
    })),
    ...f.quotes.map((quote, ix) => ({
      e: { kind: 'quote' as const, atMs: quote.tsMs, quote },
      symbol: quote.symbol,
      ix,
    })),
  ];
  const inRange = all.filter(({ e }) =>
    e.kind === 'bar' ? e.bar.openTimeMs >= fromMs && e.atMs <= toMs : e.atMs >= fromMs && e.atMs < toMs,
  );
  inRange.sort(
    (a, b) =>
      a.e.atMs - b.e.atMs ||
      rank[a.e.kind] - rank[b.e.kind] ||
      (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0) ||
      a.ix - b.ix,
  );
  return inRange.map((x) => x.e);
}

/** An event without the per-replay numbering (trade `seq`), for comparing with the fixture. */
export function comparable(e: ReplayEvent): unknown {
  if (e.kind === 'trade') {
    const { seq: _seq, ...rest } = e.trade;
    return { kind: e.kind, atMs: e.atMs, trade: rest };
  }
  return e;
}
