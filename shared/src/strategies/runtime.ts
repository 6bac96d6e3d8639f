import type { EngineEvent, OrderSpec } from '../engine/index';
import type { Bar } from '../market-data/index';
import { Xoshiro128 } from '../market-sim/index';
import { INDICATOR_HELPERS } from './indicator-helpers';
import { type Signal, type StrategyIntent, signalOf, type UntimedCommand } from './intents';
import { LOG_LINES_MAX, PENDING_COMMANDS_MAX, SIGNALS_MAX, TIMERS_MAX } from './limits';
import { OrderTracker, type TrackerOutcome } from './order-tracker';
import type {
  Fill,
  LogLine,
  OrderChange,
  OrderRequest,
  OrderView,
  PositionView,
  StrategyContext,
  StrategyDefinition,
  StrategyHandlers,
  TradeTick,
} from './types';

export type RuntimeOptions = {
  readonly accountId: string;
  /** Seed of `ctx.random`. */
  readonly seed: number;
  readonly currency: string;
  /** Prefix of generated client order ids (unique per account for ever). */
  readonly clientIdPrefix?: string;
  /** Sees every fill of the account before the strategy does (the backtester's round trips). */
  readonly observeFill?: (fill: Fill) => void;
};

/** Why a strategy stopped: it threw, or it went past a bound. */
export type StrategyFailure = { readonly timeMs: number; readonly handler: string; readonly message: string };

/**
 * Runs one strategy: implements its context, calls its handlers, and turns what it asks for into
 * intents the host stamps and applies (backtest: at the next fill point; live: now). A handler's
 * intents are committed only when it returns: one that throws has no effect at all, and the
 * strategy is stopped with the error (the engine never sees a half-done decision).
 */
export class StrategyRuntime {
  readonly tracker: OrderTracker;
  readonly intents: StrategyIntent[] = [];
  readonly logs: LogLine[] = [];
  /** Every committed decision, comparable across runs (the look-ahead check; the report). */
  readonly signals: Signal[] = [];
  logsDropped = 0;
  failure: StrategyFailure | undefined;
  private readonly handlers: StrategyHandlers;
  private readonly staged: StrategyIntent[] = [];
  private readonly timers = new Map<string, number>();
  private readonly requested = new Map<string, OrderRequest>();
  // The strategy's clock, epoch ms (past 2^31: not a small integer). Born a double (NaN until
  // start), so V8 keeps the field a double updated in place, not a fresh heap number per bar.
  private nowMs = Number.NaN;
  private nextClientId = 1;
  private readonly prefix: string;
  readonly ctx: StrategyContext;

  constructor(
    def: StrategyDefinition,
    params: unknown,
    private readonly options: RuntimeOptions,
  ) {
    this.tracker = new OrderTracker(options.accountId);
    this.prefix = options.clientIdPrefix ?? 's';
    this.ctx = this.makeContext();
    let handlers: StrategyHandlers = {};
    this.guard('create', () => {
      handlers = def.create(params, this.ctx);
    });
    this.handlers = handlers;
  }

  get running(): boolean {
    return this.failure === undefined;
  }

  start(timeMs: number): void {
    this.nowMs = timeMs;
    const h = this.handlers.onStart;
    if (h !== undefined) this.guard('onStart', () => h());
  }

  /** The hot path of a backtest: no closure per call (the guard is inlined). */
  bar(bar: Bar, timeMs: number): void {
    this.nowMs = timeMs;
    this.onBar(bar);
  }

  /**
   * `bar(bar, bar.openTimeMs + intervalMs)`: the bar closed one interval after it opened. The
   * backtest's per-bar call; an epoch time is past 2^31 and would be boxed as an argument on every
   * bar, an interval is a small integer.
   */
  barClosed(bar: Bar, intervalMs: number): void {
    this.nowMs = bar.openTimeMs + intervalMs;
    this.onBar(bar);
  }

  /** Whether any timer is armed (the backtest asks before it passes a time to fireTimers). */
  get hasTimers(): boolean {
    return this.timers.size > 0;
  }

  private onBar(bar: Bar): void {
    const h = this.handlers.onBar;
    if (h === undefined || this.failure !== undefined) return;
    try {
      h(bar);
    } catch (e) {
      this.fail('onBar', e);
      return;
    }
    if (this.staged.length > 0) this.commit('onBar');
  }

