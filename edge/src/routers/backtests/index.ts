import { checkRange, EVENTS_MAX } from '@tradewind/shared/backtest';
import { decimalToSteps, INSTRUMENTS, parseStep } from '@tradewind/shared/domain';
import { BAR_INTERVAL_MS, BAR_INTERVALS, type BarInterval } from '@tradewind/shared/market-data';
import { resolveStrategy } from '@tradewind/shared/strategies';
import { z } from 'zod';
import { ownedBy } from '../../data/owner-scope';
import { fail } from '../../errors';
import { protectedProcedure, router } from '../../trpc';
import { searchInput, validatedSearch, walkForwardInput } from './search';

/** Backtests one user may have queued or running at once. */
export const BACKTEST_JOBS_ACTIVE_MAX = 5;
/** Jobs `list` returns, newest first. */
export const BACKTEST_LIST_MAX = 50;
/** Initial cash ceiling (the backtester's own: 10^15 minor units), as cents. */
const CASH_MINOR_MAX = 10n ** 15n;
const CENT = parseStep('0.01');

const submitInput = z
  .object({
    strategy: z.string().min(1).max(64),
    params: z.record(z.string(), z.unknown()).default({}),
    symbol: z.string().min(1).max(32),
    interval: z.enum(BAR_INTERVALS as unknown as [BarInterval, ...BarInterval[]]),
    fromMs: z.number(),
    toMs: z.number(),
    cash: z.string().min(1).max(40),
    /** `single` (default): one run of `params`; `optimise`: a search; `walk-forward`: a search per window. */
    kind: z.enum(['single', 'optimise', 'walk-forward']).default('single'),
    search: searchInput.optional(),
    walkForward: walkForwardInput.optional(),
    /** A single run only: rerun on the data cut at five points and compare its decisions (look-ahead bias). */
    lookAhead: z.boolean().default(false),
  })
  .strict();
const idInput = z.object({ id: z.uuid() }).strict();

/** The job config edge queues: everything checked here, so core only fails on data (or a throwing strategy). */
function validatedConfig(input: z.infer<typeof submitInput>) {
  const resolved = resolveStrategy(input.strategy, input.params);
  if (!resolved.ok)
    fail(
      resolved.code === 'STRATEGY_UNKNOWN' ? 'BACKTEST_STRATEGY_UNKNOWN' : 'BACKTEST_PARAMS_INVALID',
      resolved.message,
    );
  const range = checkRange(input.fromMs, input.toMs);
  if (!range.ok) {
    const reason = { RANGE_EMPTY: 'BACKTEST_RANGE_EMPTY', RANGE_REVERSED: 'BACKTEST_RANGE_REVERSED' } as const;
    fail(reason[range.code as keyof typeof reason] ?? 'BACKTEST_RANGE_INVALID', range.message);
  }
  if ((input.toMs - input.fromMs) / BAR_INTERVAL_MS[input.interval] > EVENTS_MAX) fail('BACKTEST_RANGE_TOO_LONG');
  if (!INSTRUMENTS.some((i) => i.symbol === input.symbol)) fail('BACKTEST_SYMBOL_UNKNOWN');
  const cash = decimalToSteps(input.cash, CENT);
  if (!cash.ok || cash.value <= 0n || cash.value > CASH_MINOR_MAX) fail('BACKTEST_CASH_INVALID');
  const params = resolved.value.params as Record<string, unknown>;
  const bars = Math.ceil((input.toMs - input.fromMs) / BAR_INTERVAL_MS[input.interval]);
  const { search: _search, walkForward: _windows, lookAhead, ...run } = input;
  if (lookAhead && input.kind !== 'single') fail('BACKTEST_SEARCH_INVALID', 'the look-ahead check is for single runs');
  return { ...run, params, ...validatedSearch(input, params, bars), ...(lookAhead ? { lookAhead } : {}) };
}

/** Server backtests: queued in PostgreSQL, run by core's worker threads, read back here. */
export const backtestsRouter = router({
  submit: protectedProcedure.input(submitInput).mutation(async ({ ctx, input }) => {
    const config = validatedConfig(input);
    const job = await ownedBy(ctx.db, ctx.auth.userId).backtests().submit(config, BACKTEST_JOBS_ACTIVE_MAX);
    if (job === 'LIMIT') fail('BACKTEST_JOBS_LIMIT');
    return job;
  }),
  status: protectedProcedure.input(idInput).query(async ({ ctx, input }) => {
    const job = await ownedBy(ctx.db, ctx.auth.userId).backtests().get(input.id);
    if (job === undefined) fail('BACKTEST_NOT_FOUND');
    return job;
  }),
  result: protectedProcedure.input(idInput).query(async ({ ctx, input }) => {
    const row = await ownedBy(ctx.db, ctx.auth.userId).backtests().result(input.id);
    if (row === undefined) fail('BACKTEST_NOT_FOUND');
    if (row.status !== 'done' || row.result === null) fail('BACKTEST_NOT_DONE', `status ${row.status}`);
    return row.result as Record<string, unknown>;
  }),
  list: protectedProcedure.query(({ ctx }) => ownedBy(ctx.db, ctx.auth.userId).backtests().list(BACKTEST_LIST_MAX)),
  cancel: protectedProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    const job = await ownedBy(ctx.db, ctx.auth.userId).backtests().cancel(input.id);
    if (job === undefined) fail('BACKTEST_NOT_FOUND');
    return job;
  }),
});
