import { mulDiv } from '../../domain/money';
import { assert } from '../../util/assert';
import type { AccountState } from '../core/state';
import { addExact, mulDivExact, toExact } from './exact-number';

/**
 * One account's position in one instrument. The money fields (cost, realised PnL, fees) are kept
 * as exact doubles while they are safe integers, so booking a fill allocates nothing
 * (exact-number.ts); beyond 2^53 − 1 a field's double is NaN and its bigint twin holds the amount.
 * Readers outside the hot path use the bigint accessors (`costMinor`, …), which give the same
 * amounts either way.
 */
export class Position {
  /** Signed lots; equals the ledger balance of the instrument's asset key. */
  qtyLots = 0;
  /** Signed cost of the open quantity in minor units (buys add value, sells subtract); NaN: see costBig. */
  costNum = 0;
  costBig = 0n;
  /** Realised PnL (before fees), minor units; NaN: see realisedBig. */
  realisedNum = 0;
  realisedBig = 0n;
  /** Fees paid (rebates negative), minor units; NaN: see feesBig. */
  feesNum = 0;
  feesBig = 0n;
  /** Lots of open orders per side that could add to the position (not reduce-only). */
  openBuyLots = 0;
  openSellLots = 0;
  /** Lots reserved by open sell orders of a cash account. */
  heldLots = 0;
  /** Open reduce-only orders on this instrument (to skip the re-check when there are none). */
  reduceOnlyOrders = 0;

  get costMinor(): bigint {
    return Number.isNaN(this.costNum) ? this.costBig : BigInt(this.costNum);
  }
  set costMinor(v: bigint) {
    this.costNum = toExact(v);
    this.costBig = Number.isNaN(this.costNum) ? v : 0n;
  }
  get realisedMinor(): bigint {
    return Number.isNaN(this.realisedNum) ? this.realisedBig : BigInt(this.realisedNum);
  }
  set realisedMinor(v: bigint) {
    this.realisedNum = toExact(v);
    this.realisedBig = Number.isNaN(this.realisedNum) ? v : 0n;
  }
  get feesMinor(): bigint {
    return Number.isNaN(this.feesNum) ? this.feesBig : BigInt(this.feesNum);
  }
  set feesMinor(v: bigint) {
    this.feesNum = toExact(v);
    this.feesBig = Number.isNaN(this.feesNum) ? v : 0n;
  }
}

export function newPosition(): Position {
  return new Position();
}

export function positionOf(account: AccountState, instIx: number): Position {
  let p = account.positions[instIx];
  if (p === undefined) {
    p = new Position();
    account.positions[instIx] = p;
  }
  return p;
}

/**
 * Books a fill into a position with average-cost accounting and returns the realised PnL.
 * `cost` is signed (a long's cost is positive, a short's negative); the part of the fill that
 * closes the position releases cost pro rata (half-even), the part that opens adds its value.
 * Realised PnL = what the closing part was worth − the cost it releases (for shorts, mirrored).
 */
export function bookFill(pos: Position, side: 'buy' | 'sell', qtyLots: number, valueMinor: bigint): bigint {
  const fast = bookFillNum(pos, side, qtyLots, toExact(valueMinor));
  return Number.isNaN(fast) ? bookFillBig(pos, side, qtyLots, valueMinor) : BigInt(fast);
}

/**
 * `bookFill` in exact doubles: the realised PnL, or NaN when an amount does not fit a safe
 * integer (or `valueMinor` is NaN), in which case the position is left as it was and the caller
 * books the fill with `bookFill`. Same rules, same results (property-tested against the bigint path).
 */
export function bookFillNum(pos: Position, side: 'buy' | 'sell', qtyLots: number, valueMinor: number): number {
  if (!(qtyLots > 0 && !(valueMinor < 0))) assert(false, 'fill must have a positive quantity and a value');
  const before = pos.qtyLots;
  const closing = before === 0 || before > 0 === (side === 'buy') ? 0 : Math.min(Math.abs(before), qtyLots);
  let cost = pos.costNum;
  let realised = 0;
  let openValue = valueMinor;
  if (closing > 0) {
    const absBefore = Math.abs(before);
    const closeValue = closing === qtyLots ? valueMinor : mulDivExact(valueMinor, closing, qtyLots, 'half-even');
    openValue = addExact(valueMinor, 0 - closeValue);
    const released = closing === absBefore ? cost : mulDivExact(cost, closing, absBefore, 'half-even');
    cost = addExact(cost, 0 - released);
    // Long closed by a sell: value received − cost; short closed by a buy: |cost| − value paid.
    realised = before > 0 ? addExact(closeValue, 0 - released) : addExact(0 - released, 0 - closeValue);
  }
  if (qtyLots - closing > 0) cost = addExact(cost, side === 'buy' ? openValue : 0 - openValue);
  const realisedTotal = addExact(pos.realisedNum, realised);
  // NaN anywhere above (including a NaN input) propagates to one of these.
  if (Number.isNaN(cost) || Number.isNaN(realisedTotal)) return Number.NaN;
  pos.qtyLots = before + (side === 'buy' ? qtyLots : -qtyLots);
  if (!Number.isSafeInteger(pos.qtyLots)) assert(false, 'position overflow');
  if (pos.qtyLots === 0 && cost !== 0) assert(false, 'flat position with a cost');
  pos.costNum = cost;
  pos.realisedNum = realisedTotal;
  return realised;
}

/** `bookFill` in bigints (amounts beyond 2^53; exported as the reference for the property test). */
export function bookFillBig(pos: Position, side: 'buy' | 'sell', qtyLots: number, valueMinor: bigint): bigint {
  assert(qtyLots > 0 && valueMinor >= 0n, 'fill must have a positive quantity and a value');
  const signedQty = side === 'buy' ? qtyLots : -qtyLots;
  const before = pos.qtyLots;
  const closing = before === 0 || before > 0 === signedQty > 0 ? 0 : Math.min(Math.abs(before), qtyLots);
  let cost = pos.costMinor;
  let realised = 0n;
  let openValue = valueMinor;
  if (closing > 0) {
    const closeValue =
      closing === qtyLots ? valueMinor : mulDiv(valueMinor, BigInt(closing), BigInt(qtyLots), 'half-even');
    openValue = valueMinor - closeValue;
    const released =
      closing === Math.abs(before) ? cost : mulDiv(cost, BigInt(closing), BigInt(Math.abs(before)), 'half-even');
    cost -= released;
    realised = before > 0 ? closeValue - released : -released - closeValue;
  }
  const opening = qtyLots - closing;
  if (opening > 0) cost += side === 'buy' ? openValue : -openValue;
  pos.qtyLots = before + signedQty;
  assert(Number.isSafeInteger(pos.qtyLots), 'position overflow');
  if (pos.qtyLots === 0) assert(cost === 0n, 'flat position with a cost');
  pos.costMinor = cost;
  pos.realisedMinor = pos.realisedMinor + realised;
  return realised;
}

/** Adds `fee` (an exact double, NaN: unknown as a double) or else `feeBig` to the position's fees. */
export function addFees(pos: Position, fee: number, feeBig: bigint): void {
  const sum = addExact(pos.feesNum, fee);
  if (Number.isNaN(sum)) pos.feesMinor = pos.feesMinor + (Number.isNaN(fee) ? feeBig : BigInt(fee));
  else pos.feesNum = sum;
}

/** Signed value of the position at `markTicks` less its cost: the unrealised PnL. */
export function unrealisedMinor(pos: Position, markValueMinor: bigint): bigint {
  return markValueMinor - pos.costMinor;
}
