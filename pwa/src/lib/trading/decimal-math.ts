import { DECIMAL_SCALE_MAX, formatScaled } from '@tradewind/shared/domain';

/**
 * Exact arithmetic on the wire's decimal strings, for display of PnL and portfolio value:
 * each value is parsed into `units × 10^-scale` (bigint), never a float.
 */
export type Scaled = { readonly units: bigint; readonly scale: number };

const DECIMAL = /^(-?)(\d{1,18})(?:\.(\d{1,18}))?$/;

export function parseDecimal(text: string): Scaled | undefined {
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const [, sign = '', whole = '', frac = ''] = m;
  return { units: BigInt(`${sign}${whole}${frac}`), scale: frac.length };
}

function align(a: Scaled, scale: number): bigint {
  return a.units * 10n ** BigInt(scale - a.scale);
}

export function addScaled(a: Scaled, b: Scaled): Scaled {
  const scale = Math.max(a.scale, b.scale);
  return { units: align(a, scale) + align(b, scale), scale };
}

export function subScaled(a: Scaled, b: Scaled): Scaled {
  return addScaled(a, { units: -b.units, scale: b.scale });
}

export function mulScaled(a: Scaled, b: Scaled): Scaled {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** Rounds half away from zero to `scale` digits (display only: money on the server is exact). */
export function roundScaled(a: Scaled, scale: number): Scaled {
  if (a.scale <= scale) return { units: align(a, scale), scale };
  const divisor = 10n ** BigInt(a.scale - scale);
  const negative = a.units < 0n;
  const abs = negative ? -a.units : a.units;
  const rounded = (abs + divisor / 2n) / divisor;
  return { units: negative ? -rounded : rounded, scale };
}

export function formatScaledAt(a: Scaled, scale: number): string {
  const r = roundScaled(a, Math.min(scale, DECIMAL_SCALE_MAX));
  return formatScaled(r.units, r.scale);
}

export const signOf = (a: Scaled): -1 | 0 | 1 => (a.units < 0n ? -1 : a.units > 0n ? 1 : 0);
