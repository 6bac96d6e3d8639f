import type { EngineEvent } from '../engine/index';
import type { Fill, OrderView, PositionView } from './types';

type MutableOrder = { -readonly [K in keyof OrderView]: OrderView[K] };
type MutablePosition = { -readonly [K in keyof PositionView]: PositionView[K] };

const FLAT: PositionView = { qtyLots: 0, costMinor: 0n, realisedPnlMinor: 0n };

/** What happened to the account's orders in one batch of engine events (for the handlers). */
export type TrackerOutcome =
  | { readonly kind: 'fill'; readonly fill: Fill }
  | { readonly kind: 'closed'; readonly order: OrderView; readonly reason: string };

/**
 * The account's orders, positions and balances as the engine reported them: a fold of the engine's
 * events for one account (the same events a live client receives), never a peek into engine state.
 */
export class OrderTracker {
  readonly orders = new Map<number, MutableOrder>();
  readonly byClientId = new Map<string, number>();
  readonly positions = new Map<string, MutablePosition>();
  readonly cash = new Map<string, bigint>();
  /** Open orders per symbol (the backtester skips work on symbols without any). */
  readonly openCount = new Map<string, number>();
  rejections = 0;

  constructor(readonly accountId: string) {}

  position(symbol: string): PositionView {
    return this.positions.get(symbol) ?? FLAT;
  }

  openOn(symbol: string): number {
    return this.openCount.get(symbol) ?? 0;
  }

  /** Folds one event; returns what the strategy should hear about (or undefined). */
  fold(e: EngineEvent, timeMs: number): TrackerOutcome | undefined {
    switch (e.type) {
      case 'OrderAccepted':
        if (e.accountId === this.accountId) this.accept(e);
        return undefined;
      case 'OrderTriggered':
      case 'OrderModified':
        return this.update(e);
      case 'OrderFilled':
        return e.accountId === this.accountId ? this.fill(e, timeMs) : undefined;
      case 'OrderCancelled':
      case 'OrderExpired':
        return e.accountId === this.accountId
          ? this.close(e.orderId, e.type === 'OrderCancelled' ? e.reason : 'expired')
          : undefined;
      case 'OrderRejected':
        return e.accountId === this.accountId ? this.reject(e) : undefined;
      case 'PositionChanged':
        if (e.accountId === this.accountId)
          this.positions.set(e.symbol, {
            qtyLots: e.qtyLots,
            costMinor: e.costMinor,
            realisedPnlMinor: e.realisedPnlMinor,
          });
        return undefined;
      case 'BalanceChanged':
        if (e.accountId === this.accountId) this.cash.set(e.currency, e.balanceMinor);
        return undefined;
      default:
        return undefined;
    }
  }

  private accept(e: Extract<EngineEvent, { type: 'OrderAccepted' }>): void {
    this.orders.set(e.orderId, {
      orderId: e.orderId,
      clientOrderId: e.clientOrderId,
      symbol: e.symbol,
      side: e.side,
      orderType: e.orderType,
      qtyLots: e.qtyLots,
      filledLots: 0,
      priceTicks: e.priceTicks,
      triggerPriceTicks: e.triggerPriceTicks,
      workingTicks: e.workingTicks,
    });
    this.byClientId.set(e.clientOrderId, e.orderId);
    this.openCount.set(e.symbol, this.openOn(e.symbol) + 1);
  }

  private update(e: Extract<EngineEvent, { type: 'OrderTriggered' | 'OrderModified' }>): undefined {
    if (e.accountId !== this.accountId) return undefined;
    const o = this.orders.get(e.orderId);
    if (o === undefined) return undefined;
    o.workingTicks = e.workingTicks;
    if (e.type === 'OrderModified') {
      o.qtyLots = e.qtyLots;
      o.priceTicks = e.priceTicks;
      o.triggerPriceTicks = e.triggerPriceTicks;
    }
    return undefined;
  }

  private fill(e: Extract<EngineEvent, { type: 'OrderFilled' }>, timeMs: number): TrackerOutcome {
    const done = e.status === 'filled';
    const o = this.orders.get(e.orderId);
    if (o !== undefined) {
      o.filledLots = e.filledLots;
      if (done) this.forget(o);
    }
    const fill: Fill = {
      timeMs,
      orderId: e.orderId,
      clientOrderId: e.clientOrderId,
      symbol: e.symbol,
      side: e.side,
      priceTicks: e.priceTicks,
      qtyLots: e.qtyLots,
      feeMinor: e.feeMinor,
      liquidity: e.liquidity,
      orderDone: done,
    };
    return { kind: 'fill', fill };
  }

  private close(orderId: number, reason: string): TrackerOutcome | undefined {
    const o = this.orders.get(orderId);
    if (o === undefined) return undefined;
    this.forget(o);
    return { kind: 'closed', order: o, reason };
  }

  private reject(e: Extract<EngineEvent, { type: 'OrderRejected' }>): TrackerOutcome {
    this.rejections++;
    const order: OrderView = {
      orderId: 0,
      clientOrderId: e.clientOrderId,
      symbol: e.symbol,
      side: 'buy',
      orderType: 'limit',
      qtyLots: 0,
      filledLots: 0,
      priceTicks: 0,
      triggerPriceTicks: 0,
      workingTicks: 0,
    };
    return { kind: 'closed', order, reason: e.code };
  }

  private forget(o: MutableOrder): void {
    this.orders.delete(o.orderId);
    this.byClientId.delete(o.clientOrderId);
    this.openCount.set(o.symbol, this.openOn(o.symbol) - 1);
  }
}
