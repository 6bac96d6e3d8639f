import { decimalToSteps, type Step } from '@tradewind/shared';

/**
 * Conversions of external numbers to our integer grid. Prices must land exactly on the
 * tick grid (an off-grid price is bad data, never rounded); volumes from exchanges are
 * finer than our lots, so they are truncated to whole lots (volume is informational).
 */
const PLAIN_NUMBER = /^\d+(\.\d+)?$/;

/** A JSON number as a plain decimal string, or null (negative, exponent, NaN). */
export function plainDecimal(n: number): string | null {
  if (!Number.isFinite(n) || n < 0) return null;
  const text = String(n);
  return PLAIN_NUMBER.test(text) ? text : null;
}

/** Exact ticks of a price, or null when it is off the grid or not a positive safe integer of ticks. */
export function priceToTicks(text: string, tick: Step): number | null {
  const r = decimalToSteps(text, tick);
  if (!r.ok || r.value <= 0n || r.value > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(r.value);
}

/** Whole lots of a volume, truncated toward zero; null when malformed. */
export function volumeToLots(text: string, lot: Step): number | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return null;
  const [, whole = '', frac = ''] = m;
  const scale = Math.max(frac.length, lot.scale);
  const units = BigInt(whole + frac.padEnd(scale, '0'));
  const stepUnits = lot.mantissa * 10n ** BigInt(scale - lot.scale);
  const lots = units / stepUnits;
  return lots > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(lots);
}
