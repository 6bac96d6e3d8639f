import { CURRENCY_SCALE } from '@tradewind/shared';
import type { EngineEvent, EngineState, OrderRecord } from '@tradewind/shared/engine';
import type { StrategyRuntime } from '@tradewind/shared/strategies';

/**
 * A resumed deployment's view of its account, rebuilt from the engine (not from memory of the
 * last run): its own open orders, the account's positions and balances, as the events a live
 * run would have folded. Returns the ids of its open orders.
 */
export function seedTracker(
  runtime: StrategyRuntime,
  state: EngineState,
  accountId: string,
  ownOrderIds: readonly number[],
): number[] {
  const ix = state.accountIx.get(accountId);
  if (ix === undefined) return [];
  const account = state.accounts[ix];
  if (account === undefined) return [];
  const events: EngineEvent[] = [];
  const open: number[] = [];
  for (const id of ownOrderIds) {
    const r = state.orders.get(id);
    if (r === undefined || r.accountIx !== ix) continue;
    events.push(accepted(r, accountId, state));
    open.push(id);
  }
  for (const [instIx, p] of account.positions.entries()) {
    const symbol = state.instruments[instIx]?.instrument.symbol;
    if (p === undefined || symbol === undefined) continue;
    events.push({
      type: 'PositionChanged',
      accountId,
      symbol,
      qtyLots: p.qtyLots,
      costMinor: p.costMinor,
      realisedPnlMinor: p.realisedMinor,
    });
  }
  for (const [currency, balanceMinor] of account.balances) {
    // Positions live in the same ledger map under their instruments' asset keys.
    if (CURRENCY_SCALE[currency] === undefined) continue;
    events.push({ type: 'BalanceChanged', accountId, currency, balanceMinor, deltaMinor: 0n, reason: 'deposit' });
  }
  runtime.engineEvents(events, state.nowMs);
  for (const r of open) {
    const o = runtime.tracker.orders.get(r);
    const filled = state.orders.get(r)?.filledLots ?? 0;
    if (o !== undefined) o.filledLots = filled;
  }
  return open;
}

function accepted(r: OrderRecord, accountId: string, state: EngineState): EngineEvent {
  return {
    type: 'OrderAccepted',
    orderId: r.orderId,
    clientOrderId: r.clientOrderId,
    accountId,
    symbol: state.instruments[r.instIx]?.instrument.symbol ?? '',
    side: r.side,
    orderType: r.type,
    tif: r.tif,
    qtyLots: r.qtyLots,
    priceTicks: r.priceTicks,
    triggerPriceTicks: r.triggerTicks,
    workingTicks: r.workingTicks,
    linkedOrderId: r.ocoId || r.parentId,
    status: 'accepted',
  };
}
