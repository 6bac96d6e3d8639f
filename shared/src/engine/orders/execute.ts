import { assert } from '../../util/assert';
import type { BookOrder, SubmitOutcome } from '../book/index';
import { isBookReject } from '../book/index';
import { type Ctx, emit, markDirty } from '../core/context';
import { ReusableList } from '../core/reusable-list';
import type { AccountState, InstrumentState, OrderRecord } from '../core/state';
import { settleTrade } from '../portfolio/settlement';
import { afterFills } from './after-fills';
import { FillBuffer } from './fill-buffer';
import { refreshHold, setOpenLots } from './holds';
import { cancelOrder, retireOrder } from './lifecycle';
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

/** Orders whose fills need contingent handling after the buffer is processed. */
const touchedOrders = new ReusableList<OrderRecord>();

/**
 * Sends a live order (new, triggered or re-priced) to its book at its working price and
 * processes everything that happened: fills, settlement, self-trade cancels, then the order's
 * own ending (rests, filled, or remainder cancelled).
 */
export function execute(ctx: Ctx, o: OrderRecord): void {
  const inst = ctx.state.instruments[o.instIx] as InstrumentState;
  const remaining = o.qtyLots - o.filledLots;
  assert(remaining > 0 && !o.inBook, 'execute: nothing to execute');
  bookOrder.orderId = o.orderId;
  bookOrder.ownerId = o.accountIx;
  bookOrder.side = o.side;
  bookOrder.priceTicks = o.workingTicks;
  bookOrder.qtyLots = remaining;
  bookOrder.tif = bookTif(o);
  bookOrder.postOnly = o.postOnly;
  buffer.reset();
  const outcome = inst.book.submit(bookOrder, buffer);
  assert(!isBookReject(outcome), `book refused a checked order: ${outcome}`);
  processBuffer(ctx, inst, o);
  finishTaker(ctx, o, outcome as SubmitOutcome);
  afterFills(ctx, inst, touchedOrders);
  touchedOrders.clear();
}

function bookTif(o: OrderRecord): 'GTC' | 'IOC' | 'FOK' {
  if (o.type === 'market' || o.type === 'stop_market' || o.type === 'take_profit' || o.type === 'trailing_stop') {
    return o.tif === 'FOK' ? 'FOK' : 'IOC';
  }
  return o.tif === 'IOC' || o.tif === 'FOK' ? o.tif : 'GTC';
}

