import type { Sql } from '@tradewind/db';
import type { EngineEvent, EngineState } from '@tradewind/shared/engine';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { type EquitySample, equityOf, isUserAccount } from './equity-of';

/** How often every user account's equity is looked at. */
export const EQUITY_SAMPLE_MS = 10_000;
/** An unchanged equity is still recorded this often, so a quiet account's curve has points. */
export const EQUITY_HEARTBEAT_MS = 300_000;
/** Rows per insert statement (one unnest insert each). */
export const EQUITY_INSERT_ROWS_MAX = 5_000;
/** The currency equity is measured in (user accounts are USD paper accounts). */
export const EQUITY_CURRENCY = 'USD';

export type EquitySamplerDeps = {
  readonly sql: Sql;
  /** Re-read every time: recovery replaces the engine state. */
  readonly state: () => EngineState;
  readonly clock: Clock;
  readonly log: Logger;
  readonly periodMs?: number;
};

/**
 * Records the live equity curve of every user account into `equity_samples`: every
 * `periodMs` (when it changed, or at the heartbeat) and right after each batch with fills of
 * the accounts that traded. Samples are taken synchronously from the engine state (one
 * writer, so they are consistent) and written in batched inserts, one write at a time.
 */
export class EquitySampler {
  private readonly lastRecorded = new Map<string, { equityMinor: bigint; timeMs: number }>();
  private readonly traded = new Set<string>();
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private scheduled = false;
  rowsWritten = 0;

  constructor(private readonly deps: EquitySamplerDeps) {}

  start(): void {
    this.timer = setInterval(() => this.sampleAll(), this.deps.periodMs ?? EQUITY_SAMPLE_MS);
  }

  /** After each durable batch: accounts with fills are sampled once the batch's events are in. */
  onEvents(events: readonly EngineEvent[]): void {
    for (const e of events) {
      if (e.type !== 'TradeExecuted') continue;
      if (isUserAccount(e.buyAccountId)) this.traded.add(e.buyAccountId);
      if (isUserAccount(e.sellAccountId)) this.traded.add(e.sellAccountId);
    }
    if (this.traded.size > 0 && !this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.sampleTraded());
    }
  }

  /** Samples every user account now (changed or due); resolves once written. */
  sampleAll(): Promise<void> {
    const state = this.deps.state();
    const nowMs = this.deps.clock.nowMs();
    const samples: EquitySample[] = [];
    for (const account of state.accounts) {
      if (!isUserAccount(account.id)) continue;
      const s = equityOf(state, account, EQUITY_CURRENCY);
      const last = this.lastRecorded.get(s.accountId);
      if (last === undefined || last.equityMinor !== s.equityMinor || nowMs - last.timeMs >= EQUITY_HEARTBEAT_MS) {
        samples.push(s);
      }
    }
    return this.write(samples, nowMs);
  }

  settled(): Promise<void> {
    return this.chain;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.chain;
  }

  private sampleTraded(): void {
    this.scheduled = false;
    const state = this.deps.state();
    const samples: EquitySample[] = [];
    for (const id of this.traded) {
      const ix = state.accountIx.get(id);
      const account = ix === undefined ? undefined : state.accounts[ix];
      if (account !== undefined) samples.push(equityOf(state, account, EQUITY_CURRENCY));
    }
    this.traded.clear();
    void this.write(samples, this.deps.clock.nowMs());
  }

  private write(samples: readonly EquitySample[], nowMs: number): Promise<void> {
    if (samples.length === 0) return this.chain;
    for (const s of samples) this.lastRecorded.set(s.accountId, { equityMinor: s.equityMinor, timeMs: nowMs });
    this.chain = this.chain
      .then(() => this.insert(samples, nowMs))
      .catch((e: unknown) => {
        // A lost sample leaves a gap in the curve, nothing worse; the next one is taken on time.
        for (const s of samples) this.lastRecorded.delete(s.accountId);
        this.deps.log.warn({ err: e, samples: samples.length }, 'writing equity samples failed');
      });
    return this.chain;
  }

  private async insert(samples: readonly EquitySample[], nowMs: number): Promise<void> {
    // ISO text: drizzle turns off postgres.js' Date serializer on the shared client.
    const ts = new Date(nowMs).toISOString();
    for (let i = 0; i < samples.length; i += EQUITY_INSERT_ROWS_MAX) {
      const chunk = samples.slice(i, i + EQUITY_INSERT_ROWS_MAX);
      await this.deps.sql`
        insert into equity_samples (account_id, ts, equity_minor, cash_minor)
        select t.account_id::uuid, ${ts}::timestamptz, t.equity::numeric, t.cash::numeric
        from unnest(${chunk.map((s) => s.accountId)}::text[], ${chunk.map((s) => s.equityMinor.toString())}::text[],
                    ${chunk.map((s) => s.cashMinor.toString())}::text[]) as t(account_id, equity, cash)
        on conflict (account_id, ts) do update set equity_minor = excluded.equity_minor, cash_minor = excluded.cash_minor`;
      this.rowsWritten += chunk.length;
    }
  }
}
