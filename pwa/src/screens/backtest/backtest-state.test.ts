import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../../lib/storage/key-value-storage';
import { backtestState, type RunInput } from './backtest-state';

const T0 = Date.UTC(2026, 0, 1);
const good: RunInput = {
  strategy: 'sma-cross',
  params: { fast: 5, slow: 20 },
  symbol: 'ETH-USD',
  interval: '1h',
  fromMs: T0,
  toMs: T0 + 100 * 3_600_000,
  cash: '10000.00',
};

describe('the backtest screen state: bad input is refused before any download', () => {
  it.each([
    [{ strategy: 'nope' }, 'STRATEGY_UNKNOWN'],
    [{ params: { fast: 30, slow: 20 } }, 'STRATEGY_PARAMS_INVALID'],
    [{ params: { fast: 'abc' } }, 'STRATEGY_PARAMS_INVALID'],
    [{ toMs: T0 }, 'RANGE_EMPTY'],
    [{ toMs: T0 - 1 }, 'RANGE_REVERSED'],
  ] as const)('%j → %s', async (patch, code) => {
    const fetched: string[] = [];
    const fetchFn = (async (url: string) => {
      fetched.push(url);
      throw new Error('no network in this test');
    }) as unknown as typeof fetch;
    const state = backtestState(new MemoryStorage(), fetchFn);
    await state.run({ ...good, ...patch } as RunInput);
    expect(state.phase.value).toMatchObject({ kind: 'error', code });
    expect(fetched).toEqual([]);
    expect(state.runs.value).toEqual([]);
  });

  it('candles that cannot be loaded (offline, nothing cached) are a typed error', async () => {
    const fetched: string[] = [];
    const fetchFn = (async (url: string) => {
      fetched.push(url);
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const state = backtestState(new MemoryStorage(), fetchFn);
    await state.run(good);
    expect(state.phase.value).toMatchObject({ kind: 'error', code: 'CANDLES_UNAVAILABLE' });
    expect(fetched).toHaveLength(1);
    expect(fetched[0]).toContain('/md/v1/candles?symbol=ETH-USD&interval=1h');
  });
});
