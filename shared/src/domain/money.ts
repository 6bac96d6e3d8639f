import { assert } from '../util/assert';
import type { Instrument } from './instrument';

/**
 * Integer money. Prices are ticks and quantities lots (safe-integer numbers); cash, fees and
 * PnL are minor units of a currency as bigint, because notional sums can pass 2^53.
 *
 * Rounding is explicit at every division: `floor`, `ceil` or `half-even` (banker's rounding,
 * unbiased over many trades). A trade's value is rounded once, half-even, and the same amount
 * is paid by the buyer and received by the seller, so rounding never creates or destroys cash.
 * Fees charged are rounded up (`ceil`), rebates paid are rounded down: rounding favours the venue.
 */
export type Rounding = 'floor' | 'ceil' | 'half-even';

/** Basis points per whole: 10,000 bps = 100%. */
export const BPS_PER_UNIT = 10_000n;

/** `a × b ÷ d` rounded as asked; `d` > 0. Exact for any size (bigint). */
export function mulDiv(a: bigint, b: bigint, d: bigint, rounding: Rounding): bigint {
  assert(d > 0n, 'mulDiv: divisor must be positive');
  const p = a * b;
  let q = p / d; // truncates toward zero
  const r = p - q * d;
  if (r === 0n) return q;
  // After truncation q is toward zero; move it per the rule. `r` carries the sign of p.
  if (rounding === 'floor') return r < 0n ? q - 1n : q;
  if (rounding === 'ceil') return r > 0n ? q + 1n : q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice > d || (twice === d && (q & 1n) !== 0n)) q += r < 0n ? -1n : 1n;
  return q;
}

/**
 * How one instrument turns ticks × lots into minor units of its quote currency:
 * `notionalMinor = priceTicks × qtyLots × num ÷ den`, with num/den reduced once.
 * BTC-USD (tick 0.01, lot 0.0001, cents): 1 tick × 1 lot = 10^-6 USD = 10^-4 cents → num 1, den 10^4.
 */
export type NotionalScale = { readonly num: bigint; readonly den: bigint };

export function notionalScaleOf(instrument: Instrument, currencyScale: number): NotionalScale {
  assert(Number.isInteger(currencyScale) && currencyScale >= 0 && currencyScale <= 18, 'bad currency scale');
  let num = instrument.tick.mantissa * instrument.lot.mantissa * 10n ** BigInt(currencyScale);
  let den = 10n ** BigInt(instrument.tick.scale + instrument.lot.scale);
  const g = gcd(num, den);
  num /= g;
  den /= g;
  return { num, den };
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** Value of `qtyLots` at `priceTicks`, in minor units of the quote currency. */
export function notionalMinor(scale: NotionalScale, priceTicks: number, qtyLots: number, rounding: Rounding): bigint {
  assert(Number.isSafeInteger(priceTicks) && Number.isSafeInteger(qtyLots), 'notional of non-integers');
  return mulDiv(BigInt(priceTicks) * BigInt(qtyLots), scale.num, scale.den, rounding);
}

/** A fee of `feeBps` on `notional` (≥ 0): a charge rounds up, a rebate (negative bps) rounds toward zero. */
export function feeMinor(notional: bigint, feeBps: number): bigint {
  assert(Number.isSafeInteger(feeBps), 'fee bps must be an integer');
  assert(notional >= 0n, 'fee on a negative notional');
  if (feeBps >= 0) return mulDiv(notional, BigInt(feeBps), BPS_PER_UNIT, 'ceil');
  return -mulDiv(notional, BigInt(-feeBps), BPS_PER_UNIT, 'floor');
}

/** `priceTicks` moved by `bps` (may be negative), rounded as asked, never below 1 tick. */
export function ticksByBps(priceTicks: number, bps: number, rounding: Rounding): number {
  const moved = mulDiv(BigInt(priceTicks), BPS_PER_UNIT + BigInt(bps), BPS_PER_UNIT, rounding);
  return moved < 1n ? 1 : Number(moved);
}

/** |a − b| ÷ ref in bps, rounded up (so a band check is never lenient by rounding). */
export function distanceBps(a: number, b: number, ref: number): number {
  assert(ref > 0, 'distance from a non-positive reference');
  const diff = a > b ? a - b : b - a;
  return Number(mulDiv(BigInt(diff), BPS_PER_UNIT, BigInt(ref), 'ceil'));
}
