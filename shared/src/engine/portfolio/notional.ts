import { feeMinor, notionalMinor, type Rounding } from '../../domain/money';
import type { InstrumentState } from '../core/state';
import { mulDivExact, mulExact } from './exact-number';

/**
 * Trade values for the engine: exact doubles when they fit (exact-number.ts), the bigint formula
 * of domain/money otherwise. Both give the same number for every input (property-tested).
 */
export function notionalNum(inst: InstrumentState, priceTicks: number, qtyLots: number, rounding: Rounding): number {
  // A whole number of minor units per tick × lot (stocks in cents with a 0.01 tick): nothing to round.
  if (inst.scaleDen === 1) return mulExact(mulExact(priceTicks, qtyLots), inst.scaleNum);
  return mulDivExact(mulExact(priceTicks, qtyLots), inst.scaleNum, inst.scaleDen, rounding);
}

/** `notionalMinor` of domain/money through the fast path. */
export function notional(inst: InstrumentState, priceTicks: number, qtyLots: number, rounding: Rounding): bigint {
  const n = notionalNum(inst, priceTicks, qtyLots, rounding);
  return Number.isNaN(n) ? notionalMinor(inst.scale, priceTicks, qtyLots, rounding) : BigInt(n);
}

/** `feeMinor` of domain/money from its exact double (`feeExact`; NaN: not known) or else from the bigint value. */
export function fee(feeNum: number, value: bigint, feeBps: number): bigint {
  return Number.isNaN(feeNum) ? feeMinor(value, feeBps) : BigInt(feeNum);
}
