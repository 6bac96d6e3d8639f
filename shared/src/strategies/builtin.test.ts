import { describe, expect, it } from 'vitest';
import { barsFromCloses, barsFromOhlc, configFor, fillsOf, mustRun } from '../backtest/testing';

// Prices are ticks of TST (1 tick = 1 cent, 1 lot = 1 share). Fill times are in bar indices (hours
// from the first bar's open): 5 means the open of bar 5 under the next-open model.

describe('built-in strategies on hand-checked data', () => {
  it('sma-cross buys the open after the fast SMA crosses above and sells the open after it crosses below', () => {
    // SMA2/SMA4: equal until bar 3; bar 4 (110): 105 > 102.5 → buy at bar 5's open (110);
    // bar 8 (100): 110 < 117.5 → sell at bar 9's open (100).
    const closes = [100, 100, 100, 100, 110, 120, 130, 120, 100, 90, 80, 80, 80].map((c) => c * 100);
    const r = mustRun(configFor('sma-cross', { fast: 2, slow: 4, qtyLots: 10 }, barsFromCloses(closes)));
    expect(r.status).toBe('completed');
    expect(fillsOf(r)).toEqual([
      ['buy', 11_000, 10, 5],
      ['sell', 10_000, 10, 9],
    ]);
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]).toMatchObject({
      side: 'long',
      qtyLots: 10,
      entryPriceTicks: 11_000,
      exitPriceTicks: 10_000,
      grossPnlMinor: -10_000n,
    });
    expect(r.finalCashMinor).toBe(1_000_000n - 10_000n);
  });

  it('rsi-reversion buys below oversold and sells above overbought', () => {
    // RSI(2): bar 2 (98) has two losses → RSI 0 → buy at bar 3's open (98). Bar 3 (+1): gain .5,
    // loss .5 → 50; bar 4 (+1): gain .75, loss .25 → 75 > 70 → sell at bar 5's open (100).
    const r = mustRun(
      configFor(
        'rsi-reversion',
        { period: 2, oversold: 30, overbought: 70, qtyLots: 5 },
        barsFromCloses([100, 99, 98, 99, 100, 101, 101]),
      ),
    );
    expect(fillsOf(r)).toEqual([
      ['buy', 98, 5, 3],
      ['sell', 100, 5, 5],
    ]);
    expect(r.trades[0]?.grossPnlMinor).toBe(10n);
  });

  it('bollinger-breakout buys a close above the upper band and sells a close below the middle', () => {
    // Bands(2, 0.5): bar 3 (110): middle 105, σ 5, upper 107.5 → buy at bar 4's open (110);
    // bar 5 (100): middle 110 → sell at bar 6's open (100).
    const r = mustRun(
      configFor(
        'bollinger-breakout',
        { period: 2, multiplier: 0.5, qtyLots: 1 },
        barsFromCloses([100, 100, 100, 110, 120, 100, 100]),
      ),
    );
    expect(fillsOf(r)).toEqual([
      ['buy', 110, 1, 4],
      ['sell', 100, 1, 6],
    ]);
  });

  it('grid buys at its levels and sells each fill one step higher (intrabar)', () => {
    // Centre 10,000, step 10 %: buys rest at 9,000 and 8,000. Bar 1 falls (O→H→L→C) and touches
    // 9,000: that buy fills at its limit; a sell goes up at 9,900. Bar 2 rises to 10,000: it fills.
    const bars = barsFromOhlc([
      [10_000, 10_000, 10_000, 10_000],
      [10_000, 10_000, 9_000, 9_500],
      [9_500, 10_000, 9_500, 10_000],
    ]);
    const r = mustRun(
      configFor('grid', { stepBps: 1_000, levels: 2, qtyLots: 1 }, bars, { fill: { bars: 'intrabar' } }),
    );
    expect(r.fills.map((f) => [f.side, f.priceTicks, f.liquidity])).toEqual([
      ['buy', 9_000, 'maker'],
      ['sell', 9_900, 'maker'],
    ]);
    expect(r.trades[0]?.grossPnlMinor).toBe(900n);
    // After the sell, a buy rests one step lower again (9,900 × 0.9 = 8,910) beside the 8,000 level.
    expect(r.signals.map((s) => s.detail)).toEqual([
      'buy limit 1@9000/',
      'buy limit 1@8000/',
      'sell limit 1@9900/',
      'buy limit 1@8910/',
    ]);
  });

  it('dca buys on the first bar and then every interval by its timer', () => {
    // First bar closes at 1h → buy at bar 1's open; the timer (2h later, at 3h) buys at bar 3's
    // open; then 5h → bar 5.
    const r = mustRun(
      configFor('dca', { intervalMs: 2 * 3_600_000, qtyLots: 2 }, barsFromCloses([100, 101, 102, 103, 104, 105, 106])),
    );
    expect(fillsOf(r)).toEqual([
      ['buy', 100, 2, 1],
      ['buy', 102, 2, 3],
      ['buy', 104, 2, 5],
    ]);
    expect(r.finalPositions).toEqual([{ symbol: 'TST', qtyLots: 6 }]);
  });

  it('market-maker quotes around the close, caps its inventory and sells what it bought', () => {
    // Spread 200 bps: bar 0 (10,000) → bid 9,900. Bar 1 dips to 9,800: bid fills. At max position
    // (1) no new bid; ask 1 at ⌈9,900 × 1.01⌉ = 9,999. Bar 2 reaches 10,100: the ask fills.
    const bars = barsFromOhlc([
      [10_000, 10_000, 10_000, 10_000],
      [10_000, 10_000, 9_800, 9_900],
      [9_900, 10_100, 9_900, 10_050],
    ]);
    const r = mustRun(
      configFor('market-maker', { spreadBps: 200, qtyLots: 1, maxPositionLots: 1 }, bars, {
        fill: { bars: 'intrabar' },
      }),
    );
    expect(r.fills.map((f) => [f.side, f.priceTicks, f.liquidity])).toEqual([
      ['buy', 9_900, 'maker'],
      ['sell', 9_999, 'maker'],
    ]);
    expect(r.trades[0]?.grossPnlMinor).toBe(99n);
  });
});
