import { assert } from '@tradewind/shared';

/** A decimal string as an integer and its scale: "-12.50" → { units: -1250n, scale: 2 }. */
export function scaled(text: string): { units: bigint; scale: number } {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  assert(m !== null, `not a decimal: ${text}`);
  const frac = m[3] ?? '';
  const units = BigInt(`${m[2]}${frac}`);
  return { units: m[1] === '-' ? -units : units, scale: frac.length };
}

/** Divides by 10^digits, rounding half to even (the engine's rule for trade values). */
function shiftHalfEven(units: bigint, digits: number): bigint {
  if (digits <= 0) return units * 10n ** BigInt(-digits);
  const d = 10n ** BigInt(digits);
  const neg = units < 0n;
  const a = neg ? -units : units;
  let q = a / d;
  const r2 = (a % d) * 2n;
  if (r2 > d || (r2 === d && q % 2n === 1n)) q += 1n;
  return neg ? -q : q;
}

/** A decimal amount of the currency → minor units (projected amounts are on the minor grid; finer ones round half-even). */
export function minorOf(text: string, currencyScale: number): bigint {
  const { units, scale } = scaled(text);
  return shiftHalfEven(units, scale - currencyScale);
}

/** price × quantity in minor units, half-even: the engine's trade value (domain/money notionalMinor). */
export function notionalMinorOf(price: string, quantity: string, currencyScale: number): bigint {
  const p = scaled(price);
  const q = scaled(quantity);
  return shiftHalfEven(p.units * q.units, p.scale + q.scale - currencyScale);
}
