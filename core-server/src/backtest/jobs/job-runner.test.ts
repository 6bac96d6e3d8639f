import { createTestDatabase } from '@tradewind/db/testing';
import { optimise, runBacktest, tradeMonteCarlo, walkForward } from '@tradewind/shared/backtest';
import { INSTRUMENTS } from '@tradewind/shared/domain';
import type { Bar } from '@tradewind/shared/market-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonSafe } from './job-config';
import { runNextJob, startBacktestRunner } from './job-runner';
import { claimJob, loadJobBars } from './job-store';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const BARS = 2_000;
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let userId = '';

/** A wave with noise in ticks, made by PostgreSQL itself: deterministic, any length. */
async function insertBars(symbol: string, interval: string, stepMs: number, count: number): Promise<void> {
  await db.sql`
    insert into market_bars (symbol, interval, source, open_time, open_ticks, high_ticks, low_ticks, close_ticks, volume_lots, trade_count)
    select ${symbol}, ${interval}, 'csv', to_timestamp((${T0}::bigint + i::bigint * ${stepMs}::bigint) / 1000.0),
      p, p + 40, p - 40, p + ((i * 7919) % 61) - 30, 10, 1
    from (select i, (345000 + 8000 * sin(i / 37.0) + 3000 * sin(i / 7.0))::bigint as p
          from generate_series(0::bigint, ${count - 1}::bigint) as i) s`;
}

const config = (over: Record<string, unknown> = {}) => ({
  strategy: 'sma-cross',
  params: { fast: 5, slow: 20, qtyLots: 10 },
  symbol: 'ETH-USD',
  interval: '1h',
  fromMs: T0,
  toMs: T0 + BARS * H,
  cash: '10000.00',
  ...over,
});

async function queue(c: object, cancel = false): Promise<string> {
  const [row] = await db.sql<{ id: string }[]>`
    insert into backtest_jobs (user_id, config, cancel_requested) values (${userId}, ${JSON.stringify(c)}::jsonb, ${cancel})
    returning id`;
  return row?.id ?? '';
}
const job = async (id: string) =>
  (
    await db.sql<{ status: string; progress: number; result: Record<string, unknown> | null; error: string | null }[]>`
    select status, progress, result, error from backtest_jobs where id = ${id}`
  )[0];

/** The `backtest.finished` events core appended for a job (the notifications worker's input). */
const eventsOf = async (id: string) =>
  db.sql<{ type: string; user_id: string; payload: Record<string, string> }[]>`
    select type, user_id, payload from outbox where payload->>'backtestId' = ${id} order by seq`;

beforeAll(async () => {
  db = await createTestDatabase();
  const [u] = await db.sql<{ id: string }[]>`
    insert into users (email, password_hash, display_name) values ('bt@example.com', 'x', 'Backtester') returning id`;
  userId = u?.id ?? '';
  await insertBars('ETH-USD', '1h', H, BARS);
  await insertBars('SOL-USD', '1m', 60_000, 300_000);
});
afterAll(async () => {
  await db?.close();
});

