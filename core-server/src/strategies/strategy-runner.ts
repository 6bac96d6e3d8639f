import { randomUUID } from 'node:crypto';
import type { Sql } from '@tradewind/db';
import { CURRENCY_SCALE, decimalToSteps, parseStep } from '@tradewind/shared';
import { CASH_MOVE_MINOR_MAX, type EngineEvent } from '@tradewind/shared/engine';
import { BAR_INTERVAL_MS, type MarketDataBatch } from '@tradewind/shared/market-data';
import type { DeploymentSummary, DeployRequest, StrategyAnswer } from '@tradewind/shared/protocol';
import { BUILTIN_STRATEGIES, resolveStrategy, type StrategyDefinition } from '@tradewind/shared/strategies';
import type { Registry } from 'prom-client';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { MarketDataTap } from '../market/engine-feed';
import type { OrderEntry } from '../trading/order-entry';
import { type DeploymentRow, DeploymentStore } from './deployment-store';
import { InputQueue } from './input-queue';
import {
  DEPLOYMENTS_RUNNING_MAX,
  DEPLOYMENTS_RUNNING_PER_USER_MAX,
  REASON_CHARS_MAX,
  TIMER_TICK_MS,
  WARMUP_BARS_MAX,
} from './limits';
import { type DeploymentHost, LiveDeployment } from './live-deployment';
import { seedTracker } from './seed-tracker';
import { StrategyMetrics } from './strategy-metrics';

export type StrategyRunnerDeps = {
  readonly sql: Sql;
  readonly trading: OrderEntry;
  readonly clock: Clock;
  readonly log: Logger;
  /** The strategies users may deploy (default: the built-ins; tests add misbehaving ones). */
  readonly definitions?: ReadonlyMap<string, StrategyDefinition>;
  /** The core's metrics registry. */
  readonly registry?: Registry;
};

type Refusal = Extract<StrategyAnswer, { ok: false }>;
const refuse = (code: Refusal['code'], message: string): Refusal => ({ ok: false, code, message });
const summary = (row: DeploymentRow, status: DeploymentSummary['status'], reason: string | null) => ({
  ok: true as const,
  deployment: { id: row.id, accountId: row.accountId, strategyId: row.strategyId, status, reason },
});

/**
 * Core's live strategy runner (issue 6). Deployments are rows of `strategy_deployments`; each
 * running one is a LiveDeployment fed, through one bounded FIFO drained off the hot path (after
 * the feed and the journal have done their turn), with the closed bars and trades of its
 * symbols, the events of its orders and account, and its timers. Its commands go through order
 * entry like a user's. On start every `running` row is resumed: the engine's view of its account
 * is folded in, then it warms up on recorded bars (see README, "Live strategies").
 */
export class StrategyRunner implements MarketDataTap {
  private readonly live = new Map<string, LiveDeployment>();
  private readonly byAccount = new Map<string, Set<LiveDeployment>>();
  private readonly bySymbol = new Map<string, Set<LiveDeployment>>();
  private readonly queue: InputQueue;
  private readonly store: DeploymentStore;
  private readonly definitions: ReadonlyMap<string, StrategyDefinition>;
  private readonly timer: ReturnType<typeof setInterval>;
  private closed = false;
  private readonly metrics: StrategyMetrics | undefined;

  private constructor(private readonly deps: StrategyRunnerDeps) {
    this.metrics = deps.registry === undefined ? undefined : new StrategyMetrics(deps.registry);
    this.store = new DeploymentStore(deps.sql);
    this.definitions = deps.definitions ?? BUILTIN_STRATEGIES;
    this.queue = new InputQueue(deps.log, () => this.overloaded());
    deps.trading.onEvents((events, timeMs, tag) => this.onEvents(events, timeMs, tag));
    this.timer = setInterval(() => this.tick(), TIMER_TICK_MS);
  }

  /** Starts the runner and resumes the deployments that were running when core stopped. */
  static async start(deps: StrategyRunnerDeps): Promise<StrategyRunner> {
    const runner = new StrategyRunner(deps);
    try {
      for (const row of await runner.store.running()) await runner.resume(row);
    } catch (e) {
      deps.log.error({ err: e }, 'resuming live strategies failed; they resume at the next start');
    }
    return runner;
  }

