import { notionalMinor } from '../../domain/money';
import { type Ctx, emit, markDirty } from '../core/context';
import type { AccountState, InstrumentState } from '../core/state';
import { balanceOf, post, postNum } from '../ledger/ledger';
import { addExact, feeExact, toExact } from './exact-number';
import { fee, notionalNum } from './notional';
import { addFees, bookFill, bookFillNum, positionOf } from './position';

/**
 * Settles one trade: the buyer pays the value in the quote currency and receives the lots,
 * the seller the reverse, and each pays its fee (maker or taker rate) to the venue's fee
 * account. Four or six balanced postings; positions and realised PnL follow from the same
 * amounts. The value is rounded once (half-even) and paid and received in full, so rounding
 * moves nothing between accounts.
 */
export type Fees = { readonly buyerFeeMinor: bigint; readonly sellerFeeMinor: bigint };

export function settleTrade(
  ctx: Ctx,
  inst: InstrumentState,
  buyer: AccountState,
  seller: AccountState,
  buyerIsMaker: boolean,
  priceTicks: number,
  qtyLots: number,
  buyerStopOut: boolean,
  sellerStopOut: boolean,
): Fees {
  const { ledger } = ctx.state;
  const valueNum = notionalNum(inst, priceTicks, qtyLots, 'half-even');
  const buyerBps = buyerIsMaker ? buyer.makerFeeBps : buyer.takerFeeBps;
  const sellerBps = buyerIsMaker ? seller.takerFeeBps : seller.makerFeeBps;
  // Exact doubles when the value and fees fit (NaN otherwise): the postings then allocate nothing.
  const buyerFeeNum = Number.isNaN(valueNum) ? Number.NaN : feeExact(valueNum, buyerBps);
  const sellerFeeNum = Number.isNaN(valueNum) ? Number.NaN : feeExact(valueNum, sellerBps);
  const fast = !Number.isNaN(buyerFeeNum) && !Number.isNaN(sellerFeeNum);
  // The bigint value only off the fast path (the fees' bigints are needed anyway: the events carry them).
  const value = fast
    ? 0n
    : Number.isNaN(valueNum)
      ? notionalMinor(inst.scale, priceTicks, qtyLots, 'half-even')
      : BigInt(valueNum);
  const buyerFee = fee(buyerFeeNum, value, buyerBps);
  const sellerFee = fee(sellerFeeNum, value, sellerBps);
  if (fast) {
    postNum(ledger, buyer, seller, inst.quote, valueNum, 'trade');
    postNum(ledger, seller, buyer, inst.assetKey, qtyLots, 'trade');
    postNum(ledger, buyer, ledger.fees, inst.quote, buyerFeeNum, 'fee');
    postNum(ledger, seller, ledger.fees, inst.quote, sellerFeeNum, 'fee');
  } else {
    post(ledger, buyer, seller, inst.quote, value, 'trade');
    post(ledger, seller, buyer, inst.assetKey, BigInt(qtyLots), 'trade');
    post(ledger, buyer, ledger.fees, inst.quote, buyerFee, 'fee');
    post(ledger, seller, ledger.fees, inst.quote, sellerFee, 'fee');
  }
  bookSide(ctx, inst, buyer, 'buy', qtyLots, valueNum, value, buyerFeeNum, buyerFee, buyerStopOut);
  bookSide(ctx, inst, seller, 'sell', qtyLots, valueNum, value, sellerFeeNum, sellerFee, sellerStopOut);
  fees.buyerFeeMinor = buyerFee;
  fees.sellerFeeMinor = sellerFee;
  return fees;
}

/** One result object for every trade (read at once by the caller): no allocation per fill. */
const fees: { buyerFeeMinor: bigint; sellerFeeMinor: bigint } = { buyerFeeMinor: 0n, sellerFeeMinor: 0n };

/**
 * One side of a trade into the position, the day's PnL, the closed trades and the events. Amounts
 * come as exact doubles (NaN: not a safe integer) with their bigints (`valueBig` is only set off
 * the fast path); the doubles are used whenever every step fits, the bigints otherwise.
 */