describe('the backtest job runner (PostgreSQL queue, worker threads)', () => {
  it('runs a queued job in a worker thread; its stored result equals runBacktest on the same bars', async () => {
    const id = await queue(config());
    expect(await runNextJob(db)).toEqual({ id, outcome: 'done' });
    const row = await job(id);
    expect(row?.status).toBe('done');
    expect(row?.progress).toBe(1);
    const bars: Bar[] = await loadJobBars(db.sql, config() as never, 10_000);
    expect(bars).toHaveLength(BARS);
    const eth = INSTRUMENTS.find((i) => i.symbol === 'ETH-USD');
    if (eth === undefined) throw new Error('ETH-USD missing');
    const direct = runBacktest({
      strategy: 'sma-cross',
      params: { fast: 5, slow: 20, qtyLots: 10 },
      instruments: [eth],
      data: { kind: 'bars', interval: '1h', bars },
      fromMs: T0,
      toMs: T0 + BARS * H,
      initialCashMinor: 1_000_000n,
    });
    if (!direct.ok) throw new Error(direct.message);
    expect(direct.value.trades.length).toBeGreaterThan(0);
    expect(row?.result).toMatchObject({
      status: 'completed',
      barCount: BARS,
      tradeCount: direct.value.trades.length,
      stateHash: direct.value.stateHash,
      metrics: jsonSafe(direct.value.performance?.metrics ?? {}),
    });
    // A bootstrap Monte Carlo of its round trips, 1,000 runs, seed 1: the same as here.
    const mc = tradeMonteCarlo(direct.value, 1_000, 1);
    if (!mc.ok) throw new Error(mc.message);
    expect(row?.result?.monteCarlo).toEqual(jsonSafe(mc.value));
    expect(row?.result).not.toHaveProperty('lookAhead');
    expect(await runNextJob(db)).toBeNull();
    // Its owner is told, in the transaction that stored the result.
    const sharpe = Number(direct.value.performance?.metrics.sharpeAnnual).toFixed(2);
    expect(await eventsOf(id)).toEqual([
      {
        type: 'backtest.finished',
        user_id: userId,
        payload: {
          backtestId: id,
          status: 'done',
          name: 'sma-cross on ETH-USD 1h',
          summary: expect.stringMatching(
            new RegExp(`^return [+-]\\d+\\.\\d\\d %, ${direct.value.trades.length} trades, Sharpe ${sharpe}$`),
          ),
        },
      },
    ]);
  });

  it('a job with the look-ahead check reports its truncated reruns (an honest built-in passes)', async () => {
    const id = await queue(config({ lookAhead: true }));
    expect(await runNextJob(db)).toEqual({ id, outcome: 'done' });
    const result = (await job(id))?.result as { lookAhead: { passed: boolean; cuts: { barsKept: number }[] } };
    expect(result.lookAhead.passed).toBe(true);
    expect(result.lookAhead.cuts.map((c) => c.barsKept)).toEqual(
      [1, 2, 3, 4, 5].map((c) => Math.floor((BARS * c) / 6)),
    );
  });

  it('a job the backtester refuses fails with its typed error', async () => {
    const id = await queue(config({ fromMs: T0 + 5 * H, toMs: T0 + 5 * H }));
    expect(await runNextJob(db)).toEqual({ id, outcome: 'failed' });
    expect((await job(id))?.error).toMatch(/^RANGE_EMPTY/);
    const none = await queue(config({ fromMs: T0 - 100 * H, toMs: T0 - 50 * H }));
    expect(await runNextJob(db)).toEqual({ id: none, outcome: 'failed' });
    expect((await job(none))?.error).toMatch(/^DATA_EMPTY/);
    expect((await eventsOf(none)).map((e) => [e.type, e.payload.status, e.payload.summary])).toEqual([
      ['backtest.finished', 'failed', (await job(none))?.error],
    ]);
  });

  it('a running job whose owner asked to cancel stops at its first progress write', async () => {
    const id = await queue(config({ symbol: 'SOL-USD', interval: '1m', toMs: T0 + 300_000 * 60_000 }), true);
    expect(await runNextJob(db)).toEqual({ id, outcome: 'cancelled' });
    const row = await job(id);
    expect(row?.status).toBe('cancelled');
    expect(row?.result).toBeNull();
    expect(row?.progress).toBeLessThan(1);
    expect(await eventsOf(id)).toEqual([]); // the owner cancelled it: nothing to tell
  });

  it('concurrent claims never take the same job (FOR UPDATE SKIP LOCKED)', async () => {
    const a = await queue(config());
    const b = await queue(config());
    const claims = await Promise.all([claimJob(db.sql), claimJob(db.sql), claimJob(db.sql)]);
    const ids = claims.map((c) => c?.id ?? null);
    expect(ids.filter((x) => x !== null).sort()).toEqual([a, b].sort());
    expect(ids.filter((x) => x === null)).toHaveLength(1);
    await db.sql`update backtest_jobs set status = 'cancelled' where id in ${db.sql([a, b])}`;
  });

  it('the started runner requeues a job left running by a dead process and runs queued jobs until closed', async () => {
    const orphan = await queue(config());
    await db.sql`update backtest_jobs set status = 'running', progress = 0.5 where id = ${orphan}`;
    const errors: unknown[] = [];
    const runner = startBacktestRunner(db, { pollMs: 20, onError: (e) => errors.push(e) });
    await expect.poll(async () => (await job(orphan))?.status, { timeout: 20_000 }).toBe('done');
    const later = await queue(config());
    await expect.poll(async () => (await job(later))?.status, { timeout: 20_000 }).toBe('done');
    await runner.close();
    expect(errors).toEqual([]);
    expect((await job(later))?.result).toEqual((await job(orphan))?.result);
  });

  it('closing the runner mid-job leaves the job running for the next start (not failed)', async () => {
    const id = await queue(config({ symbol: 'SOL-USD', interval: '1m', toMs: T0 + 300_000 * 60_000 }));
    const runner = startBacktestRunner(db, { pollMs: 20 });
    await expect.poll(async () => (await job(id))?.status, { timeout: 20_000 }).toBe('running');
    await runner.close();
    expect(await job(id)).toMatchObject({ status: 'running', result: null, error: null });
    await db.sql`update backtest_jobs set status = 'cancelled' where id = ${id}`;
  });

  describe('optimisation and walk-forward jobs (candidates over worker threads)', () => {
    const search = {
      space: { fast: { values: [3, 5, 8] }, slow: { values: [20, 30] } },
      method: { kind: 'grid' },
      objective: { objective: 'sharpe' },
    } as const;
    const sharedBase = async () => {
      const bars = await loadJobBars(db.sql, config() as never, 10_000);
      const eth = INSTRUMENTS.find((i) => i.symbol === 'ETH-USD');
      if (eth === undefined) throw new Error('ETH-USD missing');
      return {
        strategy: 'sma-cross',
        params: { fast: 5, slow: 20, qtyLots: 10 },
        instruments: [eth],
        data: { kind: 'bars' as const, interval: '1h' as const, bars },
        fromMs: T0,
        toMs: T0 + BARS * H,
        initialCashMinor: 1_000_000n,
      };
    };

    it('an optimisation ranks like shared’s optimiser and reports its best run in full', async () => {
      const id = await queue(config({ kind: 'optimise', search }));
      expect(await runNextJob(db)).toEqual({ id, outcome: 'done' });
      const result = (await job(id))?.result as Record<string, never> & {
        optimisation: { ranked: { params: unknown; score: number }[]; candidateCount: number };
      };
      const base = await sharedBase();
      const direct = optimise({ base, ...search });
      if (!direct.ok || direct.value.best === null) throw new Error('no optimum');
      expect(result.optimisation.candidateCount).toBe(6);
      expect(result.optimisation.ranked.map((c) => [c.params, c.score])).toEqual(
        direct.value.ranked.map((c) => [c.params, c.score]),
      );
      const best = runBacktest({ ...base, params: direct.value.best.params });
      if (!best.ok) throw new Error(best.message);
      expect(result).toMatchObject({
        kind: 'optimise',
        params: direct.value.best.params,
        stateHash: best.value.stateHash,
        metrics: jsonSafe(best.value.performance?.metrics ?? {}),
      });
      const [event] = await eventsOf(id);
      expect(event?.payload.name).toBe('sma-cross optimisation on ETH-USD 1h');
      expect(event?.payload.summary).toMatch(/^best fast=\d+ slow=\d+ qtyLots=10: return /);
    });

    it('a walk-forward stitches the out-of-sample runs exactly as shared’s walk-forward does', async () => {
      const walk = { inSampleMs: 600 * H, outOfSampleMs: 350 * H };
      const id = await queue(config({ kind: 'walk-forward', search, walkForward: walk }));
      expect(await runNextJob(db)).toEqual({ id, outcome: 'done' });
      const result = (await job(id))?.result as Record<string, never> & { walkForward: { windows: unknown[] } };
      const direct = walkForward({ base: await sharedBase(), ...search, ...walk });
      if (!direct.ok) throw new Error(direct.message);
      expect(result.walkForward.windows).toHaveLength(4);
      expect(result).toMatchObject({
        kind: 'walk-forward',
        tradeCount: direct.value.trades.length,
        metrics: jsonSafe(direct.value.performance?.metrics ?? {}),
      });
      expect((await job(id))?.progress).toBe(1);
    });

    it('a cancelled optimisation stops at its first progress write, threads and all', async () => {
      const big = config({ symbol: 'SOL-USD', interval: '1m', toMs: T0 + 300_000 * 60_000 });
      const id = await queue({ ...big, kind: 'optimise', search }, true);
      expect(await runNextJob(db)).toEqual({ id, outcome: 'cancelled' });
      expect(await job(id)).toMatchObject({ status: 'cancelled', result: null });
    });
  });
});
