import type { TrpcCode } from '../../errors';

/** Account failures, joined into EDGE_ERRORS; clients switch on `data.reason`. */
export const ACCOUNT_ERRORS = {
  ACCOUNT_MARGIN_EXISTS: { code: 'CONFLICT', message: 'You already have a margin account.' },
} as const satisfies Record<string, { code: TrpcCode; message: string }>;
