import { assert } from '../../util/assert';
import { cancelOcoSibling } from '../orders/contingent';
import { execute } from '../orders/execute';
import { popDue } from '../orders/expiry-heap';
import { onPriceMove } from '../orders/fire';
import { expireOrder } from '../orders/lifecycle';
import { NIL } from '../orders/order-store';
import { checkMargin } from '../portfolio/margin';
import { evaluateProtections, liftProtections } from '../risk/protections';
import type { Ctx } from './context';
import type { AccountState, InstrumentState } from './state';

/** Rounds of queued work one command may cause; past it the engine has a bug (a loop). */
const DRAIN_STEPS_MAX = 1_000_000;

/**
 * Runs the work a command queued until none is left: orders waiting for the book, price moves
 * that may fire triggers (which queue orders), margin checks (which may liquidate, which moves
 * prices), then the protections of accounts that closed trades.
 */
export function drain(ctx: Ctx): void {
  // Most commands (a resting order, a cancel) queue nothing.
  if (
    ctx.toExecute.length === 0 &&
    ctx.priceMoves.length === 0 &&
    ctx.marginDirty.length === 0 &&
    ctx.closedDirty.length === 0
  )
    return;
  let steps = 0;
  let exec = 0;
  let moves = 0;
  let margins = 0;
  for (;;) {
    assert(++steps < DRAIN_STEPS_MAX, 'drain did not settle');
    if (exec < ctx.toExecute.length) {
      const st = ctx.state.orders;
      const o = st.slotOf(ctx.toExecute.at(exec++));
      if (o !== NIL && !st.inBook(o) && st.filledLots(o) < st.qtyLots(o)) execute(ctx, o);
    } else if (moves < ctx.priceMoves.length) {
      const inst = ctx.state.instruments[ctx.priceMoves.at(moves)] as InstrumentState;
      onPriceMove(ctx, inst, ctx.priceMoves.at(moves + 1), ctx.priceMoves.at(moves + 2));
      moves += 3;
    } else if (margins < ctx.marginDirty.length) {
      checkMargin(ctx, ctx.state.accounts[ctx.marginDirty.at(margins++)] as AccountState);
    } else {
      break;
    }
  }
  ctx.toExecute.clear();
  ctx.priceMoves.clear();
  ctx.marginDirty.clear();
  const closed = ctx.closedDirty;
  for (let i = 0; i < closed.length; i++) evaluateProtections(ctx, ctx.state.accounts[closed.at(i)] as AccountState);
  closed.clear();
}

/** Moves the engine clock to the command's time: expiries first, then protections end. */
export function advanceTime(ctx: Ctx, timeMs: number): void {
  const { state } = ctx;
  state.nowMs = timeMs;
  for (let id = popDue(state.expiries, timeMs); id >= 0; id = popDue(state.expiries, timeMs)) {
    const o = state.orders.slotOf(id);
    if (o === NIL || state.orders.expireAtMs(o) > timeMs) continue; // left earlier (lazy deletion)
    expireOrder(ctx, o);
    cancelOcoSibling(ctx, o);
  }
  liftProtections(ctx);
}