function processBuffer(ctx: Ctx, inst: InstrumentState, taker: OrderRecord): void {
  const { state } = ctx;
  let low = Number.MAX_SAFE_INTEGER;
  let high = 0;
  for (let i = 0; i < buffer.count; i++) {
    const price = buffer.prices[i] as number;
    const maker = state.orders.get(buffer.makerIds[i] as number);
    assert(maker !== undefined, 'fill of an unknown maker');
    fill(ctx, inst, maker, taker, price, buffer.qtys[i] as number, buffer.makerRemaining[i] as number);
    if (price < low) low = price;
    if (price > high) high = price;
  }
  for (let i = 0; i < buffer.stpCount; i++) {
    const resting = state.orders.get(buffer.stpIds[i] as number);
    assert(resting?.inBook, 'self-trade cancel of an unknown order');
    resting.inBook = false;
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
  maker: OrderRecord,
  taker: OrderRecord,
  price: number,
  qty: number,
  makerRemaining: number,
): void {
  const { state } = ctx;
  const makerAcct = state.accounts[maker.accountIx] as AccountState;
  const takerAcct = state.accounts[taker.accountIx] as AccountState;
  const tradeId = state.nextTradeId++;
  const buy = maker.side === 'buy' ? maker : taker;
  const sell = maker.side === 'buy' ? taker : maker;
  emit(ctx, {
    type: 'TradeExecuted',
    tradeId,
    symbol: inst.instrument.symbol,
    priceTicks: price,
    qtyLots: qty,
    buyOrderId: buy.orderId,
    sellOrderId: sell.orderId,
    buyAccountId: (state.accounts[buy.accountIx] as AccountState).id,
    sellAccountId: (state.accounts[sell.accountIx] as AccountState).id,
    aggressor: taker.side,
  });
  bumpFill(maker, qty);
  bumpFill(taker, qty);
  assert(
    maker.qtyLots - maker.filledLots === makerRemaining,
    `maker ${maker.orderId} remaining disagrees with the book`,
  );
  const buyerAcct = buy === maker ? makerAcct : takerAcct;
  const sellerAcct = buy === maker ? takerAcct : makerAcct;
  const stopOut = { buyer: isStopType(buy), seller: isStopType(sell) };
  const fees = settleTrade(ctx, inst, buyerAcct, sellerAcct, buy === maker, price, qty, stopOut);
  const makerFee = buy === maker ? fees.buyerFeeMinor : fees.sellerFeeMinor;
  const takerFee = buy === maker ? fees.sellerFeeMinor : fees.buyerFeeMinor;
  afterOrderFill(ctx, inst, makerAcct, maker, tradeId, price, qty, makerFee, 'maker');
  afterOrderFill(ctx, inst, takerAcct, taker, tradeId, price, qty, takerFee, 'taker');
  if (makerRemaining === 0) maker.inBook = false;
  if (maker.filledLots === maker.qtyLots) retireOrder(ctx, maker, 'filled');
  pushTouched(maker);
  pushTouched(taker);
}

function bumpFill(o: OrderRecord, qty: number): void {
  o.filledLots += qty;
  assert(o.filledLots <= o.qtyLots, `order ${o.orderId} overfilled`);
}

function isStopType(o: OrderRecord): boolean {
  return o.type === 'stop_market' || o.type === 'stop_limit' || o.type === 'trailing_stop';
}

function pushTouched(o: OrderRecord): void {
  if (!touchedOrders.includes(o)) touchedOrders.push(o);
}

function afterOrderFill(
  ctx: Ctx,
  inst: InstrumentState,
  a: AccountState,
  o: OrderRecord,
  tradeId: number,
  price: number,
  qty: number,
  fee: bigint,
  liquidity: 'maker' | 'taker',
): void {
  const status = o.filledLots === o.qtyLots ? 'filled' : 'partially_filled';
  // The final move to `filled` happens when the order is retired; partial fills move here.
  if (status === 'partially_filled') {
    assertTransition(o.status, status);
    o.status = status;
  }
  setOpenLots(a, o, -qty);
  refreshHold(a, inst, o);
  emit(ctx, {
    type: 'OrderFilled',
    orderId: o.orderId,
    clientOrderId: o.clientOrderId,
    accountId: a.id,
    symbol: inst.instrument.symbol,
    side: o.side,
    tradeId,
    priceTicks: price,
    qtyLots: qty,
    filledLots: o.filledLots,
    remainingLots: o.qtyLots - o.filledLots,
    liquidity,
    feeMinor: fee,
    status,
  });
  if (a.kind === 'margin') markDirty(ctx.marginDirty, a.ix);
}

function finishTaker(ctx: Ctx, o: OrderRecord, outcome: SubmitOutcome): void {
  switch (outcome) {
    case 'rested':
    case 'partially-filled-rested':
      o.inBook = true;
      return;
    case 'filled':
      retireOrder(ctx, o, 'filled');
      return;
    case 'remainder-cancelled':
      cancelOrder(ctx, o, o.type === 'limit' || o.type.endsWith('_limit') ? 'IOC_REMAINDER' : 'NO_LIQUIDITY');
      return;
    case 'fok-killed':
      cancelOrder(ctx, o, 'FOK_UNFILLABLE');
      return;
    case 'self-trade-cancelled':
      cancelOrder(ctx, o, 'SELF_TRADE');
      return;
    case 'post-only-rejected':
      // Checked at acceptance; only a sibling placed in the same command (OCO) can make it take now.
      cancelOrder(ctx, o, 'POST_ONLY');
      return;
  }
}
