import { CURRENCY_SCALE, type Instrument, minorToDecimal, stepsToDecimal } from '@tradewind/shared';
import type { EngineEvent, EngineState, OrderRecord } from '@tradewind/shared/engine';
import { type AccountFrame, accountTopicOf, type OrderView } from '@tradewind/shared/protocol';
import type { ProjectionBatch } from '../journal/index';

/** A private frame waiting for its command to be durable; `seq` is given when published. */
export type Publication = { readonly topic: string; readonly frame: DistributiveOmit<AccountFrame, 'seq' | 'topic'> };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** User accounts are uuids (accounts.id); the simulated market's system accounts are not projected. */
const USER_ACCOUNT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const isUserAccount = (accountId: string): boolean => USER_ACCOUNT.test(accountId);

/** Engine transitions that leave core as bus events (db/src/bus BUS_EVENT_TYPES). */
const BUS_TYPE_OF: Record<string, string | undefined> = {
  filled: 'order.filled',
  partially_filled: 'order.partially_filled',
  OrderCancelled: 'order.cancelled',
  OrderExpired: 'order.expired',
  OrderTriggered: 'stop.triggered',
};

/** The reason order entry gives the engine when a user flips the kill switch. */
export const KILL_SWITCH_REASON = 'kill switch';

type Open = { view: OrderView; createdAtMs: number; inst: Instrument };

/**
 * Turns engine events into views: the query-table rows of the journal batch and the frames of
 * the owners' private topics. Keeps the views of open user orders (engine events carry only
 * what changed); rebuilt from the engine state after a recovery.
 */
export class EventProjector {
  private readonly open = new Map<number, Open>();
  private readonly bySymbol = new Map<string, Instrument>();

  constructor(instruments: readonly Instrument[]) {
    for (const i of instruments) this.bySymbol.set(i.symbol, i);
  }

  get openOrders(): number {
    return this.open.size;
  }

  /**
   * Rebuilds the open views from the engine. The engine does not know which deployment placed
   * an order, so the tags of orders still open are kept (in-process recovery) or given back from
   * the orders table (`restoreTags`, at start).
   */
  rebuild(state: EngineState): void {
    const tags = new Map<number, string>();
    for (const [orderId, o] of this.open) if (o.view.deploymentId !== undefined) tags.set(orderId, o.view.deploymentId);
    this.open.clear();
    for (const record of state.orders.values()) {
      const accountId = state.accounts[record.accountIx]?.id ?? '';
      const inst = state.instruments[record.instIx]?.instrument;
      if (inst === undefined || !isUserAccount(accountId)) continue;
      this.open.set(record.orderId, {
        view: viewOfRecord(record, accountId, inst, state.nowMs),
        createdAtMs: state.nowMs,
        inst,
      });
    }
    this.restoreTags(tags);
  }

  /** Open orders a deployment placed (as of the last applied command, durable or not). */
  ordersTagged(deploymentId: string): number[] {
    const out: number[] = [];
    for (const [orderId, o] of this.open) if (o.view.deploymentId === deploymentId) out.push(orderId);
    return out;
  }

  /** Orders placed by a live strategy deployment (orderId → deployment id). */
  restoreTags(tags: ReadonlyMap<number, string>): void {
    for (const [orderId, deploymentId] of tags) {
      const o = this.open.get(orderId);
      if (o !== undefined) o.view.deploymentId = deploymentId;
    }
  }

  /** `tag`: the deployment whose command caused these events (its orders carry it; bracket legs inherit it). */
  project(
    events: readonly EngineEvent[],
    timeMs: number,
    batch: ProjectionBatch,
    out: Publication[],
    tag?: string,
  ): void {
    for (const e of events) {
      if ('accountId' in e && typeof e.accountId === 'string' && isUserAccount(e.accountId)) {
        this.one(e, timeMs, batch, out, tag);
      } else if (e.type === 'TradingStateChanged' && e.reason === KILL_SWITCH_REASON && isUserAccount(e.target)) {
        const engaged = e.state === 'halted';
        batch.events.push({
          atMs: timeMs,
          type: 'account.kill_switch',
          accountId: e.target,
          payload: { engaged, reason: e.reason },
        });
        alert(out, e.target, {
          kind: 'kill_switch',
          message: engaged ? `account halted: ${e.reason}` : 'account trading again',
        });
      }
    }
  }