  trade(tick: TradeTick): void {
    this.nowMs = tick.timeMs;
    const h = this.handlers.onTrade;
    if (h !== undefined && this.failure === undefined) this.guard('onTrade', () => h(tick));
  }

  /** The earliest armed timer, or Infinity. */
  nextTimerMs(): number {
    if (this.timers.size === 0) return Number.POSITIVE_INFINITY;
    let at = Number.POSITIVE_INFINITY;
    for (const t of this.timers.values()) if (t < at) at = t;
    return at;
  }

  /** Fires every timer due at or before `timeMs`, in time order (ties by name). */
  fireTimers(timeMs: number): void {
    while (this.failure === undefined) {
      let name: string | undefined;
      let at = Number.POSITIVE_INFINITY;
      for (const [n, t] of this.timers)
        if (t <= timeMs && (t < at || (t === at && name !== undefined && n < name))) [name, at] = [n, t];
      if (name === undefined) return;
      this.timers.delete(name);
      this.nowMs = at;
      const h = this.handlers.onTimer;
      const fired = name;
      if (h !== undefined) this.guard('onTimer', () => h(fired));
    }
  }

  /** Folds the engine's events at `timeMs` and tells the strategy about its fills and closed orders. */
  engineEvents(events: readonly EngineEvent[], timeMs: number): void {
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as EngineEvent;
      // Once accepted, the tracker knows the order: the request is no longer needed (bounded memory).
      if (e.type === 'OrderAccepted' && e.accountId === this.options.accountId) this.requested.delete(e.clientOrderId);
      const outcome = this.tracker.fold(e, timeMs);
      if (outcome !== undefined) this.notify(outcome, timeMs);
    }
  }

  private notify(outcome: TrackerOutcome, timeMs: number): void {
    if (this.failure !== undefined) {
      if (outcome.kind === 'fill') this.options.observeFill?.(outcome.fill);
      return;
    }
    this.nowMs = timeMs;
    if (outcome.kind === 'fill') {
      this.options.observeFill?.(outcome.fill);
      const h = this.handlers.onFill;
      if (h !== undefined) this.guard('onFill', () => h(outcome.fill));
      return;
    }
    const req = this.requested.get(outcome.order.clientOrderId);
    const order =
      outcome.order.orderId === 0 && req !== undefined
        ? viewOfRequest(outcome.order.clientOrderId, req)
        : outcome.order;
    this.requested.delete(order.clientOrderId);
    const h = this.handlers.onOrderClosed;
    if (h !== undefined) this.guard('onOrderClosed', () => h(order, outcome.reason));
  }

  /** Calls a handler; commits its intents if it returns, stops the strategy if it throws. */
  private guard(handler: string, call: () => void): void {
    try {
      call();
    } catch (e) {
      this.fail(handler, e);
      return;
    }
    if (this.staged.length > 0) this.commit(handler);
  }

  private fail(handler: string, e: unknown): void {
    if (this.staged.length > 0) this.staged.length = 0;
    this.failure = { timeMs: this.nowMs, handler, message: e instanceof Error ? e.message : String(e) };
  }

  private commit(handler: string): void {
    for (let i = 0; i < this.staged.length; i++) {
      const intent = this.staged[i] as StrategyIntent;
      this.intents.push(intent);
      if (this.signals.length < SIGNALS_MAX) this.signals.push(signalOf(intent));
    }
    this.staged.length = 0;
    if (this.intents.length > PENDING_COMMANDS_MAX)
      this.failure = { timeMs: this.nowMs, handler, message: `more than ${PENDING_COMMANDS_MAX} commands pending` };
  }

  private stage(command: UntimedCommand, symbol: string): void {
    // timeMs is set by the host when the command reaches the engine (timedCommand); declared here
    // so every command object has one shape from birth.
    (command as UntimedCommand & { timeMs: number }).timeMs = 0;
    this.staged.push({ command, symbol, createdMs: this.nowMs });
  }

  private place(order: OrderRequest): string {
    const clientOrderId = order.clientOrderId ?? `${this.prefix}${this.nextClientId++}`;
    const spec: OrderSpec = { tif: 'GTC', ...order, clientOrderId };
    this.requested.set(clientOrderId, spec);
    this.stage({ type: 'PlaceOrder', accountId: this.options.accountId, order: spec }, spec.symbol);
    return clientOrderId;
  }

  private makeContext(): StrategyContext {
    const rt = this;
    const accountId = this.options.accountId;
    const rng = Xoshiro128.fromSeed(this.options.seed);
    const log = (level: LogLine['level']) => (message: string, fields?: Readonly<Record<string, unknown>>) => {
      if (rt.logs.length >= LOG_LINES_MAX) rt.logsDropped++;
      else rt.logs.push({ timeMs: rt.nowMs, level, message, ...(fields === undefined ? {} : { fields }) });
    };
    const withId = (o: OrderRequest): OrderSpec => ({
      tif: 'GTC',
      ...o,
      clientOrderId: o.clientOrderId ?? `${rt.prefix}${rt.nextClientId++}`,
    });
    return {
      accountId,
      now: () => rt.nowMs,
      random: { next: () => rng.nextFloat() },
      log: { info: log('info'), warn: log('warn') },
      indicators: INDICATOR_HELPERS,
      placeOrder: (order) => rt.place(order),
      placeOco(first, second) {
        const a = withId(first);
        const b = withId(second);
        rt.stage({ type: 'PlaceOco', accountId, first: a, second: b }, a.symbol);
        return [a.clientOrderId as string, b.clientOrderId as string] as const;
      },
      placeBracket(entry, exits) {
        const e = withId(entry);
        rt.stage({ type: 'PlaceBracket', accountId, entry: e, ...exits }, e.symbol);
        return e.clientOrderId as string;
      },
      marketBuy: (symbol, qtyLots) => rt.place({ symbol, side: 'buy', orderType: 'market', qtyLots, tif: 'IOC' }),
      marketSell: (symbol, qtyLots) => rt.place({ symbol, side: 'sell', orderType: 'market', qtyLots, tif: 'IOC' }),
      limitBuy: (symbol, qtyLots, priceTicks) =>
        rt.place({ symbol, side: 'buy', orderType: 'limit', qtyLots, priceTicks }),
      limitSell: (symbol, qtyLots, priceTicks) =>
        rt.place({ symbol, side: 'sell', orderType: 'limit', qtyLots, priceTicks }),
      modifyOrder: (clientOrderId, change) => rt.modify(clientOrderId, change),
      cancelOrder: (clientOrderId) => rt.cancel(clientOrderId),
      cancelAll(symbol) {
        rt.stage({ type: 'CancelAll', accountId, ...(symbol === undefined ? {} : { symbol }) }, symbol ?? '');
      },
      position: (symbol): PositionView => rt.tracker.position(symbol),
      cash: (currency) => rt.tracker.cash.get(currency ?? rt.options.currency) ?? 0n,
      openOrders: (symbol) =>
        [...rt.tracker.orders.values()].filter((o) => symbol === undefined || o.symbol === symbol),
      setTimer(name, atMs) {
        if (!Number.isSafeInteger(atMs) || atMs < rt.nowMs)
          throw new RangeError(`timer ${name} at ${atMs}: before now (${rt.nowMs})`);
        if (!rt.timers.has(name) && rt.timers.size >= TIMERS_MAX)
          throw new RangeError(`more than ${TIMERS_MAX} timers`);
        rt.timers.set(name, atMs);
      },
      cancelTimer: (name) => {
        rt.timers.delete(name);
      },
    };
  }

  private modify(clientOrderId: string, change: OrderChange): boolean {
    const id = this.tracker.byClientId.get(clientOrderId);
    const o = id === undefined ? undefined : this.tracker.orders.get(id);
    if (o === undefined) return false;
    this.stage({ type: 'ModifyOrder', accountId: this.options.accountId, orderId: o.orderId, ...change }, o.symbol);
    return true;
  }

  private cancel(clientOrderId: string): boolean {
    const id = this.tracker.byClientId.get(clientOrderId);
    const o = id === undefined ? undefined : this.tracker.orders.get(id);
    const req = this.requested.get(clientOrderId);
    if (o === undefined && req === undefined) return false;
    const symbol = o?.symbol ?? (req as OrderRequest).symbol;
    this.stage({ type: 'CancelOrder', accountId: this.options.accountId, clientOrderId }, symbol);
    return true;
  }
}

function viewOfRequest(clientOrderId: string, r: OrderRequest): OrderView {
  return {
    orderId: 0,
    clientOrderId,
    symbol: r.symbol,
    side: r.side,
    orderType: r.orderType,
    qtyLots: r.qtyLots,
    filledLots: 0,
    priceTicks: r.priceTicks ?? 0,
    triggerPriceTicks: r.triggerPriceTicks ?? 0,
    workingTicks: 0,
  };
}
