import type { TrpcCode } from '../../errors';

/** Report failures, joined into EDGE_ERRORS. */
export const REPORT_ERRORS = {
  REPORT_PERIOD_INVALID: {
    code: 'BAD_REQUEST',
    message: 'The period must start before it ends and span at most 10 years.',
  },
} as const satisfies Record<string, { code: TrpcCode; message: string }>;
