import type { DbHandle } from '@tradewind/db';
import { appendToOutbox } from '@tradewind/db/bus';
import type { Bar } from '@tradewind/shared/market-data';
import { type JobConfig, type JobEnd, jobFinishedEvent } from './job-config';

type Sql = DbHandle['sql'];
export type ClaimedJob = { readonly id: string; readonly userId: string; readonly config: JobConfig };

/** The oldest queued job, now `running`; concurrent runners skip each other's rows (SKIP LOCKED). */
export async function claimJob(sql: Sql): Promise<ClaimedJob | null> {
  const [row] = await sql<{ id: string; user_id: string; config: JobConfig }[]>`
    update backtest_jobs set status = 'running', started_at = now()
    where id = (
      select id from backtest_jobs where status = 'queued' order by created_at, id limit 1 for update skip locked
    )
    returning id, user_id, config`;
  return row ? { id: row.id, userId: row.user_id, config: row.config } : null;
}

/** Writes progress; answers whether the owner asked to cancel. */
export async function writeProgress(sql: Sql, id: string, ratio: number): Promise<boolean> {
  const p = Math.min(1, Math.max(0, ratio));
  const [row] = await sql<{ cancel: boolean }[]>`
    update backtest_jobs set progress = greatest(progress, ${p}) where id = ${id} and status = 'running'
    returning cancel_requested as cancel`;
  return row?.cancel ?? true;
}

/**
 * Stores a job's end and, for `done` and `failed`, tells its owner: a `backtest.finished` bus
 * event appended in the same transaction (edge's notification worker turns it into an inbox
 * entry and a push per the user's preferences). A cancel was the owner's own doing: no event.
 */
export async function finishJob(sql: Sql, id: string, end: JobEnd, occurredAtMs: number): Promise<void> {
  const result = end.status === 'done' ? JSON.stringify(end.result) : null;
  const error = end.status === 'done' ? null : end.error;
  await sql.begin(async (tx) => {
    const [row] = await tx<{ user_id: string; config: JobConfig }[]>`
      update backtest_jobs set status = ${end.status}, result = ${result}::jsonb, error = ${error},
        progress = case when ${end.status} = 'done' then 1 else progress end, finished_at = now()
      where id = ${id} and status = 'running'
      returning user_id, config`;
    if (row === undefined || end.status === 'cancelled') return;
    await appendToOutbox(tx, [jobFinishedEvent(id, row.user_id, row.config, end, occurredAtMs)]);
  });
}

/** Jobs left `running` by a runner that died (a core restart) are queued again. */
export async function requeueOrphans(sql: Sql): Promise<number> {
  const rows = await sql`update backtest_jobs set status = 'queued', progress = 0, started_at = null
    where status = 'running' returning id`;
  return rows.length;
}

/** Bars of a job from market_bars, one source per time (recorded, then csv, then ccxt), like the CLI. */
export async function loadJobBars(sql: Sql, job: JobConfig, limit: number): Promise<Bar[]> {
  const rows = await sql<{ t: string; o: string; h: string; l: string; c: string; v: string; n: number }[]>`
    select distinct on (open_time) (extract(epoch from open_time) * 1000)::bigint as t, open_ticks as o,
      high_ticks as h, low_ticks as l, close_ticks as c, volume_lots as v, trade_count as n
    from market_bars
    where symbol = ${job.symbol} and interval = ${job.interval}
      and open_time >= to_timestamp(${job.fromMs / 1000}) and open_time < to_timestamp(${job.toMs / 1000})
    order by open_time, case when source = 'recorded' then 0 when source = 'csv' then 1 else 2 end
    limit ${limit}`;
  return rows.map((r) => ({
    symbol: job.symbol,
    interval: job.interval,
    openTimeMs: Number(r.t),
    openTicks: Number(r.o),
    highTicks: Number(r.h),
    lowTicks: Number(r.l),
    closeTicks: Number(r.c),
    volumeLots: Number(r.v),
    tradeCount: r.n,
  }));
}
