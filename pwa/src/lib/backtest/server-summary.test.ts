import { generateBars, runBacktest } from '@tradewind/shared/backtest';
import { INSTRUMENTS } from '@tradewind/shared/domain';
import { describe, expect, it } from 'vitest';
import { jsonSafe, type RunSummary, summarise } from './protocol';
import { type ServerResult, summaryOfServerResult } from './server-summary';

describe('a server result as a report summary', () => {
  it('has the metrics, trades and hash of the same run summarised in the browser', () => {
    const eth = INSTRUMENTS.find((i) => i.symbol === 'ETH-USD');
    if (eth === undefined) throw new Error('ETH-USD missing');
    const T0 = Date.UTC(2026, 0, 1);
    const bars = generateBars({
      symbol: 'ETH-USD',
      interval: '1h',
      fromMs: T0,
      count: 1_500,
      startTicks: 345_000,
      volatilityBps: 60,
      seed: 3,
    });
    const config = {
      strategy: 'sma-cross',
      params: { fast: 5, slow: 20, qtyLots: 10 },
      instruments: [eth],
      data: { kind: 'bars' as const, interval: '1h' as const, bars },
      fromMs: T0,
      toMs: T0 + 1_500 * 3_600_000,
      initialCashMinor: 1_000_000n,
    };
    const r = runBacktest(config);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.trades.length).toBeGreaterThan(0);
    // What core stores (resultJson): the result's parts, bigints as strings.
    const stored = jsonSafe({
      status: r.value.status,
      failure: r.value.failure,
      barCount: bars.length,
      tradeCount: r.value.trades.length,
      metrics: r.value.performance?.metrics ?? null,
      performanceError: r.value.performanceError,
      equity: r.value.equity,
      trades: r.value.trades,
      finalCashMinor: r.value.finalCashMinor,
      feesMinor: r.value.feesMinor,
      stateHash: r.value.stateHash,
    }) as unknown as ServerResult;
    const request: RunSummary['request'] = {
      strategy: 'sma-cross',
      params: config.params,
      symbol: 'ETH-USD',
      interval: '1h',
      fromMs: config.fromMs,
      toMs: config.toMs,
      cash: '10000.00',
    };
    const server = summaryOfServerResult(request, stored);
    const browser = summarise(request, config, r.value);
    expect(server.metrics).toEqual(browser.metrics);
    expect(server.trades).toEqual(browser.trades);
    expect(server.equity).toEqual(browser.equity);
    expect({ ...server, drawdown: [] }).toEqual({ ...browser, drawdown: [] });
    expect(Math.min(...server.drawdown)).toBeLessThan(0);
    expect(Math.max(...server.drawdown)).toBe(0);
  });
});
