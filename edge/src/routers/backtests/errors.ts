import type { TrpcCode } from '../../errors';

/** Server backtest failures, joined into EDGE_ERRORS; clients switch on `data.reason`. */
export const BACKTEST_ERRORS = {
  BACKTEST_STRATEGY_UNKNOWN: { code: 'BAD_REQUEST', message: 'No such strategy.' },
  BACKTEST_PARAMS_INVALID: { code: 'BAD_REQUEST', message: "The parameters are outside the strategy's schema." },
  BACKTEST_RANGE_EMPTY: { code: 'BAD_REQUEST', message: 'The range is empty: it must end after it starts.' },
  BACKTEST_RANGE_REVERSED: { code: 'BAD_REQUEST', message: 'The range ends before it starts.' },
  BACKTEST_RANGE_INVALID: { code: 'BAD_REQUEST', message: 'The range is not a pair of valid times.' },
  BACKTEST_RANGE_TOO_LONG: { code: 'BAD_REQUEST', message: 'The range holds too many bars for one backtest.' },
  BACKTEST_SYMBOL_UNKNOWN: { code: 'BAD_REQUEST', message: 'No such instrument.' },
  BACKTEST_CASH_INVALID: { code: 'BAD_REQUEST', message: 'The initial cash must be a positive amount in cents.' },
  BACKTEST_SEARCH_INVALID: {
    code: 'BAD_REQUEST',
    message: 'The parameter search is invalid: an unknown parameter, a bad range, or none given.',
  },
  BACKTEST_SEARCH_TOO_LARGE: { code: 'BAD_REQUEST', message: 'The search runs too many backtests over too many bars.' },
  BACKTEST_WINDOWS_INVALID: {
    code: 'BAD_REQUEST',
    message: 'The walk-forward windows are invalid: positive lengths, shorter than the range.',
  },
  BACKTEST_JOBS_LIMIT: {
    code: 'TOO_MANY_REQUESTS',
    message: 'You have the maximum number of backtests queued or running.',
  },
  BACKTEST_NOT_FOUND: { code: 'NOT_FOUND', message: 'No such backtest.' },
  BACKTEST_NOT_DONE: { code: 'CONFLICT', message: 'The backtest has no result (yet).' },
} as const satisfies Record<string, { code: TrpcCode; message: string }>;