  private one(e: EngineEvent, timeMs: number, batch: ProjectionBatch, out: Publication[], tag?: string): void {
    switch (e.type) {
      case 'OrderAccepted':
        this.accepted(e, timeMs, batch, out, tag);
        return;
      case 'OrderTriggered':
      case 'OrderFilled':
      case 'OrderCancelled':
      case 'OrderExpired':
      case 'OrderModified':
        this.orderChanged(e, timeMs, batch, out);
        return;
      case 'PositionChanged':
        this.position(e, timeMs, batch, out);
        return;
      case 'BalanceChanged': {
        const balance = {
          accountId: e.accountId,
          currency: e.currency,
          balance: minorToDecimal(e.balanceMinor, CURRENCY_SCALE[e.currency] ?? 2),
          updatedAtMs: timeMs,
        };
        batch.balance(balance);
        out.push({ topic: accountTopicOf(e.accountId), frame: { type: 'balance', balance } });
        return;
      }
      case 'MarginCall': {
        const marginLevel = marginLevelText(e.equityMinor, e.maintenanceMarginMinor);
        batch.events.push({
          atMs: timeMs,
          type: 'margin.call',
          accountId: e.accountId,
          payload: {
            message: 'margin call',
            marginLevel,
            equityMinor: e.equityMinor.toString(),
            maintenanceMarginMinor: e.maintenanceMarginMinor.toString(),
          },
        });
        alert(out, e.accountId, {
          kind: 'margin_call',
          message: `margin call: equity is ${marginLevel} of the maintenance margin`,
        });
        return;
      }
      case 'Liquidated':
        batch.events.push({
          atMs: timeMs,
          type: 'margin.liquidation',
          accountId: e.accountId,
          payload: { symbol: e.symbol, markTicks: e.markTicks },
        });
        alert(out, e.accountId, {
          kind: 'liquidated',
          message: `position in ${e.symbol} liquidated`,
          symbol: e.symbol,
        });
        return;
      case 'ProtectionTriggered':
        alert(out, e.accountId, { kind: 'protection', message: e.message });
        return;
      default:
        return;
    }
  }

  private accepted(
    e: Extract<EngineEvent, { type: 'OrderAccepted' }>,
    timeMs: number,
    batch: ProjectionBatch,
    out: Publication[],
    tag: string | undefined,
  ): void {
    const inst = this.bySymbol.get(e.symbol);
    if (inst === undefined) return;
    const deploymentId = tag ?? this.open.get(e.linkedOrderId)?.view.deploymentId;
    const view: OrderView = {
      orderId: String(e.orderId),
      clientOrderId: e.clientOrderId,
      accountId: e.accountId,
      symbol: e.symbol,
      side: e.side,
      type: e.orderType,
      timeInForce: e.tif,
      status: 'accepted',
      quantity: stepsToDecimal(e.qtyLots, inst.lot),
      filledQuantity: '0',
      updatedAtMs: timeMs,
    };
    if (e.priceTicks > 0) view.price = stepsToDecimal(e.priceTicks, inst.tick);
    if (e.triggerPriceTicks > 0) view.triggerPrice = stepsToDecimal(e.triggerPriceTicks, inst.tick);
    if (e.linkedOrderId > 0) view.linkedOrderId = String(e.linkedOrderId);
    if (deploymentId !== undefined) view.deploymentId = deploymentId;
    this.open.set(e.orderId, { view, createdAtMs: timeMs, inst });
    const copy = emitOrder(view, timeMs, batch, out);
    batch.events.push({ atMs: timeMs, type: 'order.accepted', accountId: e.accountId, payload: { order: copy } });
  }

