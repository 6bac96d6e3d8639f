import { TRPCError } from '@trpc/server';
import { ACCOUNT_ERRORS } from './routers/accounts/errors';
import { ALERT_ERRORS } from './routers/alerts/errors';
import { API_KEY_ERRORS } from './routers/api-keys/errors';
import { BACKTEST_ERRORS } from './routers/backtests/errors';
import { MARKET_ERRORS } from './routers/market/errors';
import { NOTIFY_ERRORS } from './routers/notifications/errors';
import { REPLAY_ERRORS } from './routers/replay/errors';
import { REPORT_ERRORS } from './routers/reports/errors';
import { STRATEGY_ERRORS } from './routers/strategies/errors';
import { TRADING_ERRORS } from './routers/trading/reject-mapping';

export type TrpcCode = ConstructorParameters<typeof TRPCError>[0]['code'];

/**
 * Edge's closed set of expected failures, each with its tRPC code and the message a user
 * sees. Clients switch on `data.reason`; the message is for people. One wording for
 * unknown e-mail and wrong password (no account enumeration).
 */
export const EDGE_ERRORS = {
  AUTH_INVALID_CREDENTIALS: { code: 'UNAUTHORIZED', message: 'Invalid e-mail or password.' },
  AUTH_EMAIL_TAKEN: { code: 'CONFLICT', message: 'An account with this e-mail already exists.' },
  // Not UNAUTHORIZED: the session is fine, and a client must not answer it by refreshing and resending.
  AUTH_CURRENT_PASSWORD_WRONG: { code: 'BAD_REQUEST', message: 'Your current password is not correct.' },
  AUTH_RATE_LIMITED: { code: 'TOO_MANY_REQUESTS', message: 'Too many failed logins. Try again later.' },
  AUTH_TOKEN_MISSING: { code: 'UNAUTHORIZED', message: 'Sign in to continue.' },
  AUTH_TOKEN_INVALID: { code: 'UNAUTHORIZED', message: 'Invalid access token.' },
  AUTH_TOKEN_EXPIRED: { code: 'UNAUTHORIZED', message: 'Access token expired.' },
  // AUTH_SESSION_REVOKED (UNAUTHORIZED) is core's reject code too: it comes with TRADING_ERRORS below.
  AUTH_REFRESH_MISSING: { code: 'UNAUTHORIZED', message: 'No session. Sign in again.' },
  AUTH_REFRESH_INVALID: { code: 'UNAUTHORIZED', message: 'This session has ended. Sign in again.' },
  AUTH_REFRESH_EXPIRED: { code: 'UNAUTHORIZED', message: 'This session has expired. Sign in again.' },
  AUTH_REFRESH_REUSED: { code: 'UNAUTHORIZED', message: 'This session was ended for your safety. Sign in again.' },
  AUTH_ORIGIN_REFUSED: { code: 'FORBIDDEN', message: 'Cross-origin request refused.' },
  ...MARKET_ERRORS,
  /** Core is not configured, unreachable or too slow: nothing was done; try again. */
  TRADING_UNAVAILABLE: { code: 'SERVICE_UNAVAILABLE', message: 'Trading is unavailable right now. Try again shortly.' },
  /** Every reject code of core's order entry (shared/src/protocol/trading.ts), mapped once. */
  ...TRADING_ERRORS,
  ...NOTIFY_ERRORS,
  ...ALERT_ERRORS,
  ...REPORT_ERRORS,
  ...BACKTEST_ERRORS,
  ...STRATEGY_ERRORS,
  ...REPLAY_ERRORS,
  ...API_KEY_ERRORS,
  ...ACCOUNT_ERRORS,
} as const satisfies Record<string, { code: TrpcCode; message: string }>;

export type EdgeErrorReason = keyof typeof EDGE_ERRORS;

/** A TRPCError that carries its reason code to the error formatter. */
export class EdgeError extends TRPCError {
  readonly reason: EdgeErrorReason;
  /** `detail` replaces the default message (core's rejections say which rule refused and why). */
  constructor(reason: EdgeErrorReason, detail?: string) {
    const { code, message } = EDGE_ERRORS[reason];
    super({ code, message: detail ?? message });
    this.reason = reason;
  }
}

export function fail(reason: EdgeErrorReason, detail?: string): never {
  throw new EdgeError(reason, detail);
}
