import type { TrpcCode } from '../../errors';

/** API key failures, joined into EDGE_ERRORS; clients switch on `data.reason`. */
export const API_KEY_ERRORS = {
  APIKEY_NOT_FOUND: { code: 'NOT_FOUND', message: 'No such API key.' },
  APIKEY_LIMIT: {
    code: 'TOO_MANY_REQUESTS',
    message: 'You have the maximum number of live API keys. Revoke one first.',
  },
  APIKEY_EXPIRY_INVALID: { code: 'BAD_REQUEST', message: 'The expiry must be in the future and within a year.' },
} as const satisfies Record<string, { code: TrpcCode; message: string }>;
