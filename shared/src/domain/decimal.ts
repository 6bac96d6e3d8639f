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

/** `"101.25"` with step `"0.05"` → 2025n steps; off-grid or malformed input is an error. */
export function decimalToSteps(text: string, step: Step): Result<bigint, DecimalError> {
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
  const n = typeof steps === 'bigint' ? steps : BigInt(steps);
  return formatScaled(n * step.mantissa, step.scale);
}

/** `formatScaled(-12345n, 3)` → `"-12.345"`. */
export function formatScaled(units: bigint, scale: number): string {
  assert(Number.isInteger(scale) && scale >= 0 && scale <= DECIMAL_SCALE_MAX, `bad scale ${scale}`);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const frac = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${frac}`;
}

/** Minor units of a currency (cents for USD: scale 2) to a decimal string. */
export function minorToDecimal(minor: bigint, currencyScale: number): string {
  return formatScaled(minor, currencyScale);
}