  /** A running deployment (tests, diagnostics). */
  deployment(id: string): LiveDeployment | undefined {
    return this.live.get(id);
  }
  get running(): number {
    return this.live.size;
  }
  /** Resolves once every queued input has been handed to the strategies. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** Market data tap: closed bars and trades of the deployments' symbols. */
  record(batch: MarketDataBatch): void {
    if (this.live.size === 0) return;
    for (const bar of batch.bars) {
      const closeMs = bar.openTimeMs + BAR_INTERVAL_MS[bar.interval];
      for (const d of this.bySymbol.get(bar.symbol) ?? [])
        if (d.row.interval === bar.interval) this.queue.push(() => d.bar(bar, closeMs));
    }
    for (const t of batch.trades) {
      const tick = { symbol: t.symbol, timeMs: t.tsMs, priceTicks: t.priceTicks, qtyLots: t.qtyLots };
      for (const d of this.bySymbol.get(t.symbol) ?? []) this.queue.push(() => d.trade(tick));
    }
  }

  async deploy(userId: string, req: DeployRequest): Promise<StrategyAnswer> {
    const resolved = resolveStrategy(req.strategyId, req.params, this.definitions);
    if (!resolved.ok) return refuse(resolved.code, resolved.message);
    const symbols = [...new Set(req.symbols)];
    const unknown = symbols.find((s) => !this.deps.trading.instruments.has(s));
    if (unknown !== undefined) return refuse('STRATEGY_SYMBOL_UNKNOWN', `unknown symbol ${unknown}`);
    if (this.live.size >= DEPLOYMENTS_RUNNING_MAX)
      return refuse('STRATEGY_DEPLOYMENTS_LIMIT', `this core runs ${DEPLOYMENTS_RUNNING_MAX} deployments already`);
    const account = await this.store.account(req.accountId);
    if (account === undefined || account.userId !== userId)
      return { ok: false, code: 'NOT_FOUND', message: `account ${req.accountId} not found` };
    if (this.runningOf(userId) >= DEPLOYMENTS_RUNNING_PER_USER_MAX) return this.userLimit();
    const id = randomUUID();
    let accountId = req.accountId;
    let allocated: bigint | null = null;
    if (req.allocation !== undefined) {
      if (account.parentId !== null)
        return refuse('STRATEGY_ACCOUNT_IS_SUB', 'a sub-account cannot allocate to another sub-account');
      const amount = minorOf(req.allocation, account.currency);
      if (amount === undefined) return refuse('STRATEGY_ALLOCATION_INVALID', `allocation ${req.allocation}`);
      const name = `${resolved.value.definition.name} ${id.slice(0, 8)}`;
      const sub = await this.openSubAccount(userId, req.accountId, account.currency, amount, name);
      if (typeof sub !== 'string') return sub;
      [accountId, allocated] = [sub, amount];
    }
    const row: DeploymentRow = {
      ...{ id, userId, accountId, strategyId: req.strategyId, params: resolved.value.params },
      ...{ symbols, interval: req.interval, status: 'running', runs: 1 },
    };
    if (!(await this.store.insert(row, allocated, DEPLOYMENTS_RUNNING_PER_USER_MAX))) return this.userLimit();
    const d = this.launch(row, resolved.value.definition, resolved.value.params, 1, account.currency);
    seedTracker(d.runtime, this.deps.trading.engineState, accountId, []); // its cash and positions so far
    d.start(this.deps.clock.nowMs());
    this.deps.log.info({ deploymentId: id, strategyId: row.strategyId, accountId }, 'strategy deployed');
    await this.deps.trading.projected(); // edge reads the sub-account's balance next: let the query tables catch up
    return summary(row, this.live.has(id) ? 'running' : 'failed', null);
  }

