import { formatScaledAt, mulScaled, parseDecimal, type Scaled, subScaled } from './decimal-math';

/** Quote currencies here are USD-like: PnL is shown in cents. */
export const PNL_DISPLAY_SCALE = 2;

/**
 * Unrealised PnL of a position at a price: (price − average entry) × signed quantity, exact.
 * A short position (negative quantity) gains when the price falls. Undefined when any input
 * is not a decimal (no price yet, for example).
 */
export function unrealisedPnl(qtySigned: string, avgPrice: string, price: string | null): Scaled | undefined {
  if (price === null) return undefined;
  const qty = parseDecimal(qtySigned);
  const avg = parseDecimal(avgPrice);
  const last = parseDecimal(price);
  if (!qty || !avg || !last) return undefined;
  return mulScaled(subScaled(last, avg), qty);
}

/** The market value of a position at a price: signed quantity × price. */
export function marketValue(qtySigned: string, price: string | null): Scaled | undefined {
  if (price === null) return undefined;
  const qty = parseDecimal(qtySigned);
  const last = parseDecimal(price);
  return qty && last ? mulScaled(qty, last) : undefined;
}

/** "+12.34" / "−5.00" / "0.00" for display, with a true minus sign. */
export function formatPnl(pnl: Scaled | undefined): string {
  if (!pnl) return '\u2014';
  const text = formatScaledAt(pnl, PNL_DISPLAY_SCALE);
  if (/^-?0(\.0+)?$/.test(text)) return text.replace('-', '');
  return text.startsWith('-') ? `\u2212${text.slice(1)}` : `+${text}`;
}

/**
 * Unrealised PnL from a position's signed quantity and signed cost (core's PositionView):
 * what the open quantity is worth at `price` minus what it cost. Exact.
 */
export function unrealisedFromCost(qtySigned: string, cost: string, price: string | null): Scaled | undefined {
  const value = marketValue(qtySigned, price);
  const paid = parseDecimal(cost);
  return value && paid ? subScaled(value, paid) : undefined;
}

/** cost ÷ quantity, shown with `scale` digits; undefined for a flat position. */
export function averageEntry(qtySigned: string, cost: string, scale: number): string | undefined {
  const q = parseDecimal(qtySigned);
  const c = parseDecimal(cost);
  if (!q || !c || q.units === 0n) return undefined;
  // c/q = (c.units / 10^c.scale) / (q.units / 10^q.scale); computed at `scale` digits, half away from zero.
  const num = c.units * 10n ** BigInt(q.scale + scale);
  const den = q.units * 10n ** BigInt(c.scale);
  const neg = num < 0n !== den < 0n;
  const an = num < 0n ? -num : num;
  const ad = den < 0n ? -den : den;
  const units = (an * 2n + ad) / (ad * 2n);
  return formatScaledAt({ units: neg ? -units : units, scale }, scale);
}
