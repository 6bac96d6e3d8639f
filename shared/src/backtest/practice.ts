import type { Instrument } from '../domain/index';
import type { OrderSpec } from '../engine/index';
import {
  type Fill,
  type OrderView,
  type PositionView,
  type StrategyDefinition,
  StrategyRuntime,
} from '../strategies/index';
import { EquityCurve } from './equity';
import { STRATEGY_ACCOUNT_ID } from './limits';
import { SimVenue } from './venue';

/** What a practice order or cancel came to, for the ticket's message line. */
export type PracticeOutcome = { readonly clientOrderId: string; readonly reason: string };

/** A position as the panel shows it: the engine's cost and realised PnL, unrealised at the last price. */
export type PracticePosition = PositionView & {
  readonly lastTicks: number | null;
  readonly unrealisedPnlMinor: bigint;
};

/**
 * Paper trading on a replayed day: a trader's orders go into the real engine behind the
 * backtester's simulated venue (README.md, "Practice"), and every replayed trade is a fill point —
 * a market order fills at the next trade's price, a resting limit when a trade touches it, a stop
 * when a trade reaches its trigger. The same rules as a tick backtest with no slippage and no
 * latency. Pure and deterministic: times come with the calls.
 */
export class PracticeVenue {
  private readonly runtime: StrategyRuntime;
  private readonly venue: SimVenue;
  private readonly curve: EquityCurve;
  private readonly instrument: Instrument;
  readonly fills: Fill[] = [];
  /** Orders that ended without filling completely (cancelled, rejected), newest last. */
  readonly closed: PracticeOutcome[] = [];
  private nowMs: number;
  private nextId = 1;

  constructor(instrument: Instrument, initialCashMinor: bigint, startMs: number) {
    this.instrument = instrument;
    this.nowMs = startMs;
    // The trader is the "strategy": it decides nothing itself, it only hears its fills and closed
    // orders. The runtime calls only `create` (a params schema is for forms; none here).
    const definition: Pick<StrategyDefinition, 'id' | 'create'> = {
      id: 'practice',
      create: () => ({
        onFill: (f: Fill) => void this.fills.push(f),
        onOrderClosed: (o: OrderView, reason: string) =>
          void this.closed.push({ clientOrderId: o.clientOrderId, reason }),
      }),
    };
    this.runtime = new StrategyRuntime(
      definition as StrategyDefinition,
      {},
      {
        accountId: STRATEGY_ACCOUNT_ID,
        seed: 1,
        currency: instrument.quote,
      },
    );
    const config = {
      strategy: 'practice',
      params: {},
      instruments: [instrument],
      data: { kind: 'ticks' as const, ticks: [] },
      fromMs: startMs,
      toMs: startMs,
      initialCashMinor,
      currency: instrument.quote,
    };
    this.venue = new SimVenue(config, [instrument], this.runtime, 0, 0);
    this.curve = new EquityCurve([instrument], this.runtime.tracker, instrument.quote, 1, 2);
  }

  get symbol(): string {
    return this.instrument.symbol;
  }

  /** Queues an order; it reaches the engine at the next replayed trade. Returns its client id. */
  place(spec: Omit<OrderSpec, 'symbol' | 'clientOrderId'>, timeMs: number): string {
    const clientOrderId = `p${this.nextId++}`;
    const order: OrderSpec = { ...spec, symbol: this.instrument.symbol, clientOrderId };
    this.runtime.intents.push({
      command: { type: 'PlaceOrder', accountId: STRATEGY_ACCOUNT_ID, order },
      symbol: this.instrument.symbol,
      createdMs: Math.max(timeMs, this.nowMs),
    });
    return clientOrderId;
  }

  /** Cancels an open order at the next replayed trade. */
  cancel(orderId: number, timeMs: number): void {
    this.runtime.intents.push({
      command: { type: 'CancelOrder', accountId: STRATEGY_ACCOUNT_ID, orderId },
      symbol: this.instrument.symbol,
      createdMs: Math.max(timeMs, this.nowMs),
    });
  }

  /** A replayed trade: a fill point at its price. Times never go back (a seek back starts a new venue). */
  trade(priceTicks: number, timeMs: number): void {
    if (!Number.isSafeInteger(priceTicks) || priceTicks <= 0) return;
    const t = Math.max(timeMs, this.nowMs);
    this.nowMs = t;
    this.venue.point(this.instrument.symbol, priceTicks, t);
    this.curve.lastTicks.set(this.instrument.symbol, priceTicks);
  }

  /** Whether orders or cancels wait for the next trade (placed, not yet in the engine). */
  get waiting(): boolean {
    return this.runtime.intents.length > 0 || this.venue.hasPending();
  }

  get openOrders(): readonly OrderView[] {
    return [...this.runtime.tracker.orders.values()];
  }

  get cashMinor(): bigint {
    return this.runtime.tracker.cash.get(this.instrument.quote) ?? 0n;
  }

  /** Cash plus the position at the last replayed price. */
  get equityMinor(): bigint {
    return this.curve.equityMinor();
  }

  position(): PracticePosition {
    const p = this.runtime.tracker.position(this.instrument.symbol);
    const last = this.curve.lastTicks.get(this.instrument.symbol) ?? null;
    let unrealised = 0n;
    if (p.qtyLots !== 0 && last !== null) {
      const value = this.curve.valueMinor(this.instrument.symbol, last, Math.abs(p.qtyLots));
      unrealised = (p.qtyLots > 0 ? value : -value) - p.costMinor;
    }
    return { ...p, lastTicks: last, unrealisedPnlMinor: unrealised };
  }
}
