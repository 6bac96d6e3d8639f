import type { EngineEvent } from '@tradewind/shared/engine';
import type { Bar } from '@tradewind/shared/market-data';
import {
  type StrategyDefinition,
  type StrategyIntent,
  StrategyRuntime,
  type TradeTick,
} from '@tradewind/shared/strategies';
import type { Logger } from '../logger';
import type { CommandAnswer, StrategyCommand } from '../trading/order-entry';
import type { DeploymentRow } from './deployment-store';
import {
  CALLBACK_MS_HARD_MAX,
  CALLBACK_MS_MAX,
  COMMANDS_IN_FLIGHT_MAX,
  COMMANDS_PER_CALLBACK_MAX,
  SLOW_CALLBACKS_MAX,
  SLOW_WINDOW_MS,
} from './limits';

/** What a running deployment needs from the runner. */
export type DeploymentHost = {
  /** Order entry's door for this deployment (its owner, its tag). */
  submit(command: StrategyCommand): Promise<CommandAnswer>;
  /** The deployment broke a rule or threw: the runner stops it, cancels its orders and tells its owner. */
  failed(deployment: LiveDeployment, reason: string): void;
  readonly log: Logger;
};

/** Client order ids of a run: `<deployment id without dashes>.<run>.<n>` (≤ 64 chars, unique per account for ever). */
export const clientIdPrefixOf = (deploymentId: string, run: number): string =>
  `${deploymentId.replaceAll('-', '')}.${run}.`;

