import type { OrderType, TimeInForce } from '../../domain/order';
import { assert } from '../../util/assert';
import type { BookOrder, SubmitOutcome } from '../book/index';
import { isBookReject } from '../book/index';
import { type Ctx, emit, markDirty } from '../core/context';
import { ReusableList } from '../core/reusable-list';
import type { AccountState, InstrumentState } from '../core/state';
import { settleTrade } from '../portfolio/settlement';
import { afterFills } from './after-fills';
import { FillBuffer } from './fill-buffer';
import { refreshHold, setOpenLots } from './holds';
import { cancelOrder, retireOrder } from './lifecycle';
import { NIL, type OrderStore } from './order-store';
import { assertTransition } from './state-machine';

/** One reusable book order and fill buffer per engine thread: the hot path allocates neither. */
const bookOrder: BookOrder = {
  orderId: 0,
  ownerId: 0,
  side: 'buy',
  type: 'limit',
  priceTicks: 1,
  qtyLots: 1,
  tif: 'GTC',
  postOnly: false,
};
const buffer = new FillBuffer();

/** Orders (slots) whose fills need contingent handling after the buffer is processed. */
const touchedOrders = new ReusableList<number>();

/**
 * Sends a live order (new, triggered or re-priced) to its book at its working price and
 * processes everything that happened: fills, settlement, self-trade cancels, then the order's
 * own ending (rests, filled, or remainder cancelled).
 */
export function execute(ctx: Ctx, s: number): void {
  const st = ctx.state.orders;
  const inst = ctx.state.instruments[st.instIx(s)] as InstrumentState;
  const remaining = st.remainingLots(s);
  if (!(remaining > 0 && !st.inBook(s))) assert(false, 'execute: nothing to execute');
  bookOrder.orderId = st.orderId(s);
  bookOrder.ownerId = st.accountIx(s);
  bookOrder.side = st.side(s);
  bookOrder.priceTicks = st.workingTicks(s);
  bookOrder.qtyLots = remaining;
  bookOrder.tif = bookTif(st.type(s), st.tif(s));
  bookOrder.postOnly = st.postOnly(s);
  buffer.reset();
  const outcome = inst.book.submit(bookOrder, buffer);
  if (isBookReject(outcome)) assert(false, `book refused a checked order: ${outcome}`);
  if (outcome === 'rested' || outcome === 'partially-filled-rested') st.setBookSlot(s, inst.book.lastRestedSlot);
  processBuffer(ctx, inst, s);
  finishTaker(ctx, s, outcome as SubmitOutcome);
  afterFills(ctx, inst, touchedOrders);
  touchedOrders.clear();
}

function bookTif(type: OrderType, tif: TimeInForce): 'GTC' | 'IOC' | 'FOK' {
  if (type === 'market' || type === 'stop_market' || type === 'take_profit' || type === 'trailing_stop') {
    return tif === 'FOK' ? 'FOK' : 'IOC';
  }
  return tif === 'IOC' || tif === 'FOK' ? tif : 'GTC';
}

function processBuffer(ctx: Ctx, inst: InstrumentState, taker: number): void {
  const st = ctx.state.orders;
  let low = Number.MAX_SAFE_INTEGER;
  let high = 0;
  for (let i = 0; i < buffer.count; i++) {
    const price = buffer.prices[i] as number;
    const maker = st.slotOf(buffer.makerIds[i] as number);
    if (maker === NIL) assert(false, 'fill of an unknown maker');
    fill(ctx, inst, maker, taker, price, buffer.qtys[i] as number, buffer.makerRemaining[i] as number);
    if (price < low) low = price;
    if (price > high) high = price;
  }
  for (let i = 0; i < buffer.stpCount; i++) {
    const resting = st.slotOf(buffer.stpIds[i] as number);
    if (resting === NIL || !st.inBook(resting)) assert(false, 'self-trade cancel of an unknown order');
    st.setInBook(resting, false);
    cancelOrder(ctx, resting, 'SELF_TRADE');
  }
  if (buffer.count > 0) {
    inst.lastTradeTicks = buffer.prices[buffer.count - 1] as number;
    inst.markTicks = inst.lastTradeTicks;
    ctx.priceMoves.push3(inst.ix, low, high);
  }
}

