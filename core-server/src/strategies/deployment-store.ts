import type { Sql } from '@tradewind/db';
import { appendToOutbox } from '@tradewind/db/bus';
import type { Bar } from '@tradewind/shared/market-data';
import type { DeploymentStatus, LiveBarInterval } from '@tradewind/shared/protocol';

/** A deployment as the runner needs it (`strategy_deployments`). */
export type DeploymentRow = {
  readonly id: string;
  readonly userId: string;
  readonly accountId: string;
  readonly strategyId: string;
  readonly params: unknown;
  readonly symbols: readonly string[];
  readonly interval: LiveBarInterval;
  readonly status: DeploymentStatus;
  readonly runs: number;
};

type Row = {
  id: string;
  user_id: string;
  account_id: string;
  strategy_id: string;
  params: unknown;
  symbols: string[];
  interval: LiveBarInterval;
  status: DeploymentStatus;
  runs: number;
};

const toRow = (r: Row): DeploymentRow => ({
  id: r.id,
  userId: r.user_id,
  accountId: r.account_id,
  strategyId: r.strategy_id,
  params: r.params,
  symbols: r.symbols,
  interval: r.interval,
  status: r.status,
  runs: r.runs,
});

export type AccountRow = { userId: string; currency: string; parentId: string | null; name: string };

/** The SQL of live strategies: deployments, their sub-accounts, warm-up bars. */
export class DeploymentStore {
  constructor(private readonly sql: Sql) {}

  async running(): Promise<DeploymentRow[]> {
    const rows = await this.sql<Row[]>`select * from strategy_deployments where status = 'running' order by created_at`;
    return rows.map(toRow);
  }

  /** The owner's deployment; undefined for anyone else's (NOT_FOUND). */
  async owned(userId: string, id: string): Promise<DeploymentRow | undefined> {
    const rows = await this.sql<Row[]>`
      select * from strategy_deployments where id = ${id}::uuid and user_id = ${userId}::uuid`;
    return rows[0] === undefined ? undefined : toRow(rows[0]);
  }

  async account(id: string): Promise<AccountRow | undefined> {
    const rows = await this.sql<{ user_id: string; currency: string; parent_id: string | null; name: string }[]>`
      select user_id, currency, parent_id, name from accounts where id = ${id}::uuid`;
    const r = rows[0];
    return r === undefined
      ? undefined
      : { userId: r.user_id, currency: r.currency, parentId: r.parent_id, name: r.name };
  }

  /** The sub-account row of a deployment (funded by a transfer, so no opening cash). */
  async insertSubAccount(id: string, userId: string, parentId: string, currency: string, name: string): Promise<void> {
    await this.sql`insert into accounts (id, user_id, name, kind, currency, cash_minor, parent_id)
      values (${id}::uuid, ${userId}::uuid, ${name}, 'paper', ${currency}, 0, ${parentId}::uuid)`;
  }

  async deleteAccount(id: string): Promise<void> {
    await this.sql`delete from accounts where id = ${id}::uuid`;
  }

  /**
   * Inserts a running deployment unless its owner already has `perUserMax` running (false).
   * One insert at a time per user (advisory lock), so the limit holds under concurrent deploys.
   */
  async insert(row: DeploymentRow, allocatedMinor: bigint | null, perUserMax: number): Promise<boolean> {
    return this.sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtext(${`strategies:${row.userId}`}))`;
      const [n] = await tx<{ n: number }[]>`
        select count(*)::int as n from strategy_deployments where user_id = ${row.userId}::uuid and status = 'running'`;
      if ((n?.n ?? 0) >= perUserMax) return false;
      await tx`insert into strategy_deployments (id, user_id, account_id, strategy_id, params, symbols, interval, allocated_minor)
        values (${row.id}::uuid, ${row.userId}::uuid, ${row.accountId}::uuid, ${row.strategyId},
          ${JSON.stringify(row.params)}::jsonb, ${row.symbols as string[]}, ${row.interval}, ${allocatedMinor === null ? null : allocatedMinor.toString()})`;
      return true;
    }) as Promise<boolean>;
  }

  /** A stopped or failed deployment runs again: the next run number (client order ids of a run never repeat). */
  async restart(row: DeploymentRow, perUserMax: number): Promise<number | undefined> {
    return this.sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtext(${`strategies:${row.userId}`}))`;
      const [n] = await tx<{ n: number }[]>`
        select count(*)::int as n from strategy_deployments where user_id = ${row.userId}::uuid and status = 'running'`;
      if ((n?.n ?? 0) >= perUserMax) return undefined;
      const [r] = await tx<{ runs: number }[]>`update strategy_deployments
        set status = 'running', reason = null, runs = runs + 1, started_at = now(), stopped_at = null
        where id = ${row.id}::uuid and status <> 'running' returning runs`;
      return r?.runs;
    }) as Promise<number | undefined>;
  }

  /** A running deployment resumed after a core restart: its next run number. */
  async resumed(id: string): Promise<number> {
    const [r] = await this.sql<{ runs: number }[]>`
      update strategy_deployments set runs = runs + 1 where id = ${id}::uuid returning runs`;
    return r?.runs ?? 1;
  }

  /**
   * Stopped or failed, with the reason, and the `strategy.status` bus event in the same
   * transaction (the user is told through the notifications worker).
   */
  async finish(
    row: DeploymentRow,
    status: 'stopped' | 'failed',
    reason: string,
    byOwner: boolean,
    atMs: number,
    name: string,
  ): Promise<void> {
    await this.sql.begin(async (tx) => {
      await tx`update strategy_deployments set status = ${status}, reason = ${reason}, stopped_at = now()
        where id = ${row.id}::uuid and status = 'running'`;
      await appendToOutbox(tx, [
        {
          type: 'strategy.status',
          userId: row.userId,
          accountId: row.accountId,
          occurredAtMs: atMs,
          payload: { deploymentId: row.id, strategyId: row.strategyId, name, status, reason, byOwner },
        },
      ]);
    });
  }

  /** The newest `limit` recorded bars of the symbols at `interval` that closed by `beforeMs`, oldest first. */
  async recentBars(symbols: readonly string[], interval: LiveBarInterval, beforeMs: number, limit: number) {
    const intervalMs = interval === '1s' ? 1_000 : 60_000;
    const rows = await this.sql<
      { symbol: string; t: string; o: string; h: string; l: string; c: string; v: string; n: number }[]
    >`select * from (
        select symbol, (extract(epoch from open_time) * 1000)::bigint::text as t, open_ticks::text as o,
          high_ticks::text as h, low_ticks::text as l, close_ticks::text as c, volume_lots::text as v, trade_count as n
        from market_bars
        where symbol = any(${symbols as string[]}) and interval = ${interval} and source = 'recorded'
          and open_time <= to_timestamp(${(beforeMs - intervalMs) / 1000})
        order by open_time desc limit ${limit}
      ) recent order by t::bigint, symbol`;
    return rows.map(
      (r): Bar => ({
        symbol: r.symbol,
        interval,
        openTimeMs: Number(r.t),
        openTicks: Number(r.o),
        highTicks: Number(r.h),
        lowTicks: Number(r.l),
        closeTicks: Number(r.c),
        volumeLots: Number(r.v),
        tradeCount: r.n,
      }),
    );
  }
}
