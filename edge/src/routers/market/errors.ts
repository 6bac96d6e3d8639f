import type { TrpcCode } from '../../errors';

/** Market-data failures, joined into EDGE_ERRORS; clients switch on `data.reason`. */
export const MARKET_ERRORS = {
  MARKET_UNKNOWN_SYMBOL: { code: 'BAD_REQUEST', message: 'Unknown symbol.' },
  MARKET_UNKNOWN_INTERVAL: { code: 'BAD_REQUEST', message: 'Unknown interval: use 1s, 1m, 5m, 15m, 1h or 1d.' },
  MARKET_UNKNOWN_SOURCE: { code: 'BAD_REQUEST', message: 'Unknown data source.' },
  MARKET_RANGE_REVERSED: { code: 'BAD_REQUEST', message: '`to` must be after `from`.' },
  MARKET_RANGE_TOO_LARGE: { code: 'BAD_REQUEST', message: 'Range too large: ask for fewer bars per request.' },
  MARKET_BAD_CURSOR: { code: 'BAD_REQUEST', message: 'Invalid cursor.' },
  MARKET_CSV_TOO_LARGE: {
    code: 'PAYLOAD_TOO_LARGE',
    message: 'CSV upload too large: import big files from the command line.',
  },
  MARKET_IMPORT_FORBIDDEN: { code: 'FORBIDDEN', message: 'Importing market data needs an administrator.' },
} as const satisfies Record<string, { code: TrpcCode; message: string }>;
