import type { TrpcCode } from '../../errors';

/** Price-alert failures, joined into EDGE_ERRORS; clients switch on `data.reason`. */
export const ALERT_ERRORS = {
  ALERT_SYMBOL_UNKNOWN: { code: 'NOT_FOUND', message: 'No such instrument.' },
  ALERT_PRICE_MALFORMED: { code: 'BAD_REQUEST', message: 'The price is not a number.' },
  ALERT_PRICE_OFF_GRID: { code: 'BAD_REQUEST', message: "The price is not a multiple of the instrument's tick size." },
  ALERT_PRICE_NOT_POSITIVE: { code: 'BAD_REQUEST', message: 'The price must be above zero.' },
  ALERT_PRICE_OUT_OF_BAND: { code: 'BAD_REQUEST', message: 'The price is too far from the last price.' },
  ALERT_PRICE_AT_LAST: { code: 'BAD_REQUEST', message: 'The price is the last price: choose above or below.' },
  ALERTS_LIMIT_REACHED: {
    code: 'BAD_REQUEST',
    message: 'You have the maximum number of active alerts: delete one first.',
  },
  ALERT_NOT_FOUND: { code: 'NOT_FOUND', message: 'No such alert.' },
} as const satisfies Record<string, { code: TrpcCode; message: string }>;
