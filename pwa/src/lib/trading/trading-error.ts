import { OFFLINE_MESSAGE } from '../api/api-error';

/** A failed trading call as the user should read it: core's reason code and its plain message. */
export type TradingError = { readonly reason: string | null; readonly message: string };

const FAILED = 'Something went wrong on our side. Nothing was changed. Please try again.';

/** Accepts anything the tRPC client throws; never throws. */
export function toTradingError(error: unknown): TradingError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { message?: unknown; data?: unknown };
  const data = typeof e.data === 'object' && e.data !== null ? (e.data as Record<string, unknown>) : undefined;
  if (!data) return { reason: null, message: OFFLINE_MESSAGE };
  const reason = typeof data.reason === 'string' ? data.reason : null;
  if (data.code === 'INTERNAL_SERVER_ERROR') return { reason, message: FAILED };
  const message = typeof e.message === 'string' && e.message.length > 0 ? e.message : FAILED;
  return { reason, message: sentence(message) };
}

const sentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/**
 * No definite answer: the order may or may not have been taken. No answer at all, edge unable
 * to reach core, or core's journal failing (a commit whose connection dropped may still have
 * committed). The only safe next step is to look the order up or resend it with the same client
 * order id (core answers a repeat with the order that has it).
 */
export function outcomeUnknown(e: TradingError): boolean {
  return e.reason === null || e.reason === 'TRADING_UNAVAILABLE' || e.reason === 'CORE_JOURNAL_UNAVAILABLE';
}