  /** The owner stops a running deployment: no more callbacks, its open orders cancelled. */
  async stop(userId: string, id: string): Promise<StrategyAnswer> {
    const row = await this.store.owned(userId, id);
    if (row === undefined) return { ok: false, code: 'NOT_FOUND', message: `deployment ${id} not found` };
    if (row.status !== 'running') return refuse('STRATEGY_NOT_RUNNING', `deployment is ${row.status}`);
    const d = this.live.get(id);
    const atMs = this.deps.clock.nowMs();
    // Running in the table but not here (its resume failed): only the row is left to settle.
    if (d === undefined) await this.store.finish(row, 'stopped', 'stopped by its owner', true, atMs, row.strategyId);
    else await this.halt(d, 'stopped', 'stopped by its owner', true);
    await this.deps.trading.projected(); // its cancelled orders, as edge reads them next
    return summary(row, 'stopped', 'stopped by its owner');
  }

  /** A stopped or failed deployment runs again (a new run: warmed up on recorded bars). */
  async restart(userId: string, id: string): Promise<StrategyAnswer> {
    const row = await this.store.owned(userId, id);
    if (row === undefined) return { ok: false, code: 'NOT_FOUND', message: `deployment ${id} not found` };
    if (row.status === 'running') return refuse('STRATEGY_ALREADY_RUNNING', 'deployment is running');
    if (this.live.size >= DEPLOYMENTS_RUNNING_MAX) return refuse('STRATEGY_DEPLOYMENTS_LIMIT', 'core is full');
    const run = await this.store.restart(row, DEPLOYMENTS_RUNNING_PER_USER_MAX);
    if (run === undefined) return this.userLimit();
    await this.resume({ ...row, status: 'running', runs: run }, run);
    return summary(row, this.live.has(id) ? 'running' : 'failed', null);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    // Deployments stay `running` in the database: the next start resumes them.
    for (const d of this.live.values()) d.deactivate();
    await Promise.all([...this.live.values()].map((d) => d.settled()));
    this.live.clear();
  }

  private userLimit(): Refusal {
    return refuse('STRATEGY_DEPLOYMENTS_LIMIT', `at most ${DEPLOYMENTS_RUNNING_PER_USER_MAX} running deployments`);
  }

  private runningOf(userId: string): number {
    let n = 0;
    for (const d of this.live.values()) if (d.row.userId === userId) n++;
    return n;
  }

  /** The sub-account row, then the engine's OpenAccount + Transfer; the row goes again if the engine refuses. */
  private async openSubAccount(userId: string, parentId: string, currency: string, amount: bigint, name: string) {
    const subId = randomUUID();
    await this.deps.sql`select 1`; // fail here, not half-way, when the database is away
    await this.store.insertSubAccount(subId, userId, parentId, currency, name);
    const opened = await this.deps.trading.openSubAccount(userId, parentId, subId, amount);
    if (opened.ok) return subId;
    await this.store.deleteAccount(subId);
    return { ok: false as const, code: opened.code, message: opened.message };
  }

  /** A running row (core start, or restart): next run, engine view folded in, warmed up, then live. */
  private async resume(row: DeploymentRow, run?: number): Promise<void> {
    const resolved = resolveStrategy(row.strategyId, row.params, this.definitions);
    const account = await this.store.account(row.accountId);
    if (!resolved.ok || account === undefined) {
      const reason = resolved.ok ? 'its account is gone' : resolved.message;
      await this.store.finish(row, 'failed', reason, false, this.deps.clock.nowMs(), row.strategyId);
      return;
    }
    const runNow = run ?? (await this.store.resumed(row.id));
    const nowMs = this.deps.clock.nowMs();
    const bars = await this.store.recentBars(row.symbols, row.interval, nowMs, WARMUP_BARS_MAX * row.symbols.length);
    // From here on synchronous: no event can slip between the engine view and the routing.
    const { definition, params } = resolved.value;
    const d = this.launch({ ...row, runs: runNow }, definition, params, runNow, account.currency);
    const trading = this.deps.trading;
    for (const id of seedTracker(d.runtime, trading.engineState, row.accountId, trading.ordersOf(row.id)))
      d.mine.add(id);
    d.warmUp(bars, BAR_INTERVAL_MS[row.interval], bars[0]?.openTimeMs ?? nowMs);
    this.deps.log.info({ deploymentId: row.id, run: runNow, warmupBars: bars.length }, 'strategy resumed');
  }

