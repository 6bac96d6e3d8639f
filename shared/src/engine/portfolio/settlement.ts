import { notionalMinor } from '../../domain/money';
import { CLOSED_TRADES_KEPT_MAX } from '../core/config';
import { type Ctx, emit, markDirty } from '../core/context';
import type { AccountState, InstrumentState } from '../core/state';
import { balanceOf, post, postNum } from '../ledger/ledger';
import { feeExact } from './exact-number';
import { fee, notionalNum } from './notional';
import { bookFill, positionOf } from './position';

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
  const value = Number.isNaN(valueNum) ? notionalMinor(inst.scale, priceTicks, qtyLots, 'half-even') : BigInt(valueNum);
  const buyerBps = buyerIsMaker ? buyer.makerFeeBps : buyer.takerFeeBps;
  const sellerBps = buyerIsMaker ? seller.takerFeeBps : seller.makerFeeBps;
  // Exact doubles when the value and fees fit (NaN otherwise): the postings then allocate nothing.
  const buyerFeeNum = Number.isNaN(valueNum) ? Number.NaN : feeExact(valueNum, buyerBps);
  const sellerFeeNum = Number.isNaN(valueNum) ? Number.NaN : feeExact(valueNum, sellerBps);
  const buyerFee = fee(buyerFeeNum, value, buyerBps);
  const sellerFee = fee(sellerFeeNum, value, sellerBps);
  if (!Number.isNaN(buyerFeeNum) && !Number.isNaN(sellerFeeNum)) {
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
  bookSide(ctx, inst, buyer, 'buy', qtyLots, value, buyerFee, buyerStopOut);
  bookSide(ctx, inst, seller, 'sell', qtyLots, value, sellerFee, sellerStopOut);
  fees.buyerFeeMinor = buyerFee;
  fees.sellerFeeMinor = sellerFee;
  return fees;
}

/** One result object for every trade (read at once by the caller): no allocation per fill. */
const fees: { buyerFeeMinor: bigint; sellerFeeMinor: bigint } = { buyerFeeMinor: 0n, sellerFeeMinor: 0n };

function bookSide(
  ctx: Ctx,
  inst: InstrumentState,
  a: AccountState,
  side: 'buy' | 'sell',
  qty: number,
  value: bigint,
  fee: bigint,
  stopOut: boolean,
): void {
  const pos = positionOf(a, inst.ix);
  const before = pos.qtyLots;
  const realised = bookFill(pos, side, qty, value);
  pos.feesMinor += fee;
  const closed = before !== 0 && Math.sign(before) !== Math.sign(pos.qtyLots);
  const reduced = closed || Math.abs(pos.qtyLots) < Math.abs(before);
  rollDay(ctx, a);
  a.dayPnlMinor += realised - fee;
  if (reduced) recordClose(ctx, a, realised - fee, stopOut);
  if (a.kind === 'margin') {
    markDirty(ctx.marginDirty, a.ix);
    if (pos.qtyLots === 0) inst.marginHolders.delete(a.ix);
    else inst.marginHolders.add(a.ix);
  }
  const delta = side === 'buy' ? -value - fee : value - fee;
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

/** A reducing fill is a closed trade for the protections (drawdown, stop-loss guard, cooldown). */
function recordClose(ctx: Ctx, a: AccountState, pnlMinor: bigint, stopOut: boolean): void {
  a.closes.push({ timeMs: ctx.state.nowMs, pnlMinor, stopOut: stopOut && pnlMinor < 0n });
  if (a.closes.length > CLOSED_TRADES_KEPT_MAX) a.closes.shift();
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
    a.dayPnlMinor = 0n;
  }
}
