import type { TrpcCode } from '../../errors';

/** Live strategy failures, joined into EDGE_ERRORS; clients switch on `data.reason` (core's codes where core refused). */
export const STRATEGY_ERRORS = {
  STRATEGY_UNKNOWN: { code: 'BAD_REQUEST', message: 'No such strategy.' },
  STRATEGY_PARAMS_INVALID: { code: 'BAD_REQUEST', message: "The parameters are outside the strategy's schema." },
  STRATEGY_SYMBOL_UNKNOWN: { code: 'BAD_REQUEST', message: 'No such instrument.' },
  STRATEGY_ALLOCATION_INVALID: {
    code: 'BAD_REQUEST',
    message: "The allocation must be a positive amount on the currency's grid.",
  },
  STRATEGY_ACCOUNT_IS_SUB: { code: 'BAD_REQUEST', message: 'A sub-account cannot allocate to another sub-account.' },
  STRATEGY_DEPLOYMENTS_LIMIT: {
    code: 'TOO_MANY_REQUESTS',
    message: 'You have the maximum number of strategies running.',
  },
  STRATEGY_ALREADY_RUNNING: { code: 'CONFLICT', message: 'This strategy is running already.' },
  STRATEGY_NOT_RUNNING: { code: 'CONFLICT', message: 'This strategy is not running.' },
  STRATEGY_NOT_FOUND: { code: 'NOT_FOUND', message: 'No such strategy deployment.' },
} as const satisfies Record<string, { code: TrpcCode; message: string }>;
