import { feeMinor, notionalMinor, type Rounding } from '../../domain/money';
import type { InstrumentState } from '../core/state';
import { feeExact, mulDivExact, mulExact } from './exact-number';

/**
 * Trade values for the engine: exact doubles when they fit (exact-number.ts), the bigint formula
 * of domain/money otherwise. Both give the same number for every input (property-tested).
 */
export function notionalNum(inst: InstrumentState, priceTicks: number, qtyLots: number, rounding: Rounding): number {
  return mulDivExact(mulExact(priceTicks, qtyLots), inst.scaleNum, inst.scaleDen, rounding);
}

/** `notionalMinor` of domain/money through the fast path. */
export function notional(inst: InstrumentState, priceTicks: number, qtyLots: number, rounding: Rounding): bigint {
  const n = notionalNum(inst, priceTicks, qtyLots, rounding);
  return Number.isNaN(n) ? notionalMinor(inst.scale, priceTicks, qtyLots, rounding) : BigInt(n);
}

/** `feeMinor` of domain/money for a value known as a double (NaN: not known) and as a bigint. */
export function fee(valueNum: number, value: bigint, feeBps: number): bigint {
  const f = Number.isNaN(valueNum) ? Number.NaN : feeExact(valueNum, feeBps);
  return Number.isNaN(f) ? feeMinor(value, feeBps) : BigInt(f);
}
