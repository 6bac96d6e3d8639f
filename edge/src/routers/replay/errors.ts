import { REPLAY_ERROR_CODES, type ReplayErrorCode } from '@tradewind/shared/protocol';
import type { TrpcCode } from '../../errors';

/** Core's replay refusals, each mapped once to a tRPC code; the message is core's own. */
export const REPLAY_ERRORS = {
  REPLAY_INVALID: { code: 'BAD_REQUEST', message: 'Invalid replay request.' },
  REPLAY_UNKNOWN_SYMBOL: { code: 'BAD_REQUEST', message: 'Unknown symbol.' },
  REPLAY_BAD_RANGE: { code: 'BAD_REQUEST', message: 'The range must start before it ends, in the past.' },
  REPLAY_RANGE_TOO_LARGE: { code: 'BAD_REQUEST', message: 'A replay covers at most 7 days.' },
  REPLAY_BAD_SPEED: { code: 'BAD_REQUEST', message: 'Speed is 1 to 1000, or max.' },
  REPLAY_NO_DATA: { code: 'UNPROCESSABLE_CONTENT', message: 'Nothing was recorded for that symbol in that range.' },
  REPLAY_NOT_FOUND: { code: 'NOT_FOUND', message: 'No such replay.' },
  REPLAY_TOO_MANY: { code: 'TOO_MANY_REQUESTS', message: 'Too many replays open: stop one first.' },
  // Edge authenticated the user; core refusing edge's service token is edge's misconfiguration.
  REPLAY_AUTH_REQUIRED: { code: 'SERVICE_UNAVAILABLE', message: 'Replay is unavailable right now.' },
  REPLAY_UNAVAILABLE: { code: 'SERVICE_UNAVAILABLE', message: 'Replay is unavailable right now. Try again shortly.' },
} as const satisfies Record<ReplayErrorCode, { code: TrpcCode; message: string }>;

const CODES: ReadonlySet<string> = new Set(REPLAY_ERROR_CODES);
export const isReplayErrorCode = (code: unknown): code is ReplayErrorCode =>
  typeof code === 'string' && CODES.has(code);