/** A seed for `ctx.random` from the deployment id and run (the same run replays the same draws). */
function seedOf(deploymentId: string, run: number): number {
  let h = 0x811c9dc5;
  for (const ch of `${deploymentId}/${run}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

const TERMINAL = new Set(['filled', 'cancelled', 'expired']);

/**
 * One live deployment: a StrategyRuntime fed with the live bars and trades of its symbols, the
 * engine's events of its own orders plus its account's positions and balances, and its timers.
 * What a handler decides goes to order entry (risk checks, journal) in order, one command at a
 * time. Every callback is measured: too slow (often, or once far too slow) or too many
 * commands fails the deployment.
 */
export class LiveDeployment {
  readonly runtime: StrategyRuntime;
  /** Its open orders (engine ids): whose events it hears. */
  readonly mine = new Set<number>();
  private active = true;
  private warming = false;
  private inFlight = 0;
  /** When its recent slow callbacks ended (performance.now(), oldest first; see CALLBACK_MS_MAX). */
  private readonly slowAt: number[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    readonly row: DeploymentRow,
    readonly definition: StrategyDefinition,
    params: unknown,
    readonly run: number,
    private readonly host: DeploymentHost,
    currency: string,
  ) {
    this.runtime = new StrategyRuntime(definition, params, {
      accountId: row.accountId,
      seed: seedOf(row.id, run),
      currency,
      clientIdPrefix: clientIdPrefixOf(row.id, run),
    });
  }

  get id(): string {
    return this.row.id;
  }
  get running(): boolean {
    return this.active;
  }
  /** Commands sent and not yet durable (a test waits for 0). */
  get pending(): number {
    return this.inFlight;
  }
  /** Resolves when every command sent so far has been answered. */
  settled(): Promise<void> {
    return this.chain;
  }

  /** No more callbacks, no more commands (the runner cancels its open orders). */
  deactivate(): void {
    this.active = false;
  }

  /**
   * A resumed run: the strategy starts at `startMs` and sees recorded bars; what it decides
   * meanwhile is dropped (those moments are past, and its real orders are already in the engine).
   */
  warmUp(bars: readonly Bar[], intervalMs: number, startMs: number): void {
    this.warming = true;
    try {
      this.call(() => this.runtime.start(startMs));
      for (const b of bars) this.call(() => this.runtime.bar(b, b.openTimeMs + intervalMs));
    } finally {
      this.warming = false;
    }
  }

  start(nowMs: number): void {
    this.call(() => this.runtime.start(nowMs));
  }

  bar(bar: Bar, closeMs: number): void {
    this.call(() => this.runtime.bar(bar, closeMs));
  }

  trade(tick: TradeTick): void {
    this.call(() => this.runtime.trade(tick));
  }

  timers(nowMs: number): void {
    if (this.runtime.nextTimerMs() <= nowMs) this.call(() => this.runtime.fireTimers(nowMs));
  }

  /** The events of one durable command: those of its orders, and its account's positions and balances. */
  events(events: readonly EngineEvent[], timeMs: number, tag: string | undefined): void {
    const own = this.ownEvents(events, tag);
    if (own.length > 0) this.call(() => this.runtime.engineEvents(own, timeMs));
  }

  private ownEvents(events: readonly EngineEvent[], tag: string | undefined): EngineEvent[] {
    const own: EngineEvent[] = [];
    const accountId = this.row.accountId;
    for (const e of events) {
      if (!('accountId' in e) || e.accountId !== accountId) continue;
      switch (e.type) {
        case 'OrderAccepted':
          // Its own orders carry its tag; bracket legs are accepted later, linked to its entry.
          if (tag !== this.id && !this.mine.has(e.linkedOrderId)) continue;
          this.mine.add(e.orderId);
          break;
        case 'OrderRejected':
          if (tag !== this.id) continue;
          break;
        case 'OrderFilled':
        case 'OrderCancelled':
        case 'OrderExpired':
        case 'OrderTriggered':
        case 'OrderModified':
          if (!this.mine.has(e.orderId)) continue;
          if (TERMINAL.has(e.status)) this.mine.delete(e.orderId);
          break;
        case 'PositionChanged':
        case 'BalanceChanged':
          break;
        default:
          continue;
      }
      own.push(e);
    }
    return own;
  }

  /** Runs one callback under the budget, then sends what it decided. */
  private call(callback: () => void): void {
    if (!this.active) return;
    const t0 = performance.now();
    callback();
    const broken = this.overBudget(performance.now() - t0);
    const intents = this.runtime.intents.splice(0);
    if (broken !== undefined) this.fail(broken);
    else if (!this.warming) for (const intent of intents) this.send(intent);
  }

  /** Why the callback that just returned breaks the rules (undefined: it does not). */
  private overBudget(ms: number): string | undefined {
    const rt = this.runtime;
    if (rt.failure !== undefined) return `${rt.failure.handler} threw: ${rt.failure.message}`;
    if (this.warming) return undefined;
    if (ms > CALLBACK_MS_HARD_MAX) return `a callback took ${Math.round(ms)} ms (at most ${CALLBACK_MS_HARD_MAX})`;
    if (ms > CALLBACK_MS_MAX && this.slowTooOften())
      return `${SLOW_CALLBACKS_MAX} callbacks within ${SLOW_WINDOW_MS / 1000} s took over ${CALLBACK_MS_MAX} ms (the last ${Math.round(ms)} ms)`;
    const n = rt.intents.length;
    if (n > COMMANDS_PER_CALLBACK_MAX) return `a callback decided ${n} commands (at most ${COMMANDS_PER_CALLBACK_MAX})`;
    if (this.inFlight + n > COMMANDS_IN_FLIGHT_MAX)
      return `more than ${COMMANDS_IN_FLIGHT_MAX} commands waiting for order entry`;
    return undefined;
  }

  /** Notes a slow callback; whether it makes SLOW_CALLBACKS_MAX within the window. */
  private slowTooOften(): boolean {
    const now = performance.now();
    const slow = this.slowAt;
    slow.push(now);
    while (slow.length > 0 && (slow[0] as number) <= now - SLOW_WINDOW_MS) slow.shift();
    if (slow.length > SLOW_CALLBACKS_MAX) slow.shift();
    return slow.length >= SLOW_CALLBACKS_MAX;
  }

  private send(intent: StrategyIntent): void {
    this.inFlight += 1;
    this.chain = this.chain.then(async () => {
      try {
        if (this.active) await this.submit(intent.command as StrategyCommand);
      } catch (e) {
        this.fail(`order entry failed: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        this.inFlight -= 1;
      }
    });
  }

  private async submit(command: StrategyCommand): Promise<void> {
    const answer = await this.host.submit(command);
    if (answer.ok) return; // its events arrive through the runner, like everyone's
    this.host.log.warn({ deploymentId: this.id, code: answer.code, type: command.type }, 'strategy command refused');
    // Refused at the door (journal away, overloaded): the strategy hears it as a rejection of its orders.
    const rejected = clientIdsOf(command).map(
      (clientOrderId): EngineEvent => ({
        type: 'OrderRejected',
        clientOrderId,
        accountId: this.row.accountId,
        symbol: symbolOf(command),
        // A door code (CORE_*, NOT_FOUND), not an engine ReasonCode: the strategy reads it as the reason text.
        code: answer.code as never,
        message: answer.message,
        status: 'rejected',
      }),
    );
    if (rejected.length > 0) this.call(() => this.runtime.engineEvents(rejected, this.runtime.ctx.now()));
  }

  private fail(reason: string): void {
    if (!this.active) return;
    this.active = false;
    this.host.failed(this, reason);
  }
}

function clientIdsOf(c: StrategyCommand): string[] {
  if (c.type === 'PlaceOrder') return [c.order.clientOrderId ?? ''];
  if (c.type === 'PlaceOco') return [c.first.clientOrderId ?? '', c.second.clientOrderId ?? ''];
  if (c.type === 'PlaceBracket') return [c.entry.clientOrderId ?? ''];
  return [];
}

function symbolOf(c: StrategyCommand): string {
  if (c.type === 'PlaceOrder') return c.order.symbol;
  if (c.type === 'PlaceOco') return c.first.symbol;
  if (c.type === 'PlaceBracket') return c.entry.symbol;
  return '';
}
