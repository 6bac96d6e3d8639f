import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { InstrumentSymbol } from '../domain/index';
import { PENDING_COMMANDS_MAX, type StrategyDefinition, TIMERS_MAX } from '../strategies/index';
import { runBacktest, SYMBOLS_MAX } from './index';
import { LOOK_AHEAD_CUTS_MAX, lookAheadCheck } from './research/look-ahead';
import { WALK_FORWARD_WINDOWS_MAX, walkForwardWindows } from './research/walk-forward';
import { barsFromCloses, configFor, mustRun, TEST_INSTRUMENT } from './testing';

const bars = barsFromCloses([100, 101, 102, 103]);
const strategyOf = (create: StrategyDefinition['create']): StrategyDefinition => ({
  id: 't',
  name: 't',
  description: 't',
  params: z.object({}),
  create,
});

describe('limits, at the limit and one past it', () => {
  it(`a strategy may queue ${PENDING_COMMANDS_MAX} commands; one more stops it`, () => {
    const placing = (n: number) =>
      strategyOf((_p, ctx) => {
        let done = false;
        return {
          onBar(b) {
            if (done) return;
            done = true;
            for (let i = 0; i < n; i++) ctx.limitBuy(b.symbol, 1, 50);
          },
        };
      });
    const big = { limits: { maxOpenOrders: 100_000, orderRatePerSec: 10_000_000, orderBurst: 10_000_000 } };
    const atLimit = mustRun(configFor(placing(PENDING_COMMANDS_MAX), {}, bars, { account: { kind: 'cash', ...big } }));
    expect(atLimit.status).toBe('completed');
    expect(atLimit.signals).toHaveLength(PENDING_COMMANDS_MAX);
    const past = mustRun(configFor(placing(PENDING_COMMANDS_MAX + 1), {}, bars, { account: { kind: 'cash', ...big } }));
    expect(past.status).toBe('failed');
    expect(past.failure?.message).toContain(`more than ${PENDING_COMMANDS_MAX} commands pending`);
  });

  it(`${TIMERS_MAX} timers may be armed; one more stops the strategy`, () => {
    const arming = (n: number) =>
      strategyOf((_p, ctx) => ({
        onStart: () => Array.from({ length: n }, (_, i) => ctx.setTimer(`t${i}`, ctx.now() + 1)),
      }));
    expect(mustRun(configFor(arming(TIMERS_MAX), {}, bars)).status).toBe('completed');
    const past = mustRun(configFor(arming(TIMERS_MAX + 1), {}, bars));
    expect(past.status).toBe('failed');
    expect(past.failure?.handler).toBe('onStart');
  });

  it(`${SYMBOLS_MAX} instruments are allowed, one more is LIMIT_EXCEEDED`, () => {
    const instruments = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        ...TEST_INSTRUMENT,
        symbol: (i === 0 ? 'TST' : `S${i}`) as InstrumentSymbol,
      }));
    expect(runBacktest({ ...configFor('sma-cross', {}, bars), instruments: instruments(SYMBOLS_MAX) }).ok).toBe(true);
    const past = runBacktest({ ...configFor('sma-cross', {}, bars), instruments: instruments(SYMBOLS_MAX + 1) });
    expect(past.ok ? 'ok' : past.code).toBe('LIMIT_EXCEEDED');
  });

  it(`walk-forward: ${WALK_FORWARD_WINDOWS_MAX} windows are allowed, one more is refused`, () => {
    expect(walkForwardWindows(0, 10 + WALK_FORWARD_WINDOWS_MAX, 10, 1).ok).toBe(true);
    expect(walkForwardWindows(0, 11 + WALK_FORWARD_WINDOWS_MAX, 10, 1).ok).toBe(false);
  });

  it(`look-ahead: ${LOOK_AHEAD_CUTS_MAX} cuts are allowed, one more is refused`, () => {
    const many = barsFromCloses(Array.from({ length: LOOK_AHEAD_CUTS_MAX + 2 }, (_, i) => 100 + (i % 7)));
    const cfg = (b: readonly (typeof many)[number][]) => configFor('sma-cross', { fast: 2, slow: 3 }, b);
    expect(lookAheadCheck(many, cfg, LOOK_AHEAD_CUTS_MAX).ok).toBe(true);
    expect(lookAheadCheck(many, cfg, LOOK_AHEAD_CUTS_MAX + 1).ok).toBe(false);
  });
});
