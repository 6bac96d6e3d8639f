import { generateBars, type OptimiseRequest, optimise, walkForward } from '@tradewind/shared/backtest';
import { INSTRUMENTS } from '@tradewind/shared/domain';
import { describe, expect, it } from 'vitest';
import { optimiseInWorkers, walkForwardInWorkers } from './parallel-optimise';

const T0 = Date.UTC(2026, 0, 1);
const bars = generateBars({
  symbol: 'ETH-USD',
  interval: '1h',
  fromMs: T0,
  count: 800,
  startTicks: 345_000,
  volatilityBps: 80,
  seed: 11,
});
const eth = INSTRUMENTS.find((i) => i.symbol === 'ETH-USD');

describe('parallel optimisation over worker threads', () => {
  it('ranks exactly like the single-thread optimiser', async () => {
    if (eth === undefined) throw new Error('ETH-USD missing');
    const req: OptimiseRequest = {
      base: {
        strategy: 'sma-cross',
        params: { qtyLots: 1_000 },
        instruments: [eth],
        data: { kind: 'bars', interval: '1h', bars },
        fromMs: T0,
        toMs: T0 + 800 * 3_600_000,
        initialCashMinor: 10_000_000n,
      },
      space: { fast: { values: [3, 5, 8] }, slow: { values: [20, 30] } },
      method: { kind: 'grid' },
      objective: { objective: 'sharpe' },
    };
    const serial = optimise(req);
    const parallel = await optimiseInWorkers(req, 2);
    if (!serial.ok || !parallel.ok)
      throw new Error(
        `optimisation failed: ${JSON.stringify([serial, parallel].map((x) => (x.ok ? 'ok' : x.message)))}`,
      );
    expect(parallel.value.ranked.length + parallel.value.unranked.length).toBe(6);
    expect(parallel.value).toEqual(serial.value);
  });

  it('walk-forward over worker threads equals the single-thread walk-forward, with progress per backtest', async () => {
    if (eth === undefined) throw new Error('ETH-USD missing');
    const req = {
      base: {
        strategy: 'sma-cross',
        params: { qtyLots: 1_000 },
        instruments: [eth],
        data: { kind: 'bars' as const, interval: '1h' as const, bars },
        fromMs: T0,
        toMs: T0 + 800 * 3_600_000,
        initialCashMinor: 10_000_000n,
      },
      space: { fast: { values: [3, 5] }, slow: { values: [15, 25] } },
      method: { kind: 'grid' as const },
      objective: { objective: 'return' as const },
      inSampleMs: 300 * 3_600_000,
      outOfSampleMs: 100 * 3_600_000,
    };
    const serial = walkForward(req);
    const seen: [number, number][] = [];
    const parallel = await walkForwardInWorkers(req, 2, (done, total) => seen.push([done, total]));
    if (!serial.ok || !parallel.ok) throw new Error('walk-forward failed');
    expect(parallel.value.steps).toHaveLength(5);
    expect(parallel.value.equity.length).toBeGreaterThan(400);
    expect(parallel.value).toEqual(serial.value);
    // 5 windows × 4 candidates, each reported once, in order.
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => [i + 1, 20]));
  });

  it('refuses a strategy that is not a built-in (functions cannot cross threads)', async () => {
    if (eth === undefined) throw new Error('ETH-USD missing');
    const { smaCross } = await import('@tradewind/shared/strategies');
    const r = await optimiseInWorkers(
      {
        base: {
          strategy: smaCross,
          instruments: [eth],
          data: { kind: 'bars', interval: '1h', bars },
          fromMs: T0,
          toMs: T0 + 3_600_000,
          initialCashMinor: 1n,
        },
        space: {},
        method: { kind: 'grid' },
        objective: { objective: 'sharpe' },
      },
      2,
    );
    expect(r.ok ? 'ok' : r.code).toBe('STRATEGY_NOT_BUILTIN');
  });
});