function bookSide(
  ctx: Ctx,
  inst: InstrumentState,
  a: AccountState,
  side: 'buy' | 'sell',
  qty: number,
  valueNum: number,
  valueBig: bigint,
  feeNum: number,
  fee: bigint,
  stopOut: boolean,
): void {
  const pos = positionOf(a, inst.ix);
  const before = pos.qtyLots;
  const realisedNum = bookFillNum(pos, side, qty, valueNum);
  const realisedBig = Number.isNaN(realisedNum) ? bookFill(pos, side, qty, bigValue(valueNum, valueBig)) : 0n;
  addFees(pos, feeNum, fee);
  const closed = before !== 0 && Math.sign(before) !== Math.sign(pos.qtyLots);
  const reduced = closed || Math.abs(pos.qtyLots) < Math.abs(before);
  rollDay(ctx, a);
  const netNum = addExact(realisedNum, 0 - feeNum);
  const netBig = Number.isNaN(netNum) ? bigValue(realisedNum, realisedBig) - fee : 0n;
  addDayPnl(a, netNum, netBig);
  if (reduced) recordClose(ctx, a, netNum, netBig, stopOut);
  if (a.kind === 'margin') {
    markDirty(ctx.marginDirty, a.ix);
    if (pos.qtyLots === 0) inst.marginHolders.delete(a.ix);
    else inst.marginHolders.add(a.ix);
  }
  const deltaNum = addExact(side === 'buy' ? 0 - valueNum : valueNum, 0 - feeNum);
  const delta = Number.isNaN(deltaNum)
    ? (side === 'buy' ? -bigValue(valueNum, valueBig) : bigValue(valueNum, valueBig)) - fee
    : BigInt(deltaNum);
  emit(ctx, {
    type: 'BalanceChanged',
    accountId: a.id,
    currency: inst.quote,
    balanceMinor: balanceOf(a, inst.quote),
    deltaMinor: delta,
    reason: 'trade',
  });
  emit(ctx, {
    type: 'PositionChanged',
    accountId: a.id,
    symbol: inst.instrument.symbol,
    qtyLots: pos.qtyLots,
    costMinor: pos.costMinor,
    realisedPnlMinor: pos.realisedMinor,
  });
}

/** An amount known as an exact double, or else as the bigint. */
function bigValue(num: number, big: bigint): bigint {
  return Number.isNaN(num) ? big : BigInt(num);
}

/** The account's PnL of the day (exact). */
export function dayPnlOf(a: AccountState): bigint {
  return Number.isNaN(a.dayPnlNum) ? a.dayPnlBig : BigInt(a.dayPnlNum);
}

/** Sets the day's PnL: a double while it is a safe integer. */
export function setDayPnl(a: AccountState, v: bigint): void {
  a.dayPnlNum = toExact(v);
  a.dayPnlBig = Number.isNaN(a.dayPnlNum) ? v : 0n;
}

/** Adds `num` (an exact double; NaN: take `big`) to the day's PnL. */
function addDayPnl(a: AccountState, num: number, big: bigint): void {
  const sum = addExact(a.dayPnlNum, num);
  if (Number.isNaN(sum)) setDayPnl(a, dayPnlOf(a) + (Number.isNaN(num) ? big : BigInt(num)));
  else a.dayPnlNum = sum;
}

/** A reducing fill is a closed trade for the protections (drawdown, stop-loss guard, cooldown). */
function recordClose(ctx: Ctx, a: AccountState, pnlNum: number, pnlBig: bigint, stopOut: boolean): void {
  const loss = Number.isNaN(pnlNum) ? pnlBig < 0n : pnlNum < 0;
  a.closes.push(ctx.state.nowMs, pnlNum, pnlBig, stopOut && loss);
  markDirty(ctx.closedDirty, a.ix);
}

/** Starts of trading days are `dayStartOffsetMs` after 00:00 UTC. */
export function dayStartOf(ctx: Ctx, timeMs: number): number {
  const offset = ctx.config.dayStartOffsetMs;
  return Math.floor((timeMs - offset) / 86_400_000) * 86_400_000 + offset;
}

/** Resets the daily PnL when a new trading day has begun (lazily, when the account is touched). */
export function rollDay(ctx: Ctx, a: AccountState): void {
  const start = dayStartOf(ctx, ctx.state.nowMs);
  if (a.dayStartMs !== start) {
    a.dayStartMs = start;
    a.dayPnlNum = 0;
    a.dayPnlBig = 0n;
  }
}
