import { mulDiv } from '../../domain/money';
import { assert } from '../../util/assert';
import type { AccountState, Position } from '../core/state';

export function newPosition(): Position {
  return {
    qtyLots: 0,
    costMinor: 0n,
    realisedMinor: 0n,
    feesMinor: 0n,
    openBuyLots: 0,
    openSellLots: 0,
    heldLots: 0,
    reduceOnlyOrders: 0,
  };
}

export function positionOf(account: AccountState, instIx: number): Position {
  let p = account.positions[instIx];
  if (p === undefined) {
    p = newPosition();
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
  assert(qtyLots > 0 && valueMinor >= 0n, 'fill must have a positive quantity and a value');
  const signedQty = side === 'buy' ? qtyLots : -qtyLots;
  const before = pos.qtyLots;
  const closing = before === 0 || before > 0 === signedQty > 0 ? 0 : Math.min(Math.abs(before), qtyLots);
  let realised = 0n;
  let openValue = valueMinor;
  if (closing > 0) {
    const closeValue =
      closing === qtyLots ? valueMinor : mulDiv(valueMinor, BigInt(closing), BigInt(qtyLots), 'half-even');
    openValue = valueMinor - closeValue;
    const released =
      closing === Math.abs(before)
        ? pos.costMinor
        : mulDiv(pos.costMinor, BigInt(closing), BigInt(Math.abs(before)), 'half-even');
    pos.costMinor -= released;
    // Long closed by a sell: value received − cost; short closed by a buy: |cost| − value paid.
    realised = before > 0 ? closeValue - released : -released - closeValue;
  }
  const opening = qtyLots - closing;
  if (opening > 0) pos.costMinor += side === 'buy' ? openValue : -openValue;
  pos.qtyLots = before + signedQty;
  assert(Number.isSafeInteger(pos.qtyLots), 'position overflow');
  if (pos.qtyLots === 0) assert(pos.costMinor === 0n, 'flat position with a cost');
  pos.realisedMinor += realised;
  return realised;
}

/** Signed value of the position at `markTicks` less its cost: the unrealised PnL. */
export function unrealisedMinor(pos: Position, markValueMinor: bigint): bigint {
  return markValueMinor - pos.costMinor;
}
