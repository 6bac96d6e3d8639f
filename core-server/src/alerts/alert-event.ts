import type { NewBusEvent } from '@tradewind/db/bus';
import { type Instrument, stepsToDecimal } from '@tradewind/shared';
import type { TriggeredRow } from './alert-rows';

const VERB: Readonly<Record<string, string>> = { above: 'rose to', below: 'fell to', crosses: 'crossed' };

/** The `price_alert.triggered` event of one alert: money as decimal strings, a human message. */
export function alertEvent(row: TriggeredRow, instruments: ReadonlyMap<string, Instrument>): NewBusEvent {
  const inst = instruments.get(row.symbol);
  const price = inst === undefined ? row.triggered_ticks : stepsToDecimal(BigInt(row.triggered_ticks), inst.tick);
  const verb = VERB[row.condition] ?? 'reached';
  return {
    type: 'price_alert.triggered',
    userId: row.user_id,
    accountId: null,
    occurredAtMs: row.triggered_ms,
    payload: {
      alertId: row.id,
      symbol: row.symbol,
      condition: row.condition,
      threshold: row.threshold,
      price,
      note: row.note,
      message: `${row.symbol} ${verb} ${row.threshold} (last ${price})`,
    },
  };
}
