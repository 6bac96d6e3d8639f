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
