import { describe, expect, it } from 'vitest';
import { Xoshiro128 } from '../market-sim/index';
import { BarAggregator, intervalStartMs } from './bar-aggregator';
import { BAR_INTERVAL_MS, BAR_INTERVALS, type Bar } from './types';

type Trade = { tsMs: number; priceTicks: number; qtyLots: number };

/** The simple thing: group by (interval, open time), take first/max/min/last/sum. */
function naiveBars(trades: readonly Trade[]): Bar[] {
  const out: Bar[] = [];
  const first = trades[0]?.tsMs ?? 0;
  for (const interval of BAR_INTERVALS) {
    const groups = new Map<number, Trade[]>();
    for (const t of trades) {
      const open = Math.floor(t.tsMs / BAR_INTERVAL_MS[interval]) * BAR_INTERVAL_MS[interval];
      groups.set(open, [...(groups.get(open) ?? []), t]);
    }
    for (const [openTimeMs, g] of groups) {
      out.push({
        symbol: 'S',
        interval,
        openTimeMs,
        openTicks: g[0]?.priceTicks ?? 0,
        highTicks: Math.max(...g.map((t) => t.priceTicks)),
        lowTicks: Math.min(...g.map((t) => t.priceTicks)),
        closeTicks: g[g.length - 1]?.priceTicks ?? 0,
        volumeLots: g.reduce((a, t) => a + t.qtyLots, 0),
        tradeCount: g.length,
        // The aggregator began at the first trade: a bar that opened before it saw only part.
        ...(openTimeMs < first ? { partial: true as const } : {}),
      });
    }
  }
  return out;
}

const key = (b: Bar) => `${b.interval}:${b.openTimeMs}`;
const sorted = (bars: Bar[]) => [...bars].sort((a, b) => (key(a) < key(b) ? -1 : 1));

describe('bars', () => {
  it('equal a naive aggregation at every interval over random trades spanning days', () => {
    const rng = Xoshiro128.fromSeed(99);
    const trades: Trade[] = [];
    let t = Date.UTC(2026, 10, 22, 23, 58, 0);
    for (let i = 0; i < 20_000; i++) {
      // Mostly dense, sometimes a jump of up to ~1.2 h, so every interval sees gaps.
      t += rng.nextFloat() < 0.995 ? rng.nextInt(900) : rng.nextInt(4096) * 1_000;
      trades.push({
        tsMs: t,
        priceTicks: 1 + rng.nextInt(4096) * 1_000_000,
        qtyLots: 1 + rng.nextInt(4096) * 1_000_000,
      });
    }
    const agg = new BarAggregator('S');
    const closed: Bar[] = [];
    for (const tr of trades) agg.addTrade(tr.tsMs, tr.priceTicks, tr.qtyLots, closed);
    const inProgress = agg.current();
    expect(inProgress).toHaveLength(BAR_INTERVALS.length);
    expect(sorted([...closed, ...inProgress])).toEqual(sorted(naiveBars(trades)));
    for (const b of closed) expect(b.openTimeMs % BAR_INTERVAL_MS[b.interval]).toBe(0);
  });

  it('closes a bar when its interval ends without a trade, and never again', () => {
    const agg = new BarAggregator('S', ['1s', '1m']);
    const closed: Bar[] = [];
    const t = Date.UTC(2026, 0, 1, 0, 0, 0);
    agg.closeDue(t, closed);
    agg.addTrade(t + 10, 100, 2, closed);
    agg.addTrade(t + 990, 90, 1, closed);
    agg.closeDue(t + 999, closed);
    expect(closed).toEqual([]);
    agg.closeDue(t + 1_000, closed);
    expect(closed).toEqual([
      {
        symbol: 'S',
        interval: '1s',
        openTimeMs: t,
        openTicks: 100,
        highTicks: 100,
        lowTicks: 90,
        closeTicks: 90,
        volumeLots: 3,
        tradeCount: 2,
      },
    ]);
    agg.closeDue(t + 59_999, closed);
    expect(closed).toHaveLength(1);
    agg.closeDue(t + 60_000, closed);
    expect(closed.map((b) => b.interval)).toEqual(['1s', '1m']);
    expect(agg.current()).toEqual([]);
  });

  it('aligns a day bar at 00:00 UTC and refuses time going backwards', () => {
    const t = Date.UTC(2026, 4, 17, 13, 45, 12, 345);
    expect(intervalStartMs(t, '1d')).toBe(Date.UTC(2026, 4, 17));
    const started = new BarAggregator('S', ['1s', '1m']);
    const seen: Bar[] = [];
    started.addTrade(t, 7, 1, seen);
    started.closeDue(t + 60_000, seen);
    // Started at 13:45:12.345: both bars began before it, so they are partial.
    expect(seen.map((b) => [b.interval, b.partial])).toEqual([
      ['1s', true],
      ['1m', true],
    ]);
    expect(intervalStartMs(t, '15m')).toBe(Date.UTC(2026, 4, 17, 13, 45));
    const agg = new BarAggregator('S');
    agg.addTrade(t, 5, 1, []);
    expect(() => agg.addTrade(t - 1, 5, 1, [])).toThrow(/backwards/);
  });
});
