import { notionalMinor } from '../../domain/money';
import { type Ctx, emit } from '../core/context';
import { ReusableList } from '../core/reusable-list';
import type { AccountState, InstrumentState } from '../core/state';
import { balanceOf, post } from '../ledger/ledger';
import { execute } from '../orders/execute';
import { cancelOrder, registerOrder } from '../orders/lifecycle';
import { newRecord, protectedPrice } from '../orders/place';
import { mulDivExact } from './exact-number';
import { bookFill } from './position';
import { equityMinor, equityNum, positionsMarginMinor, positionsMarginNum } from './valuation';

/**
 * Margin surveillance of a margin account, per quote currency: below the margin-call level
 * (maintenance × marginCallBps) a MarginCall is raised once per episode; below maintenance the
 * account is liquidated: its orders are cancelled, each position is closed with a reduce-only
 * market order, and whatever the book cannot absorb is taken over by the venue's liquidation
 * account at the mark.
 */
export function checkMargin(ctx: Ctx, account: AccountState): void {
  if (account.kind !== 'margin') return;
  // The scratch list is safe to walk: nothing below re-enters checkMargin (drain calls it, one at a time).
  const list = positionCurrencies(ctx, account);
  for (let i = 0; i < list.length; i++) {
    const currency = list.at(i);
    if (healthy(ctx, account, currency)) {
      account.marginCalled = false;
      continue;
    }
    const mm = positionsMarginMinor(ctx.state, account, currency, ctx.config.maintenanceMarginBps);
    const equity = equityMinor(ctx.state, account, currency);
    if (mm > 0n && equity < mm) {
      liquidate(ctx, account, currency);
      account.marginCalled = false;
    } else if (mm > 0n && equity * 10_000n < mm * BigInt(ctx.config.marginCallBps)) {
      if (!account.marginCalled)
        emit(ctx, { type: 'MarginCall', accountId: account.id, equityMinor: equity, maintenanceMarginMinor: mm });
      account.marginCalled = true;
    } else {
      account.marginCalled = false;
    }
  }
}

/**
 * The common case in exact doubles: equity at or above the margin-call level (so above
 * maintenance too, as marginCallBps ≥ 10,000). False also when a term does not fit a double;
 * the bigint path above then decides, with the same rules.
 */
function healthy(ctx: Ctx, account: AccountState, currency: string): boolean {
  const mm = positionsMarginNum(ctx.state, account, currency, ctx.config.maintenanceMarginBps);
  if (mm === 0) return true;
  // equity × 10,000 ≥ mm × callBps ⟺ equity ≥ ⌈mm × callBps ÷ 10,000⌉ for an integer equity; this
  // form keeps large balances (10^12 and up) out of the product.
  const level = mulDivExact(mm, ctx.config.marginCallBps, 10_000, 'ceil');
  return equityNum(ctx.state, account, currency) >= level; // false when either is NaN
}

/** Scratch for positionCurrencies: checked on every margin account's trade, so no array per call. */
const currencies = new ReusableList<string>();

function positionCurrencies(ctx: Ctx, account: AccountState): ReusableList<string> {
  currencies.clear();
  for (let i = 0; i < account.positions.length; i++) {
    const p = account.positions[i];
    const q = (ctx.state.instruments[i] as InstrumentState).quote;
    if (p !== undefined && p.qtyLots !== 0 && !currencies.includes(q)) currencies.push(q);
  }
  return currencies;
}

function liquidate(ctx: Ctx, account: AccountState, currency: string): void {
  const st = ctx.state.orders;
  for (const s of account.openOrders.toArray(st)) {
    if (st.isOpen(s) && (ctx.state.instruments[st.instIx(s)] as InstrumentState).quote === currency)
      cancelOrder(ctx, s, 'LIQUIDATION');
  }
  for (let i = 0; i < account.positions.length; i++) {
    const inst = ctx.state.instruments[i] as InstrumentState;
    const pos = account.positions[i];
    if (pos === undefined || pos.qtyLots === 0 || inst.quote !== currency) continue;
    const before = pos.qtyLots;
    closeInBook(ctx, account, inst, before);
    const left = pos.qtyLots;
    if (left !== 0) takeOver(ctx, account, inst, left);
    emit(ctx, {
      type: 'Liquidated',
      accountId: account.id,
      symbol: inst.instrument.symbol,
      qtyLots: before,
      takenOverLots: Math.abs(left),
      markTicks: inst.markTicks,
    });
  }
}

function closeInBook(ctx: Ctx, account: AccountState, inst: InstrumentState, qty: number): void {
  const side = qty > 0 ? 'sell' : 'buy';
  const ref = inst.markTicks;
  const spec = {
    ok: true,
    inst,
    clientOrderId: '',
    side,
    type: 'market',
    tif: 'IOC',
    qtyLots: Math.abs(qty),
    priceTicks: 0,
    triggerTicks: 0,
    trailTicks: 0,
    trailBps: 0,
    expireAtMs: 0,
    postOnly: false,
    reduceOnly: true,
  } as const;
  const o = newRecord(ctx, account, spec, protectedPrice(ctx, side, ref), 0);
  ctx.state.nextOrderId++;
  registerOrder(ctx, account, inst, o, 0, 0);
  emit(ctx, {
    type: 'OrderAccepted',
    orderId: ctx.state.orders.orderId(o),
    clientOrderId: '',
    accountId: account.id,
    symbol: inst.instrument.symbol,
    side,
    orderType: 'market',
    tif: 'IOC',
    qtyLots: ctx.state.orders.qtyLots(o),
    priceTicks: 0,
    triggerPriceTicks: 0,
    workingTicks: ctx.state.orders.workingTicks(o),
    linkedOrderId: 0,
    status: 'accepted',
  });
  execute(ctx, o);
}

/** The venue's liquidation account buys (or sells) the rest at the mark; no fee. */
function takeOver(ctx: Ctx, account: AccountState, inst: InstrumentState, qty: number): void {
  const { ledger } = ctx.state;
  const lots = Math.abs(qty);
  const value = notionalMinor(inst.scale, inst.markTicks, lots, 'half-even');
  const pos = account.positions[inst.ix];
  if (pos === undefined) return;
  if (qty > 0) {
    post(ledger, account, ledger.liquidation, inst.assetKey, BigInt(lots), 'liquidation');
    post(ledger, ledger.liquidation, account, inst.quote, value, 'liquidation');
  } else {
    post(ledger, ledger.liquidation, account, inst.assetKey, BigInt(lots), 'liquidation');
    post(ledger, account, ledger.liquidation, inst.quote, value, 'liquidation');
  }
  bookFill(pos, qty > 0 ? 'sell' : 'buy', lots, value);
  if (pos.qtyLots === 0) inst.marginHolders.delete(account.ix);
  emit(ctx, {
    type: 'BalanceChanged',
    accountId: account.id,
    currency: inst.quote,
    balanceMinor: balanceOf(account, inst.quote),
    deltaMinor: qty > 0 ? value : -value,
    reason: 'liquidation',
  });
  emit(ctx, {
    type: 'PositionChanged',
    accountId: account.id,
    symbol: inst.instrument.symbol,
    qtyLots: pos.qtyLots,
    costMinor: pos.costMinor,
    realisedPnlMinor: pos.realisedMinor,
  });
}
