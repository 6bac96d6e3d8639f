/**
 * Bad parameters and bad inputs. Periods come from code or from zod-validated strategy params, so
 * a bad one is refused at construction with a typed error; a non-finite input is refused by
 * `update()`/`replace()` with a typed error and leaves the indicator exactly as it was (NaN or
 * Infinity would otherwise poison a running sum or a Wilder average for ever, silently).
 */

/**
 * The longest window any indicator accepts. Ring buffers and deques are allocated up front from the
 * period, so this bounds memory per indicator (100,000 × 8 bytes ≈ 0.8 MB per ring); it is well past
 * any chart or strategy use (a week of 1-minute bars is 10,080).
 */
export const MAX_INDICATOR_PERIOD = 100_000;

/** The largest Bollinger band width multiplier accepted (charts use 1 to 3). */
export const MAX_BAND_MULTIPLIER = 100;

/** A constructor parameter outside its documented range. */
export class IndicatorParamError extends RangeError {
  override name = 'IndicatorParamError';
  constructor(
    readonly param: string,
    readonly received: unknown,
    rule: string,
  ) {
    super(`indicator parameter ${param} must be ${rule}; received ${String(received)}`);
  }
}

/** A NaN, an Infinity (or a negative volume) given to `update()` or `replace()`. Nothing changed. */
export class IndicatorInputError extends RangeError {
  override name = 'IndicatorInputError';
  constructor(
    readonly input: string,
    readonly received: number,
  ) {
    super(`indicator input ${input} must be a finite number; received ${String(received)}`);
  }
}

/** Validates a period: an integer in [min, MAX_INDICATOR_PERIOD]. Returns it for field initialisers. */
export function checkPeriod(param: string, value: number, min = 1): number {
  if (!Number.isInteger(value) || value < min || value > MAX_INDICATOR_PERIOD) {
    throw new IndicatorParamError(param, value, `an integer in [${min}, ${MAX_INDICATOR_PERIOD}]`);
  }
  return value;
}

/** `x - x` is 0 for every finite number and NaN for NaN and ±Infinity: one subtraction, no call. */
export function checkFinite(input: string, x: number): void {
  if (x - x !== 0) throw new IndicatorInputError(input, x);
}

/** Volumes must be finite and not negative (a negative volume could zero a VWAP denominator). */
export function checkVolume(x: number): void {
  if (!(x >= 0) || x === Number.POSITIVE_INFINITY) throw new IndicatorInputError('volume', x);
}

/**
 * `checkFinite` of a high, low and close in one test (a sum of three `x − x` is 0 only if all are
 * finite). One small inlined check instead of three keeps an indicator's update within V8's
 * inlining budget in its caller's loop (a call that is not inlined returns its double boxed).
 */
export function checkBar(high: number, low: number, close: number): void {
  if (high - high + (low - low) + (close - close) !== 0) refuseBar(high, low, close);
}

function refuseBar(high: number, low: number, close: number): never {
  checkFinite('high', high);
  checkFinite('low', low);
  throw new IndicatorInputError('close', close);
}

/**
 * Throws the IndicatorInputError for an input that failed a test written inline in a hot update.
 * Only the refusal is a call there: a call to an imported check costs V8 a load of the module
 * binding, a hole check and an identity check on every update, more than the test itself.
 */
export function refuseInput(input: string, x: number): never {
  throw new IndicatorInputError(input, x);
}

/** `refuseInput` for a close and a volume that failed a combined test (see `Obv.next`). */
export function refuseCloseVolume(close: number, volume: number): never {
  checkFinite('close', close);
  checkVolume(volume);
  throw new IndicatorInputError('volume', volume);
}

/**
 * `checkBar` and `checkVolume` of a bar and its volume: the slow path of a combined test (see
 * `Vwap.barPv`), run only when that test fails. Returns if all are valid after all.
 */
export function checkBarVolume(high: number, low: number, close: number, volume: number): void {
  checkFinite('high', high);
  checkFinite('low', low);
  checkFinite('close', close);
  checkVolume(volume);
}