  private orderChanged(
    e: Extract<
      EngineEvent,
      { type: 'OrderTriggered' | 'OrderFilled' | 'OrderCancelled' | 'OrderExpired' | 'OrderModified' }
    >,
    timeMs: number,
    batch: ProjectionBatch,
    out: Publication[],
  ): void {
    const open = this.open.get(e.orderId);
    if (open === undefined) return;
    const { view, inst } = open;
    view.status = e.status;
    view.updatedAtMs = timeMs;
    if (e.type === 'OrderTriggered') {
      view.triggerPrice = stepsToDecimal(e.triggerPriceTicks, inst.tick);
      alert(out, e.accountId, {
        kind: 'stop_triggered',
        message: `${view.type} ${view.side} ${view.symbol} triggered`,
        orderId: view.orderId,
        symbol: view.symbol,
      });
    } else if (e.type === 'OrderFilled') {
      view.filledQuantity = stepsToDecimal(e.filledLots, inst.lot);
      const fill = {
        tradeId: String(e.tradeId),
        orderId: view.orderId,
        clientOrderId: e.clientOrderId,
        accountId: e.accountId,
        symbol: e.symbol,
        side: e.side,
        price: stepsToDecimal(e.priceTicks, inst.tick),
        quantity: stepsToDecimal(e.qtyLots, inst.lot),
        fee: minorToDecimal(e.feeMinor, CURRENCY_SCALE[inst.quote] ?? 2),
        liquidity: e.liquidity,
        ...(view.deploymentId === undefined ? {} : { deploymentId: view.deploymentId }),
        tsMs: timeMs,
      };
      batch.fill(fill);
      out.push({ topic: accountTopicOf(e.accountId), frame: { type: 'fill', fill } });
    } else if (e.type === 'OrderCancelled') view.reason = e.reason;
    else if (e.type === 'OrderModified') {
      view.quantity = stepsToDecimal(e.qtyLots, inst.lot);
      if (e.priceTicks > 0) view.price = stepsToDecimal(e.priceTicks, inst.tick);
      if (e.triggerPriceTicks > 0) view.triggerPrice = stepsToDecimal(e.triggerPriceTicks, inst.tick);
    }
    if (e.status === 'filled' || e.status === 'cancelled' || e.status === 'expired') this.open.delete(e.orderId);
    const copy = emitOrder(view, timeMs, batch, out, open.createdAtMs);
    const busType = BUS_TYPE_OF[e.type === 'OrderFilled' ? e.status : e.type];
    if (busType !== undefined)
      batch.events.push({ atMs: timeMs, type: busType, accountId: e.accountId, payload: { order: copy } });
  }

  private position(
    e: Extract<EngineEvent, { type: 'PositionChanged' }>,
    timeMs: number,
    batch: ProjectionBatch,
    out: Publication[],
  ): void {
    const inst = this.bySymbol.get(e.symbol);
    if (inst === undefined) return;
    const scale = CURRENCY_SCALE[inst.quote] ?? 2;
    const position = {
      accountId: e.accountId,
      symbol: e.symbol,
      quantity: stepsToDecimal(e.qtyLots, inst.lot),
      cost: minorToDecimal(e.costMinor, scale),
      realisedPnl: minorToDecimal(e.realisedPnlMinor, scale),
      updatedAtMs: timeMs,
    };
    batch.position(position);
    out.push({ topic: accountTopicOf(e.accountId), frame: { type: 'position', position } });
  }
}

/**
 * The order's row, frame and (the caller's) bus event share one copy of the view: the open view
 * keeps changing while they wait for the commit; the copy never changes once made.
 */
function emitOrder(
  view: OrderView,
  timeMs: number,
  batch: ProjectionBatch,
  out: Publication[],
  createdAtMs = timeMs,
): OrderView {
  const copy = { ...view };
  batch.order(copy, createdAtMs);
  out.push({ topic: accountTopicOf(view.accountId), frame: { type: 'order', order: copy } });
  return copy;
}

function alert(out: Publication[], accountId: string, a: Extract<AccountFrame, { type: 'alert' }>['alert']): void {
  out.push({ topic: accountTopicOf(accountId), frame: { type: 'alert', alert: a } });
}

function viewOfRecord(r: OrderRecord, accountId: string, inst: Instrument, nowMs: number): OrderView {
  const view: OrderView = {
    orderId: String(r.orderId),
    clientOrderId: r.clientOrderId,
    accountId,
    symbol: inst.symbol,
    side: r.side,
    type: r.type,
    timeInForce: r.tif,
    status: r.status,
    quantity: stepsToDecimal(r.qtyLots, inst.lot),
    filledQuantity: stepsToDecimal(r.filledLots, inst.lot),
    updatedAtMs: nowMs,
  };
  if (r.priceTicks > 0) view.price = stepsToDecimal(r.priceTicks, inst.tick);
  if (r.triggerTicks > 0) view.triggerPrice = stepsToDecimal(r.triggerTicks, inst.tick);
  const linked = r.ocoId || r.parentId;
  if (linked > 0) view.linkedOrderId = String(linked);
  return view;
}

/** Equity as a percentage of the maintenance margin, one decimal, rounded down ("128.6%"). */
export function marginLevelText(equityMinor: bigint, maintenanceMinor: bigint): string {
  if (maintenanceMinor <= 0n) return 'n/a';
  const tenths = (equityMinor * 1000n) / maintenanceMinor;
  const sign = tenths < 0n ? '-' : '';
  const t = tenths < 0n ? -tenths : tenths;
  return `${sign}${t / 10n}.${t % 10n}%`;
}
