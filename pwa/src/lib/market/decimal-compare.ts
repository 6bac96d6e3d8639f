import { DECIMAL_SCALE_MAX, decimalToSteps, parseStep } from '@tradewind/shared/domain';

/**
 * Exact comparisons of the core's decimal price strings. Every decimal the protocol
 * allows has at most DECIMAL_SCALE_MAX fraction digits, so it is a whole number of the
 * finest step: compare those bigints, never floats.
 */
const FINEST_STEP = parseStep(`0.${'0'.repeat(DECIMAL_SCALE_MAX - 1)}1`);

function units(text: string): bigint | undefined {
  const r = decimalToSteps(text, FINEST_STEP);
  return r.ok ? r.value : undefined;
}

/** -1, 0 or 1; undefined when either is not a decimal. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 | undefined {
  const x = units(a);
  const y = units(b);
  if (x === undefined || y === undefined) return undefined;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * (last - ref) / ref, for display only (a ratio, not money, so a float is fine here).
 * The difference is exact; only the final division is floating point.
 */
export function changeRatio(last: string, ref: string): number | undefined {
  const x = units(last);
  const y = units(ref);
  if (x === undefined || y === undefined || y === 0n) return undefined;
  return Number(x - y) / Number(y);
}

export const isDecimalText = (v: unknown): v is string =>
  typeof v === 'string' && v.length <= 40 && units(v) !== undefined;
