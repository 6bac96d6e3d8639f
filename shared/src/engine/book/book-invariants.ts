import { assert } from '../../util/index';
import { NIL, type OrderSlots } from './order-slots';
import type { LevelPool, PriceLadder } from './price-levels';
import type { SafeIntMap } from './safe-int-map';
import { MAX_PRICE_TICKS, MAX_QTY_LOTS } from './types';

/**
 * Every structural invariant of the book, checked from scratch (O(orders)): tests call it after
 * each step, as exchange-core validates its book. A failure is a bug, hence assertions.
 */
export function checkBookInvariants(
  slots: OrderSlots,
  levels: LevelPool,
  ladders: readonly [PriceLadder, PriceLadder],
  index: SafeIntMap | null,
): void {
  let orders = 0;
  let levelCount = 0;
  for (let s = 0; s < 2; s++) {
    const ladder = ladders[s] as PriceLadder;
    ladder.checkSorted();
    for (let rank = 0; rank < ladder.length; rank++) {
      const l = ladder.at(rank);
      assert(levels.side[l] === s, 'invariant: level on the wrong side');
      const price = levels.priceTicks[l] as number;
      assert(Number.isSafeInteger(price) && price >= 1 && price <= MAX_PRICE_TICKS, 'invariant: level price');
      assert(ladder.find(price) === l, 'invariant: ladder lookup disagrees');
      orders += checkLevel(slots, levels, index, l);
      levelCount++;
    }
  }
  assert(levelCount === levels.size, 'invariant: level pool size differs from the ladders');
  assert(orders === slots.size, 'invariant: slot count differs from the orders in levels');
  assert(index === null || orders === index.size, 'invariant: index size differs from the orders in levels');
  assert(slots.freeCount() + slots.size === slots.capacity, 'invariant: slots leaked');
  index?.forEach((orderId, slot) => {
    assert(slots.level(slot) !== NIL && slots.orderId(slot) === orderId, 'invariant: index points at a wrong slot');
  });
}

/** Checks one level's FIFO and totals; returns its order count. */
function checkLevel(slots: OrderSlots, levels: LevelPool, index: SafeIntMap | null, l: number): number {
  const count = levels.orderCount[l] as number;
  assert(count >= 1, 'invariant: an empty level is listed');
  let n = 0;
  let total = 0;
  let prev = NIL;
  for (let o = levels.head[l] as number; o !== NIL; o = slots.next(o)) {
    n++;
    assert(n <= count, 'invariant: level list longer than its count (or a cycle)');
    assert(slots.prev(o) === prev, 'invariant: broken prev link');
    assert(slots.level(o) === l, 'invariant: order points at another level');
    const qty = slots.qtyLots(o);
    assert(Number.isSafeInteger(qty) && qty >= 1 && qty <= MAX_QTY_LOTS, 'invariant: resting quantity out of range');
    assert(index === null || index.get(slots.orderId(o)) === o, 'invariant: order missing from the index');
    total += qty;
    prev = o;
  }
  assert(n === count, 'invariant: level count differs from its list');
  assert(levels.tail[l] === prev, 'invariant: level tail is not the last order');
  assert(total === levels.totalLots[l], 'invariant: level total differs from the sum of its orders');
  return n;
}
