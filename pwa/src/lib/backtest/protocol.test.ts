import { generateBars, runBacktest } from '@tradewind/shared/backtest';
import { INSTRUMENTS } from '@tradewind/shared/domain';
import { describe, expect, it } from 'vitest';
import type { WireBar } from '../chart/bars';
import { barsFromWire, CHART_POINTS_MAX, configOf, jsonSafe, type RunRequest, runRequest } from './protocol';

const eth = INSTRUMENTS.find((i) => i.symbol === 'ETH-USD');
if (eth === undefined) throw new Error('ETH-USD missing');
const MIN = 60_000;
const FROM = Date.UTC(2026, 0, 1);
const generated = generateBars({
  symbol: 'ETH-USD',
  interval: '1m',
  fromMs: FROM,
  count: 2_000,
  startTicks: 345_000,
  volatilityBps: 20,
  seed: 7,
});
const wire: WireBar[] = generated.map((b) => [
  b.openTimeMs,
  b.openTicks,
  b.highTicks,
  b.lowTicks,
  b.closeTicks,
  b.volumeLots,
  b.tradeCount,
]);
const request: RunRequest = {
  strategy: 'sma-cross',
  params: { fast: 5, slow: 20, qtyLots: 10 },
  symbol: 'ETH-USD',
  interval: '1m',
  fromMs: FROM,
  toMs: FROM + 2_000 * MIN,
  cash: '10000.00',
  bars: wire,
};

describe('the worker protocol (pure parts)', () => {
  it('edge tuples → backtester bars, field by field', () => {
    expect(barsFromWire([[60_000, 1, 3, 0, 2, 5, 4]], 'ETH-USD', '1m')).toEqual([
      {
        symbol: 'ETH-USD',
        interval: '1m',
        openTimeMs: 60_000,
        openTicks: 1,
        highTicks: 3,
        lowTicks: 0,
        closeTicks: 2,
        volumeLots: 5,
        tradeCount: 4,
      },
    ]);
  });

  it('runs to the same metrics, trades and state hash as runBacktest on the same inputs', () => {
    const r = runRequest(request);
    if (!r.ok) throw new Error(r.message);
    const direct = runBacktest({
      strategy: 'sma-cross',
      params: request.params,
      instruments: [eth],
      data: { kind: 'bars', interval: '1m', bars: generated },
      fromMs: request.fromMs,
      toMs: request.toMs,
      initialCashMinor: 1_000_000n,
    });
    if (!direct.ok) throw new Error(direct.message);
    expect(direct.value.trades.length).toBeGreaterThan(0);
    expect(r.summary.tradeCount).toBe(direct.value.trades.length);
    expect(r.summary.stateHash).toBe(direct.value.stateHash);
    expect(r.summary.metrics).toEqual(jsonSafe(direct.value.performance?.metrics ?? {}));
    expect(r.summary.barCount).toBe(2_000);
    expect(r.summary.equity.length).toBeLessThanOrEqual(CHART_POINTS_MAX + 1);
    expect(r.summary.drawdown.length).toBeLessThanOrEqual(CHART_POINTS_MAX + 1);
    // A summary survives JSON (storage, postMessage) unchanged.
    expect(JSON.parse(JSON.stringify(r.summary))).toEqual(r.summary);
  });

  it('reports progress up to the total', () => {
    const seen: [number, number][] = [];
    const r = runRequest(request, (done, total) => seen.push([done, total]));
    expect(r.ok).toBe(true);
    expect(seen.length).toBeGreaterThan(10);
    const last = seen.at(-1);
    expect(last?.[0]).toBe(last?.[1]);
  });

  it('keeps only bars inside [from, to)', () => {
    const c = configOf({ ...request, fromMs: FROM + 10 * MIN, toMs: FROM + 20 * MIN });
    if (!c.ok || c.config.data.kind !== 'bars') throw new Error('config refused');
    expect(c.config.data.bars.map((b) => b.openTimeMs)).toEqual(
      Array.from({ length: 10 }, (_, i) => FROM + (10 + i) * MIN),
    );
  });

  it('bad input gets a typed error and runs nothing', () => {
    expect(runRequest({ ...request, symbol: 'NOPE' })).toMatchObject({ ok: false, code: 'SYMBOL_UNKNOWN' });
    expect(runRequest({ ...request, cash: 'lots' })).toMatchObject({ ok: false, code: 'CASH_INVALID' });
    expect(runRequest({ ...request, strategy: 'nope' })).toMatchObject({ ok: false, code: 'STRATEGY_UNKNOWN' });
    expect(runRequest({ ...request, params: { fast: 30, slow: 20 } })).toMatchObject({
      ok: false,
      code: 'STRATEGY_PARAMS_INVALID',
    });
    expect(runRequest({ ...request, toMs: request.fromMs })).toMatchObject({ ok: false, code: 'RANGE_EMPTY' });
    expect(runRequest({ ...request, toMs: request.fromMs - 1 })).toMatchObject({ ok: false, code: 'RANGE_REVERSED' });
    expect(runRequest({ ...request, bars: [] })).toMatchObject({ ok: false, code: 'DATA_EMPTY' });
  });
});
