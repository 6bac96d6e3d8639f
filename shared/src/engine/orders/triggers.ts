import { mulDiv } from '../../domain/money';
import { assert } from '../../util/assert';

/**
 * The untriggered conditional orders of one instrument.
 *
 * `up` holds orders that fire when the price rises to their trigger (buy stops, sell
 * take-profits), ascending; `down` those that fire when it falls to it (sell stops, buy
 * take-profits), descending. Both are kept as parallel arrays sorted by (trigger, orderId),
 * so firing pops from the front and the firing order is deterministic. Trailing stops move
 * their trigger on every price, so they live in their own list and are checked one by one.
 */
export type TriggerBook = {
  upIds: number[];
  upTicks: number[];
  downIds: number[];
  downTicks: number[];
  trailing: number[];
};

export function newTriggerBook(): TriggerBook {
  return { upIds: [], upTicks: [], downIds: [], downTicks: [], trailing: [] };
}

export type Direction = 'up' | 'down';

/** Index where (ticks, id) belongs: ascending for up, descending ticks for down; ids ascending. */
function insertionIndex(ids: number[], ticks: number[], t: number, id: number, dir: Direction): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const mt = ticks[mid] as number;
    const before =
      dir === 'up'
        ? mt < t || (mt === t && (ids[mid] as number) < id)
        : mt > t || (mt === t && (ids[mid] as number) < id);
    if (before) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function addTrigger(tb: TriggerBook, dir: Direction, triggerTicks: number, orderId: number): void {
  const ids = dir === 'up' ? tb.upIds : tb.downIds;
  const ticks = dir === 'up' ? tb.upTicks : tb.downTicks;
  const at = insertionIndex(ids, ticks, triggerTicks, orderId, dir);
  ids.splice(at, 0, orderId);
  ticks.splice(at, 0, triggerTicks);
}

/** Removes an order; returns false when it was not there. */
export function removeTrigger(tb: TriggerBook, dir: Direction, triggerTicks: number, orderId: number): boolean {
  const ids = dir === 'up' ? tb.upIds : tb.downIds;
  const ticks = dir === 'up' ? tb.upTicks : tb.downTicks;
  const at = insertionIndex(ids, ticks, triggerTicks, orderId, dir);
  if (ids[at] !== orderId) return false;
  ids.splice(at, 1);
  ticks.splice(at, 1);
  return true;
}

export function addTrailing(tb: TriggerBook, orderId: number): void {
  tb.trailing.push(orderId);
}

export function removeTrailing(tb: TriggerBook, orderId: number): boolean {
  const at = tb.trailing.indexOf(orderId);
  if (at < 0) return false;
  tb.trailing.splice(at, 1);
  return true;
}

/** Appends the ids due at prices within [lowTicks, highTicks] to `out`, in firing order; removes nothing. */
export function collectDue(tb: TriggerBook, lowTicks: number, highTicks: number, out: number[]): void {
  for (let n = 0; n < tb.upIds.length && (tb.upTicks[n] as number) <= highTicks; n++) out.push(tb.upIds[n] as number);
  for (let n = 0; n < tb.downIds.length && (tb.downTicks[n] as number) >= lowTicks; n++)
    out.push(tb.downIds[n] as number);
}

/**
 * The trigger of a trailing stop whose best price so far is `refTicks`: a sell trails below
 * the high, a buy above the low. Percent trails round away from the reference (never tighter).
 */
export function trailingTrigger(side: 'buy' | 'sell', refTicks: number, trailTicks: number, trailBps: number): number {
  assert(trailTicks > 0 || trailBps > 0, 'trailing stop without a trail');
  if (side === 'sell') {
    const t =
      trailTicks > 0
        ? refTicks - trailTicks
        : Number(mulDiv(BigInt(refTicks), BigInt(10_000 - trailBps), 10_000n, 'floor'));
    return Math.max(t, 1);
  }
  return trailTicks > 0
    ? refTicks + trailTicks
    : Number(mulDiv(BigInt(refTicks), BigInt(10_000 + trailBps), 10_000n, 'ceil'));
}