  private launch(row: DeploymentRow, def: StrategyDefinition, params: unknown, run: number, currency: string) {
    const host: DeploymentHost = {
      submit: async (command) => {
        const answer = await this.deps.trading.submitCommand(row.userId, command, row.id);
        this.metrics?.commands.inc({ outcome: answer.ok ? 'ok' : answer.code });
        return answer;
      },
      failed: (d, reason) => void this.halt(d, 'failed', reason, false),
      log: this.deps.log,
    };
    const d = new LiveDeployment(row, def, params, run, host, currency);
    this.live.set(row.id, d);
    add(this.byAccount, row.accountId, d);
    for (const s of row.symbols) add(this.bySymbol, s, d);
    this.metrics?.running.set(this.live.size);
    return d;
  }

  private async halt(d: LiveDeployment, status: 'stopped' | 'failed', why: string, byOwner: boolean): Promise<void> {
    d.deactivate();
    if (this.live.get(d.id) !== d) return;
    this.live.delete(d.id);
    remove(this.byAccount, d.row.accountId, d);
    for (const s of d.row.symbols) remove(this.bySymbol, s, d);
    this.metrics?.running.set(this.live.size);
    this.metrics?.stops.inc({ status });
    const reason = why.slice(0, REASON_CHARS_MAX);
    if (status === 'failed') this.deps.log.warn({ deploymentId: d.id, reason }, 'strategy failed');
    try {
      await d.settled();
      await this.cancelOpenOrders(d);
      await this.store.finish(d.row, status, reason, byOwner, this.deps.clock.nowMs(), d.definition.name);
    } catch (e) {
      this.deps.log.error({ err: e, deploymentId: d.id }, 'stopping a strategy did not finish');
    }
  }

  /** Its own open orders only (on a shared account the owner's manual orders stay). */
  private async cancelOpenOrders(d: LiveDeployment): Promise<void> {
    for (const orderId of this.deps.trading.ordersOf(d.id)) {
      const answer = await this.deps.trading.submitCommand(
        d.row.userId,
        { type: 'CancelOrder', accountId: d.row.accountId, orderId },
        d.id,
      );
      if (!answer.ok) this.deps.log.warn({ deploymentId: d.id, orderId, code: answer.code }, 'cancel on stop refused');
    }
  }

  private onEvents(events: readonly EngineEvent[], timeMs: number, tag: string | undefined): void {
    if (this.byAccount.size === 0) return;
    let touched: Set<LiveDeployment> | undefined;
    for (const e of events) {
      const ds = 'accountId' in e ? this.byAccount.get(e.accountId) : undefined;
      if (ds === undefined) continue;
      touched ??= new Set();
      for (const d of ds) touched.add(d);
    }
    for (const d of touched ?? []) this.queue.push(() => d.events(events, timeMs, tag));
  }

  private tick(): void {
    if (this.closed) return;
    this.metrics?.queued.set(this.queue.length);
    const nowMs = this.deps.clock.nowMs();
    for (const d of this.live.values()) if (d.runtime.nextTimerMs() <= nowMs) this.queue.push(() => d.timers(nowMs));
  }

  private overloaded(): void {
    for (const d of [...this.live.values()]) void this.halt(d, 'failed', 'the strategy runner was overloaded', false);
  }
}

function minorOf(amount: string, currency: string): bigint | undefined {
  const scale = CURRENCY_SCALE[currency] ?? 2;
  const r = decimalToSteps(amount, parseStep(scale === 0 ? '1' : `0.${'0'.repeat(scale - 1)}1`));
  return r.ok && r.value > 0n && r.value <= CASH_MOVE_MINOR_MAX ? r.value : undefined;
}

function add<K>(m: Map<K, Set<LiveDeployment>>, k: K, d: LiveDeployment): void {
  const s = m.get(k) ?? new Set<LiveDeployment>();
  s.add(d);
  m.set(k, s);
}

function remove<K>(m: Map<K, Set<LiveDeployment>>, k: K, d: LiveDeployment): void {
  const s = m.get(k);
  s?.delete(d);
  if (s?.size === 0) m.delete(k);
}