function fill(
  ctx: Ctx,
  inst: InstrumentState,
  maker: number,
  taker: number,
  price: number,
  qty: number,
  makerRemaining: number,
): void {
  const { state } = ctx;
  const st = state.orders;
  const makerAcct = state.accounts[st.accountIx(maker)] as AccountState;
  const takerAcct = state.accounts[st.accountIx(taker)] as AccountState;
  const tradeId = state.nextTradeId++;
  const makerBuys = st.isBuy(maker);
  const buy = makerBuys ? maker : taker;
  const sell = makerBuys ? taker : maker;
  const buyerAcct = makerBuys ? makerAcct : takerAcct;
  const sellerAcct = makerBuys ? takerAcct : makerAcct;
  emit(ctx, {
    type: 'TradeExecuted',
    tradeId,
    symbol: inst.instrument.symbol,
    priceTicks: price,
    qtyLots: qty,
    buyOrderId: st.orderId(buy),
    sellOrderId: st.orderId(sell),
    buyAccountId: buyerAcct.id,
    sellAccountId: sellerAcct.id,
    aggressor: st.side(taker),
  });
  bumpFill(st, maker, qty);
  bumpFill(st, taker, qty);
  if (st.remainingLots(maker) !== makerRemaining) assert(false, `maker ${st.orderId(maker)} disagrees with the book`);
  const fees = settleTrade(ctx, inst, buyerAcct, sellerAcct, makerBuys, price, qty, isStop(st, buy), isStop(st, sell));
  const makerFee = makerBuys ? fees.buyerFeeMinor : fees.sellerFeeMinor;
  const takerFee = makerBuys ? fees.sellerFeeMinor : fees.buyerFeeMinor;
  afterOrderFill(ctx, inst, makerAcct, maker, tradeId, price, qty, makerFee, 'maker');
  afterOrderFill(ctx, inst, takerAcct, taker, tradeId, price, qty, takerFee, 'taker');
  if (makerRemaining === 0) st.setInBook(maker, false);
  if (st.filledLots(maker) === st.qtyLots(maker)) retireOrder(ctx, maker, 'filled');
  pushTouched(maker);
  pushTouched(taker);
}

function bumpFill(st: OrderStore, s: number, qty: number): void {
  const filled = st.filledLots(s) + qty;
  if (filled > st.qtyLots(s)) assert(false, `order ${st.orderId(s)} overfilled`);
  st.setFilledLots(s, filled);
}

function isStop(st: OrderStore, s: number): boolean {
  const type = st.type(s);
  return type === 'stop_market' || type === 'stop_limit' || type === 'trailing_stop';
}

function pushTouched(s: number): void {
  if (!touchedOrders.includes(s)) touchedOrders.push(s);
}

function afterOrderFill(
  ctx: Ctx,
  inst: InstrumentState,
  a: AccountState,
  s: number,
  tradeId: number,
  price: number,
  qty: number,
  fee: bigint,
  liquidity: 'maker' | 'taker',
): void {
  const st = ctx.state.orders;
  const filled = st.filledLots(s);
  const remaining = st.qtyLots(s) - filled;
  const status = remaining === 0 ? 'filled' : 'partially_filled';
  // The final move to `filled` happens when the order is retired; partial fills move here.
  if (status === 'partially_filled') {
    assertTransition(st.status(s), status);
    st.setStatus(s, status);
  }
  setOpenLots(a, st, s, -qty);
  refreshHold(a, inst, st, s);
  emit(ctx, {
    type: 'OrderFilled',
    orderId: st.orderId(s),
    clientOrderId: st.clientOrderId(s),
    accountId: a.id,
    symbol: inst.instrument.symbol,
    side: st.side(s),
    tradeId,
    priceTicks: price,
    qtyLots: qty,
    filledLots: filled,
    remainingLots: remaining,
    liquidity,
    feeMinor: fee,
    status,
  });
  if (a.kind === 'margin') markDirty(ctx.marginDirty, a.ix);
}

function finishTaker(ctx: Ctx, s: number, outcome: SubmitOutcome): void {
  switch (outcome) {
    case 'rested':
    case 'partially-filled-rested':
      ctx.state.orders.setInBook(s, true);
      return;
    case 'filled':
      retireOrder(ctx, s, 'filled');
      return;
    case 'remainder-cancelled': {
      const type = ctx.state.orders.type(s);
      cancelOrder(ctx, s, type === 'limit' || type.endsWith('_limit') ? 'IOC_REMAINDER' : 'NO_LIQUIDITY');
      return;
    }
    case 'fok-killed':
      cancelOrder(ctx, s, 'FOK_UNFILLABLE');
      return;
    case 'self-trade-cancelled':
      cancelOrder(ctx, s, 'SELF_TRADE');
      return;
    case 'post-only-rejected':
      // Checked at acceptance; only a sibling placed in the same command (OCO) can make it take now.
      cancelOrder(ctx, s, 'POST_ONLY');
      return;
  }
}
