import type { Sql } from '@tradewind/db';
import { appendToOutbox } from '@tradewind/db/bus';
import type { Instrument } from '@tradewind/shared';
import { type PriceAlert, PriceAlertIndex } from '@tradewind/shared/alerts';
import type { EngineEvent } from '@tradewind/shared/engine';
import type { Logger } from '../logger';
import { alertEvent } from './alert-event';
import { type FiredAlert, loadActiveAlerts, markTriggered } from './alert-rows';

/** New alerts (written by edge) are picked up within this period. */
export const ALERT_REFRESH_MS = 1_000;
/** A full reload this often drops deleted alerts from memory and repairs anything missed. */
export const ALERT_RESYNC_MS = 60_000;
/** Look back this far past the newest alert seen: `created_at` is the writer's transaction start, not its commit. */
export const ALERT_REFRESH_OVERLAP_MS = 10_000;
/** Fired alerts marked and published per transaction (each is one outbox event). */
export const ALERT_FIRE_BATCH_MAX = 1_000;
/** Wait before retrying when the database refused a batch. */
export const ALERT_RETRY_MS = 1_000;

export type PriceAlertWatcherDeps = {
  readonly sql: Sql;
  readonly instruments: readonly Instrument[];
  readonly log: Logger;
  readonly refreshMs?: number;
  readonly resyncMs?: number;
};

/**
 * Evaluates every active price alert on every trade the engine makes, in memory (the index),
 * and publishes each fired alert once: marking it triggered and appending its event happen in
 * one transaction. Database work runs one task at a time on a chain, so a refresh never
 * re-adds an alert whose firing is still being committed.
 */
export class PriceAlertWatcher {
  readonly index = new PriceAlertIndex();
  private readonly instruments: ReadonlyMap<string, Instrument>;
  private pending: FiredAlert[] = [];
  /** Fired in memory, not yet committed: refreshes must not index these again. */
  private readonly firing = new Set<string>();
  private chain: Promise<void> = Promise.resolve();
  private newestMs: number | null = null;
  private timers: NodeJS.Timeout[] = [];
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private readonly fired: PriceAlert[] = [];
  published = 0;

  constructor(private readonly deps: PriceAlertWatcherDeps) {
    this.instruments = new Map(deps.instruments.map((i) => [i.symbol, i]));
  }

  /** Loads the active alerts and starts the refresh timers. */
  async start(): Promise<void> {
    await this.enqueue(() => this.reload(true));
    const refresh = setInterval(
      () => void this.enqueue(() => this.reload(false)),
      this.deps.refreshMs ?? ALERT_REFRESH_MS,
    );
    const resync = setInterval(() => void this.enqueue(() => this.reload(true)), this.deps.resyncMs ?? ALERT_RESYNC_MS);
    this.timers = [refresh, resync];
  }

  /** The engine's events once durable: every trade is a tick of its symbol. */
  onEvents(events: readonly EngineEvent[], timeMs: number): void {
    const out = this.fired;
    for (const e of events) {
      if (e.type !== 'TradeExecuted') continue;
      out.length = 0;
      if (this.index.evaluate(e.symbol, e.priceTicks, out) === 0) continue;
      for (const alert of out) {
        this.firing.add(alert.id);
        this.pending.push({ alert, priceTicks: e.priceTicks, timeMs });
      }
    }
    if (this.pending.length > 0) void this.enqueue(() => this.flush());
  }

  /** Resolves once the work queued so far is done (tests, shutdown). */
  settled(): Promise<void> {
    return this.chain;
  }

  /** Picks up alerts created since the last refresh without waiting for the timer (tests). */
  refresh(): Promise<void> {
    return this.enqueue(() => this.reload(false));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    clearTimeout(this.retry);
    await this.chain;
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    this.chain = this.chain
      .then(task)
      .catch((e: unknown) => this.deps.log.error({ err: e }, 'price alerts task failed'));
    return this.chain;
  }

  private async reload(full: boolean): Promise<void> {
    if (this.closed) return;
    const since = full || this.newestMs === null ? null : this.newestMs - ALERT_REFRESH_OVERLAP_MS;
    const { alerts, newestMs } = await loadActiveAlerts(this.deps.sql, since);
    if (full) {
      const active = new Set(alerts.map((a) => a.id));
      for (const id of [...this.index.ids()]) if (!active.has(id)) this.index.remove(id);
    }
    for (const a of alerts) if (!this.firing.has(a.id)) this.index.add(a);
    if (newestMs !== null && (this.newestMs === null || newestMs > this.newestMs)) this.newestMs = newestMs;
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0 && !this.closed) {
      const batch = this.pending.slice(0, ALERT_FIRE_BATCH_MAX);
      try {
        const rows = await this.deps.sql.begin(async (tx) => {
          const marked = await markTriggered(tx, batch);
          await appendToOutbox(
            tx,
            marked.map((r) => alertEvent(r, this.instruments)),
          );
          return marked;
        });
        this.published += rows.length;
      } catch (e) {
        // Kept pending: the alerts stay out of the index (they fired) and are retried.
        this.deps.log.warn({ err: e, alerts: batch.length }, 'marking price alerts failed; retrying');
        clearTimeout(this.retry);
        this.retry = setTimeout(() => void this.enqueue(() => this.flush()), ALERT_RETRY_MS);
        return;
      }
      this.pending = this.pending.slice(batch.length);
      for (const f of batch) this.firing.delete(f.alert.id);
    }
  }
}
