import { decimalToSteps, type Instrument } from '../domain/index';
import { err, ok, type Result } from '../util/index';
import { ALERT_PRICE_BAND_FACTOR } from './limits';
import type { AlertCondition } from './types';

export const ALERT_PRICE_ERRORS = [
  'ALERT_PRICE_MALFORMED',
  'ALERT_PRICE_OFF_GRID',
  'ALERT_PRICE_NOT_POSITIVE',
  'ALERT_PRICE_OUT_OF_BAND',
  'ALERT_PRICE_AT_LAST',
] as const;
export type AlertPriceError = (typeof ALERT_PRICE_ERRORS)[number];

/**
 * A decimal threshold → ticks on the instrument's grid. With a last price, the threshold must
 * lie within [last ÷ band, last × band] (a typo like 10x the price is refused), and a `crosses`
 * alert must not sit at the last price (it would have no side to cross from).
 */
export function parseAlertPrice(
  instrument: Pick<Instrument, 'tick'>,
  priceText: string,
  condition: AlertCondition,
  lastTicks: number | null,
): Result<number, AlertPriceError> {
  const steps = decimalToSteps(priceText, instrument.tick);
  if (!steps.ok) {
    const code = steps.code === 'DECIMAL_OFF_GRID' ? 'ALERT_PRICE_OFF_GRID' : 'ALERT_PRICE_MALFORMED';
    return err(code, `${priceText}: ${steps.message}`);
  }
  if (steps.value <= 0n) return err('ALERT_PRICE_NOT_POSITIVE', `price must be above zero, got ${priceText}`);
  if (steps.value > BigInt(Number.MAX_SAFE_INTEGER)) return err('ALERT_PRICE_MALFORMED', `${priceText} is too large`);
  const ticks = Number(steps.value);
  if (lastTicks !== null && lastTicks > 0) {
    const band = ALERT_PRICE_BAND_FACTOR;
    if (ticks > lastTicks * band || ticks * band < lastTicks) {
      return err('ALERT_PRICE_OUT_OF_BAND', `${priceText} is more than ${band}x away from the last price`);
    }
    if (condition === 'crosses' && ticks === lastTicks) {
      return err('ALERT_PRICE_AT_LAST', `${priceText} is the last price: choose above or below`);
    }
  }
  return ok(ticks);
}
