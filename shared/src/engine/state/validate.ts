import { assert } from '../../util/assert';
import { NO_PRICE } from '../book/index';
import type { AccountState, EngineState, InstrumentState, OrderRecord } from '../core/state';
import { balanceOf, sumByCurrency } from '../ledger/ledger';
import { requiredHold } from '../orders/holds';
import { isUntriggered } from '../orders/lifecycle';
import { NIL } from '../orders/order-store';

/**
 * Checks every invariant of the engine state and throws `AssertionError` on the first broken
 * one. Tests call it after every step; it is O(state), not for the hot path.
 */
export function validateState(state: EngineState): void {
  for (const inst of state.instruments) validateInstrument(state, inst);
  const owned = new Array<number>(state.accounts.length).fill(0);
  for (const s of state.orders.openSlots()) {
    validateOrder(state, s);
    const ix = state.orders.accountIx(s);
    owned[ix] = (owned[ix] ?? 0) + 1;
  }
  for (const a of state.accounts) validateAccount(state, a, owned[a.ix] ?? 0);
  const all = [state.ledger.external, state.ledger.fees, state.ledger.liquidation, ...state.accounts];
  for (const [currency, sum] of sumByCurrency(all))
    assert(sum === 0n, `ledger does not balance in ${currency}: ${sum}`);
}

function validateInstrument(state: EngineState, inst: InstrumentState): void {
  inst.book.validate();
  const bid = inst.book.bestBidTicks();
  const ask = inst.book.bestAskTicks();
  assert(
    bid === NO_PRICE || ask === NO_PRICE || bid < ask,
    `${inst.instrument.symbol} book is crossed at rest: ${bid} ≥ ${ask}`,
  );
  let resting = 0;
  inst.book.forEachSlot((id, slot) => {
    const o = state.orders.slotOf(id);
    assert(o !== NIL && state.orders.bookSlot(o) === slot, `order ${id}: the engine keeps another book slot`);
  });
  inst.book.forEachResting((id, owner, side, price, qty) => {
    resting++;
    assert(qty > 0, `resting quantity ${qty} ≤ 0`);
    const st = state.orders;
    const o = st.slotOf(id);
    assert(o !== NIL && st.inBook(o), `book holds order ${id} the engine does not know as resting`);
    assert(
      st.accountIx(o) === owner && st.side(o) === side && st.workingTicks(o) === price,
      `book and engine disagree on order ${id}`,
    );
    assert(st.remainingLots(o) === qty, `order ${id}: book has ${qty}, engine ${st.remainingLots(o)}`);
  });
  assert(resting === inst.book.size, 'book size disagrees with its orders');
}

function validateOrder(state: EngineState, s: number): void {
  const o = state.orders.view(s);
  assert(state.orders.slotOf(o.orderId) === s, `order ${o.orderId} is not indexed at its slot`);
  assert(
    o.qtyLots > 0 && o.filledLots >= 0 && o.filledLots < o.qtyLots,
    `order ${o.orderId}: filled ${o.filledLots} of ${o.qtyLots}`,
  );
  assert(
    o.status === 'accepted' || o.status === 'partially_filled' || o.status === 'triggered',
    `open order ${o.orderId} is ${o.status}`,
  );
  const account = state.accounts[o.accountIx] as AccountState;
  assert(o.orderId <= state.lastRegisteredId, `open order ${o.orderId} above the last registered id`);
  const inst = state.instruments[o.instIx] as InstrumentState;
  assert(
    o.inBook === inst.book.holdsAt(state.orders.bookSlot(s), o.orderId),
    `order ${o.orderId} inBook flag is wrong`,
  );
  const waiting = isUntriggered(state.orders, s);
  assert(o.inBook !== waiting, `order ${o.orderId} is neither resting nor waiting for a trigger (or both)`);
  const h = requiredHold(account, inst, state.orders, s, o.qtyLots - o.filledLots, o.workingTicks);
  assert(h.minor === o.holdMinor && h.lots === o.holdLots, `order ${o.orderId} reservation is stale`);
  if (o.ocoId !== 0) {
    const sib = state.orders.get(o.ocoId);
    assert(sib === undefined || sib.ocoId === o.orderId, `OCO link of ${o.orderId} is one-sided`);
  }
}

function validateAccount(state: EngineState, a: AccountState, owned: number): void {
  const holds = new Map<string, bigint>();
  const lots = new Map<number, { held: number; buy: number; sell: number; ro: number }>();
  const slots = a.openOrders.toArray(state.orders);
  const open = slots.map((s) => state.orders.view(s));
  assert(owned === open.length, `${a.id}: ${open.length} open orders listed, ${owned} owned`);
  for (let i = 0; i < open.length; i++) {
    const o = open[i] as OrderRecord;
    assert(i === 0 || (open[i - 1] as OrderRecord).orderId < o.orderId, `${a.id} open orders out of order`);
    assert(
      state.orders.slotOf(o.orderId) === slots[i] && o.accountIx === a.ix,
      `account ${a.id} lists order ${o.orderId} it does not own`,
    );
    const q = (state.instruments[o.instIx] as InstrumentState).quote;
    holds.set(q, (holds.get(q) ?? 0n) + o.holdMinor);
    const l = lots.get(o.instIx) ?? { held: 0, buy: 0, sell: 0, ro: 0 };
    const rem = o.reduceOnly ? 0 : o.qtyLots - o.filledLots;
    lots.set(o.instIx, {
      held: l.held + o.holdLots,
      buy: l.buy + (o.side === 'buy' ? rem : 0),
      sell: l.sell + (o.side === 'sell' ? rem : 0),
      ro: l.ro + (o.reduceOnly ? 1 : 0),
    });
  }
  for (const [cur, v] of holds)
    assert((a.holds.get(cur) ?? 0n) === v, `${a.id} holds in ${cur}: ${a.holds.get(cur)} ≠ ${v}`);
  for (const [cur, v] of a.holds) assert((holds.get(cur) ?? 0n) === v && v > 0n, `${a.id} stale hold in ${cur}`);
  a.positions.forEach((p, instIx) => {
    if (p === undefined) return;
    const inst = state.instruments[instIx] as InstrumentState;
    const l = lots.get(instIx) ?? { held: 0, buy: 0, sell: 0, ro: 0 };
    assert(
      p.heldLots === l.held && p.openBuyLots === l.buy && p.openSellLots === l.sell && p.reduceOnlyOrders === l.ro,
      `${a.id} ${inst.instrument.symbol}: position order counters are stale`,
    );
    assert(
      BigInt(p.qtyLots) === balanceOf(a, inst.assetKey),
      `${a.id} position ${p.qtyLots} ≠ ledger ${balanceOf(a, inst.assetKey)}`,
    );
    assert(p.qtyLots !== 0 || p.costMinor === 0n, `${a.id} flat position with a cost`);
    if (a.kind === 'cash') assert(p.qtyLots >= p.heldLots && p.qtyLots >= 0, `${a.id} sells lots it does not hold`);
  });
  if (a.kind === 'cash') {
    for (const [cur, bal] of a.balances) {
      if (cur.startsWith('@')) continue;
      assert(
        bal - (a.holds.get(cur) ?? 0n) >= 0n,
        `${a.id} available ${cur} below zero: ${bal} − ${a.holds.get(cur) ?? 0n}`,
      );
    }
  }
}
