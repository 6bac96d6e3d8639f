import { type ReasonCode, reasonMessage, reasonSubsystem } from '@tradewind/shared/engine';
import {
  CORE_REJECT_CODES,
  type CoreRejectCode,
  TRADING_REJECT_CODES,
  type TradingRejectCode,
} from '@tradewind/shared/protocol';
import { assertNever } from '@tradewind/shared/util';
import type { TrpcCode } from '../../errors';

const CORE_REJECT_SET: ReadonlySet<string> = new Set(CORE_REJECT_CODES);
const isCoreReject = (code: TradingRejectCode): code is CoreRejectCode => CORE_REJECT_SET.has(code);

/**
 * The tRPC code of each of core's rejections: a closed mapping (STYLE 18). The caller's
 * mistakes are 4xx, "the market said no" is UNPROCESSABLE_CONTENT, a core that cannot take
 * orders right now is SERVICE_UNAVAILABLE. Another user's ids are NOT_FOUND, never FORBIDDEN.
 */
export function trpcCodeOfReject(code: TradingRejectCode): TrpcCode {
  return isCoreReject(code) ? coreRejectCode(code) : engineRejectCode(code);
}

function coreRejectCode(code: CoreRejectCode): TrpcCode {
  switch (code) {
    case 'NOT_FOUND':
      return 'NOT_FOUND';
    case 'AUTH_REQUIRED':
    case 'AUTH_SESSION_REVOKED':
      return 'UNAUTHORIZED';
    case 'FORBIDDEN':
      return 'FORBIDDEN';
    case 'INVALID':
    case 'OFF_GRID':
    case 'UNKNOWN_SYMBOL':
      return 'BAD_REQUEST';
    case 'ACCOUNT_HALTED':
      return 'UNPROCESSABLE_CONTENT';
    case 'CORE_JOURNAL_UNAVAILABLE':
    case 'CORE_OVERLOADED':
      return 'SERVICE_UNAVAILABLE';
    case 'RATE_LIMITED':
      return 'TOO_MANY_REQUESTS';
    default:
      return assertNever(code);
  }
}

function engineRejectCode(code: ReasonCode): TrpcCode {
  if (code === 'ORDER_NOT_FOUND' || code === 'ACCOUNT_UNKNOWN') return 'NOT_FOUND';
  if (code === 'RISK_RATE_LIMITED') return 'TOO_MANY_REQUESTS';
  if (code === 'ORDER_DUPLICATE_CLIENT_ID') return 'CONFLICT';
  const subsystem = reasonSubsystem(code);
  switch (subsystem) {
    case 'CMD':
      return 'BAD_REQUEST';
    case 'ACCOUNT':
    case 'ORDER':
    case 'INSTR':
    case 'RISK':
    case 'BOOK':
      return 'UNPROCESSABLE_CONTENT';
    default:
      return assertNever(subsystem);
  }
}

const CORE_REJECT_MESSAGES: Record<CoreRejectCode, string> = {
  NOT_FOUND: 'No such account or order.',
  AUTH_REQUIRED: 'Sign in to continue.',
  AUTH_SESSION_REVOKED: 'This session has ended. Sign in again.',
  FORBIDDEN: 'Not allowed.',
  INVALID: 'The order is not valid.',
  OFF_GRID: 'Price or quantity is not a multiple of the instrument step.',
  UNKNOWN_SYMBOL: 'Unknown instrument.',
  ACCOUNT_HALTED: 'Trading is halted on this account (kill switch).',
  CORE_JOURNAL_UNAVAILABLE: 'Order entry is paused: nothing was placed. Try again shortly.',
  CORE_OVERLOADED: 'The venue is busy: nothing was placed. Try again shortly.',
  RATE_LIMITED: 'Too many requests. Try again shortly.',
};

function defaultMessage(code: TradingRejectCode): string {
  if (isCoreReject(code)) return CORE_REJECT_MESSAGES[code];
  const text = reasonMessage(code);
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** EDGE_ERRORS entries for every reject code; `data.reason` is core's code itself. */
export const TRADING_ERRORS = Object.fromEntries(
  TRADING_REJECT_CODES.map((code) => [code, { code: trpcCodeOfReject(code), message: defaultMessage(code) }]),
) as Record<TradingRejectCode, { code: TrpcCode; message: string }>;

const REJECT_SET: ReadonlySet<string> = new Set(TRADING_REJECT_CODES);
export const isTradingRejectCode = (code: unknown): code is TradingRejectCode =>
  typeof code === 'string' && REJECT_SET.has(code);
