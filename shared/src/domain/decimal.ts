import { assert } from '../util/assert';
import { err, ok, type Result } from '../util/result';

/**
 * Fixed-point conversion between decimal strings (the wire, JSON, Postgres `numeric`) and
 * integers of a step (a tick or a lot). Never floats: a step is parsed once into
 * `mantissa × 10^-scale` and all arithmetic is on bigint.
 *
 * Rounding rule: there is none. A value off the step grid is rejected, not rounded.
 */
export type Step = { readonly text: string; readonly mantissa: bigint; readonly scale: number };

/** Digits allowed after the point in any decimal we accept; bounds the bigint work. */
export const DECIMAL_SCALE_MAX = 18;
/** Digits allowed before the point; a larger number is a typo or an attack, not a price. */
export const DECIMAL_INTEGER_DIGITS_MAX = 18;

const DECIMAL_PATTERN = /^(-?)(\d+)(?:\.(\d+))?$/;

export type DecimalError = 'DECIMAL_MALFORMED' | 'DECIMAL_TOO_LARGE' | 'DECIMAL_OFF_GRID';

/** Parses `"0.01"` into a step; throws on a bad literal because steps come from our own config. */
export function parseStep(text: string): Step {
  const parsed = parseScaled(text);
  assert(parsed.ok, `bad step literal ${text}`);
  assert(parsed.value.units > 0n, `step must be positive: ${text}`);
  return { text, mantissa: parsed.value.units, scale: parsed.value.scale };
}

/** `"12.345"` → { units: 12345n, scale: 3 } */
function parseScaled(text: string): Result<{ units: bigint; scale: number }, DecimalError> {
  const m = DECIMAL_PATTERN.exec(text);
  if (!m) return err('DECIMAL_MALFORMED', `not a decimal number: ${JSON.stringify(text.slice(0, 40))}`);
  const [, sign = '', whole = '', frac = ''] = m;
  const wholeDigits = whole.replace(/^0+(?=\d)/, '');
  if (wholeDigits.length > DECIMAL_INTEGER_DIGITS_MAX || frac.length > DECIMAL_SCALE_MAX) {
    return err('DECIMAL_TOO_LARGE', `decimal has too many digits: ${text.slice(0, 40)}`);
  }
  const units = BigInt(sign + wholeDigits + frac);
  return ok({ units, scale: frac.length });
}

/** Digits a double holds exactly (2^53 ≈ 9.007e15): integers below 10^15 add, multiply, divide exactly. */
const EXACT_DIGITS_MAX = 15;
const EXACT_LIMIT = 10 ** EXACT_DIGITS_MAX;
const POW10: readonly number[] = Array.from({ length: EXACT_DIGITS_MAX + 1 }, (_, i) => 10 ** i);
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const POINT = 46;

/**
 * decimalToSteps on doubles for what the wire carries (an unsigned decimal on the step's grid,
 * 15 digits at most once brought to the step's scale): every value stays below 10^15, where
 * double arithmetic is exact, so the answer is the bigint path's. Anything else (a sign,
 * malformed, too many digits, off the grid) returns undefined and takes the bigint path, which
 * also words the error. Tested against a bigint reference (decimal.test.ts).
 */
function smallDecimalToSteps(text: string, step: Step): number | undefined {
  let units = 0;
  /** Digits of `units` (from the first non-zero digit on): below 10^15 while at most 15. */
  let significant = 0;
  /** Digits after the point; -1 before a point. */
  let scale = -1;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === POINT) {
      if (scale >= 0 || i === 0) return undefined; // a second point, or ".5"
      scale = 0;
    } else if (c >= DIGIT_0 && c <= DIGIT_9) {
      units = units * 10 + (c - DIGIT_0);
      if (units > 0) significant += 1;
      if (scale >= 0) scale += 1;
      if (significant > EXACT_DIGITS_MAX) return undefined;
    } else return undefined; // a sign, a space, an exponent…
  }
  if (text.length === 0 || scale === 0 || scale > DECIMAL_SCALE_MAX) return undefined; // "", "1."
  const fraction = Math.max(scale, 0);
  const common = Math.max(fraction, step.scale);
  if (significant + common - fraction > EXACT_DIGITS_MAX || common - step.scale > EXACT_DIGITS_MAX) return undefined;
  const valueUnits = units * (POW10[common - fraction] as number);
  const stepUnits = Number(step.mantissa) * (POW10[common - step.scale] as number);
  if (valueUnits >= EXACT_LIMIT || stepUnits >= EXACT_LIMIT || valueUnits % stepUnits !== 0) return undefined;
  return valueUnits / stepUnits;
}

/** `"101.25"` with step `"0.05"` → 2025n steps; off-grid or malformed input is an error. */
export function decimalToSteps(text: string, step: Step): Result<bigint, DecimalError> {
  const small = smallDecimalToSteps(text, step);
  if (small !== undefined) return ok(BigInt(small));
  const parsed = parseScaled(text);
  if (!parsed.ok) return parsed;
  const { units, scale } = parsed.value;
  // Bring both to a common scale, then the value must be a whole multiple of the step.
  const common = Math.max(scale, step.scale);
  const valueUnits = units * 10n ** BigInt(common - scale);
  const stepUnits = step.mantissa * 10n ** BigInt(common - step.scale);
  if (valueUnits % stepUnits !== 0n) {
    return err('DECIMAL_OFF_GRID', `${text} is not a multiple of ${step.text}`);
  }
  return ok(valueUnits / stepUnits);
}

/** 2025n steps of `"0.05"` → `"101.25"`; the inverse of `decimalToSteps`, with the step's scale. */
export function stepsToDecimal(steps: bigint | number, step: Step): string {
  if (typeof steps === 'number') {
    // Ticks and lots are numbers in the engine: when the product is a safe integer it is exact
    // as a double, and String() of it has the digits bigint's toString() has.
    const units = steps * Number(step.mantissa);
    if (Number.isSafeInteger(steps) && Number.isSafeInteger(units)) return formatScaled(units, step.scale);
  }
  const n = typeof steps === 'bigint' ? steps : BigInt(steps);
  return formatScaled(n * step.mantissa, step.scale);
}

/** `formatScaled(-12345n, 3)` → `"-12.345"`; `units` a bigint, or a safe integer. */
export function formatScaled(units: bigint | number, scale: number): string {
  // The message only on failure (a template would be built on every call).
  if (!(Number.isInteger(scale) && scale >= 0 && scale <= DECIMAL_SCALE_MAX)) assert(false, `bad scale ${scale}`);
  const negative = units < 0;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const frac = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${frac}`;
}

/** Minor units of a currency (cents for USD: scale 2) to a decimal string. */
export function minorToDecimal(minor: bigint, currencyScale: number): string {
  return formatScaled(minor, currencyScale);
}
