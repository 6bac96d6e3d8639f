import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registerAndSignIn, rejection, startTestEdge, type TestEdge } from '../../test-support/edge-harness';
import { BACKTEST_JOBS_ACTIVE_MAX } from './index';
import { RESEARCH_BAR_RUNS_MAX } from './search';

let edge: TestEdge;
beforeAll(async () => {
  edge = await startTestEdge();
});
afterAll(() => edge.close());

async function user() {
  const client = edge.client();
  await registerAndSignIn(client);
  return client;
}

const T0 = Date.UTC(2026, 0, 1);
const H = 3_600_000;
const good = {
  strategy: 'sma-cross',
  params: { fast: 5, slow: 20 },
  symbol: 'ETH-USD',
  interval: '1h' as const,
  fromMs: T0,
  toMs: T0 + 100 * H,
  cash: '10000.00',
};
const rowCount = async () => Number((await edge.db.sql`select count(*)::int as n from backtest_jobs`)[0]?.n);

describe('backtests.submit / status / result / list / cancel', () => {
  test('a job is queued with its params filled from the schema, listed, and its status read', async () => {
    const client = await user();
    const job = await client.trpc.backtests.submit.mutate(good);
    expect(job).toMatchObject({ status: 'queued', progress: 0, error: null });
    expect(job.config).toEqual({ ...good, kind: 'single', params: { fast: 5, slow: 20, qtyLots: 100 } });
    expect(await client.trpc.backtests.status.query({ id: job.id })).toMatchObject({ id: job.id, status: 'queued' });
    expect((await client.trpc.backtests.list.query()).map((j) => j.id)).toEqual([job.id]);
    const early = await rejection(client.trpc.backtests.result.query({ id: job.id }));
    expect({ code: early.data?.code, reason: early.data?.reason }).toEqual({
      code: 'CONFLICT',
      reason: 'BACKTEST_NOT_DONE',
    });
    // Core's runner writes the result; edge hands it back as stored.
    await edge.db
      .sql`update backtest_jobs set status = 'done', progress = 1, result = ${JSON.stringify({ tradeCount: 3 })}::jsonb where id = ${job.id}`;
    expect(await client.trpc.backtests.result.query({ id: job.id })).toEqual({ tradeCount: 3 });
  });

  test('unknown strategies, params outside the schema, empty/reversed ranges, bad symbols and cash are typed BAD_REQUESTs that store nothing', async () => {
    const client = await user();
    const before = await rowCount();
    const cases = [
      [{ strategy: 'nope' }, 'BACKTEST_STRATEGY_UNKNOWN'],
      [{ params: { fast: 30, slow: 20 } }, 'BACKTEST_PARAMS_INVALID'],
      [{ params: { fast: 0 } }, 'BACKTEST_PARAMS_INVALID'],
      [{ params: { fast: 1001, slow: 2000 } }, 'BACKTEST_PARAMS_INVALID'],
      [{ params: { extra: 1 } }, 'BACKTEST_PARAMS_INVALID'],
      [{ toMs: T0 }, 'BACKTEST_RANGE_EMPTY'],
      [{ toMs: T0 - H }, 'BACKTEST_RANGE_REVERSED'],
      [{ fromMs: T0 + 0.5 }, 'BACKTEST_RANGE_INVALID'],
      [{ interval: '1s' as const, toMs: T0 + 10_000_001_000 }, 'BACKTEST_RANGE_TOO_LONG'],
      [{ symbol: 'NOPE-USD' }, 'BACKTEST_SYMBOL_UNKNOWN'],
      [{ cash: '0' }, 'BACKTEST_CASH_INVALID'],
      [{ cash: '1.001' }, 'BACKTEST_CASH_INVALID'],
      [{ cash: '10000000000000.01' }, 'BACKTEST_CASH_INVALID'],
    ] as const;
    for (const [patch, reason] of cases) {
      const e = await rejection(client.trpc.backtests.submit.mutate({ ...good, ...patch }));
      expect({ code: e.data?.code, reason: e.data?.reason }, JSON.stringify(patch)).toEqual({
        code: 'BAD_REQUEST',
        reason,
      });
    }
    // At the limits: 10^13 dollars is 10^15 cents, the most; EVENTS_MAX bars of 1s is allowed.
    const atLimit = await client.trpc.backtests.submit.mutate({
      ...good,
      cash: '10000000000000.00',
      interval: '1s',
      toMs: T0 + 10_000_000_000,
    });
    expect(atLimit.status).toBe('queued');
    await client.trpc.backtests.cancel.mutate({ id: atLimit.id });
    expect(await rowCount()).toBe(before + 1);
  });

  test(`a user may have ${BACKTEST_JOBS_ACTIVE_MAX} jobs queued or running; cancelling one frees a place`, async () => {
    const client = await user();
    const jobs = [];
    for (let i = 0; i < BACKTEST_JOBS_ACTIVE_MAX; i++) jobs.push(await client.trpc.backtests.submit.mutate(good));
    const over = await rejection(client.trpc.backtests.submit.mutate(good));
    expect({ code: over.data?.code, reason: over.data?.reason }).toEqual({
      code: 'TOO_MANY_REQUESTS',
      reason: 'BACKTEST_JOBS_LIMIT',
    });
    const first = jobs[0];
    if (first === undefined) throw new Error('no job');
    expect(await client.trpc.backtests.cancel.mutate({ id: first.id })).toMatchObject({ status: 'cancelled' });
    expect((await client.trpc.backtests.submit.mutate(good)).status).toBe('queued');
  });

  test('a running job is only flagged by cancel (its runner stops it); a final job is left as it is', async () => {
    const client = await user();
    const job = await client.trpc.backtests.submit.mutate(good);
    await edge.db.sql`update backtest_jobs set status = 'running' where id = ${job.id}`;
    expect(await client.trpc.backtests.cancel.mutate({ id: job.id })).toMatchObject({ status: 'running' });
    const [row] = await edge.db.sql`select cancel_requested from backtest_jobs where id = ${job.id}`;
    expect(row?.cancel_requested).toBe(true);
    await edge.db.sql`update backtest_jobs set status = 'done' where id = ${job.id}`;
    expect(await client.trpc.backtests.cancel.mutate({ id: job.id })).toMatchObject({ status: 'done' });
  });

  test("someone else's job is NOT_FOUND everywhere, and anonymous callers are refused", async () => {
    const alice = await user();
    const bob = await user();
    const job = await alice.trpc.backtests.submit.mutate(good);
    for (const call of [
      () => bob.trpc.backtests.status.query({ id: job.id }),
      () => bob.trpc.backtests.result.query({ id: job.id }),
      () => bob.trpc.backtests.cancel.mutate({ id: job.id }),
    ]) {
      const e = await rejection(call());
      expect({ code: e.data?.code, reason: e.data?.reason }).toEqual({
        code: 'NOT_FOUND',
        reason: 'BACKTEST_NOT_FOUND',
      });
    }
    expect(await bob.trpc.backtests.list.query()).toEqual([]);
    expect((await alice.trpc.backtests.status.query({ id: job.id })).status).toBe('queued');
    const anon = await rejection(edge.client().trpc.backtests.list.query());
    expect(anon.data?.code).toBe('UNAUTHORIZED');
  });

  test('optimisation and walk-forward jobs are stored in the optimiser’s terms; bad searches and windows are typed errors', async () => {
    const client = await user();
    const search = {
      space: { fast: { values: [3, 5] }, slow: { min: 20, max: 40, step: 10 } },
      objective: 'sharpe' as const,
    };
    const opt = await client.trpc.backtests.submit.mutate({ ...good, kind: 'optimise', search });
    expect(opt.config).toMatchObject({
      kind: 'optimise',
      search: { space: search.space, method: { kind: 'grid' }, objective: { objective: 'sharpe' } },
    });
    const wf = await client.trpc.backtests.submit.mutate({
      ...good,
      kind: 'walk-forward',
      search: { ...search, method: 'random', samples: 4, seed: 9, objective: 'return', maxDrawdownCapRatio: 0.2 },
      walkForward: { inSampleMs: 40 * H, outOfSampleMs: 20 * H },
    });
    expect(wf.config).toMatchObject({
      kind: 'walk-forward',
      search: {
        method: { kind: 'random', samples: 4, seed: 9 },
        objective: { objective: 'return', maxDrawdownCapRatio: 0.2 },
      },
      walkForward: { inSampleMs: 40 * H, outOfSampleMs: 20 * H },
    });
    const checked = await client.trpc.backtests.submit.mutate({ ...good, lookAhead: true });
    expect(checked.config).toMatchObject({ kind: 'single', lookAhead: true });
    for (const id of [opt.id, wf.id, checked.id]) await client.trpc.backtests.cancel.mutate({ id });
    const before = await rowCount();
    const cases = [
      [{ kind: 'optimise' }, 'BACKTEST_SEARCH_INVALID'],
      [{ kind: 'optimise', search, lookAhead: true }, 'BACKTEST_SEARCH_INVALID'],
      [{ kind: 'optimise', search: { ...search, space: {} } }, 'BACKTEST_SEARCH_INVALID'],
      [{ kind: 'optimise', search: { ...search, space: { nope: { values: [1] } } } }, 'BACKTEST_SEARCH_INVALID'],
      [
        { kind: 'optimise', search: { ...search, space: { fast: { min: 9, max: 3, step: 1 } } } },
        'BACKTEST_SEARCH_INVALID',
      ],
      [{ kind: 'walk-forward', search }, 'BACKTEST_WINDOWS_INVALID'],
      [
        { kind: 'walk-forward', search, walkForward: { inSampleMs: 100 * H, outOfSampleMs: H } },
        'BACKTEST_WINDOWS_INVALID',
      ],
      [
        // 10,000 candidates × 10^6 one-second bars is past RESEARCH_BAR_RUNS_MAX.
        {
          kind: 'optimise',
          interval: '1s' as const,
          toMs: T0 + 1_000_000_000,
          search: { ...search, space: { fast: { min: 1, max: 100, step: 1 }, slow: { min: 101, max: 200, step: 1 } } },
        },
        'BACKTEST_SEARCH_TOO_LARGE',
      ],
    ] as const;
    expect(10_000 * 1_000_000).toBeGreaterThan(RESEARCH_BAR_RUNS_MAX);
    for (const [patch, reason] of cases) {
      const e = await rejection(client.trpc.backtests.submit.mutate({ ...good, ...patch } as never));
      expect({ code: e.data?.code, reason: e.data?.reason }, JSON.stringify(patch)).toEqual({
        code: 'BAD_REQUEST',
        reason,
      });
    }
    expect(await rowCount()).toBe(before);
  });
});
