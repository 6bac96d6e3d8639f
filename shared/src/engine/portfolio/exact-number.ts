import type { Rounding } from '../../domain/money';

/**
 * Money arithmetic in doubles where it is exact, so that the hot path does not pay for bigint
 * operations (each allocates and most are runtime calls). The rule that makes it exact: for
 * integers a and b, a ± b and a × b computed in doubles equal the true result whenever the true
 * result's magnitude is at most 2^53 − 1 (it is then representable, and IEEE arithmetic returns
 * the representable true result); when the true result is 2^53 or more, the rounded double is
 * too, because rounding is monotonic and 2^53 is representable. So checking that every result is
 * a safe integer either proves it exact or detects the overflow. Every function here returns NaN
 * when a result would not be a safe integer; callers then take the bigint path (`domain/money`),
 * which gives the same answer for every input.
 */
const MAX = Number.MAX_SAFE_INTEGER;

/** a × b, or NaN beyond ±(2^53 − 1). Inputs are safe integers. */
export function mulExact(a: number, b: number): number {
  const p = a * b;
  return p <= MAX && p >= -MAX ? p : Number.NaN;
}

/** a + b, or NaN beyond ±(2^53 − 1). Inputs are safe integers (or NaN, which propagates). */
export function addExact(a: number, b: number): number {
  const s = a + b;
  return s <= MAX && s >= -MAX ? s : Number.NaN;
}

/**
 * a × b ÷ d rounded as asked (d > 0), the same as `mulDiv` of domain/money, or NaN when a × b or
 * the quotient's check product is not a safe integer. The double quotient may be off by one
 * near an integer; the remainder r = p − q × d (exact: |q × d| ≤ |p| + d, checked) corrects it.
 */
export function mulDivExact(a: number, b: number, d: number, rounding: Rounding): number {
  const p = a * b;
  if (!(p <= MAX - d && p >= d - MAX)) return Number.NaN;
  let q = Math.trunc(p / d);
  let r = p - q * d;
  // Make q the truncated quotient and r the remainder with the sign of p, |r| < d.
  if (p >= 0) {
    if (r < 0) {
      q--;
      r += d;
    } else if (r >= d) {
      q++;
      r -= d;
    }
  } else if (r > 0) {
    q++;
    r -= d;
  } else if (r <= -d) {
    q--;
    r += d;
  }
  if (r === 0) return q;
  if (rounding === 'floor') return r < 0 ? q - 1 : q;
  if (rounding === 'ceil') return r > 0 ? q + 1 : q;
  const twice = (r < 0 ? -r : r) * 2;
  if (twice > d || (twice === d && q % 2 !== 0)) q += r < 0 ? -1 : 1;
  return q;
}

/** A bigint as a double when it is a safe integer, else NaN. */
export function toExact(v: bigint): number {
  return v <= 9007199254740991n && v >= -9007199254740991n ? Number(v) : Number.NaN;
}

/** Basis points per whole, as a double. */
const BPS = 10_000;

/** A fee of `feeBps` on `notional` (≥ 0), as `feeMinor` of domain/money: charges round up, rebates toward zero. */
export function feeExact(notional: number, feeBps: number): number {
  if (feeBps >= 0) return mulDivExact(notional, feeBps, BPS, 'ceil');
  return 0 - mulDivExact(notional, -feeBps, BPS, 'floor');
}

/**
 * An exact amount in minor units: a double when it is a safe integer (the hot path), else a
 * bigint. Comparisons (`<`, `>`) between the two kinds are exact in JS; use `bigOf` to mix them in
 * arithmetic.
 */
export type Minor = number | bigint;

/** A bigint as a `Minor`: a double when it is a safe integer. */
export function minorOf(v: bigint): Minor {
  return v <= 9007199254740991n && v >= -9007199254740991n ? Number(v) : v;
}

export function bigOf(v: Minor): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

/** a + b, exact: doubles while the sum is a safe integer. */
export function addMinor(a: Minor, b: Minor): Minor {
  if (typeof a === 'number' && typeof b === 'number') {
    const s = a + b;
    if (s <= MAX && s >= -MAX) return s;
  }
  return minorOf(bigOf(a) + bigOf(b));
}
