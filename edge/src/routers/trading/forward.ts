import { INTERNAL_PATHS, type TradingAck, type TradingOp, type TradingRejectCode } from '@tradewind/shared/protocol';
import type { CoreClient } from '../../core-client/index';
import { ownedBy } from '../../data/owner-scope';
import { fail } from '../../errors';
import { isTradingRejectCode } from './reject-mapping';

type Caller = { readonly userId: string };
type Deps = { readonly db: Parameters<typeof ownedBy>[0]; readonly core: CoreClient | null };

/**
 * Sends one validated request to core's order entry for the signed-in user and returns the
 * ack, or throws the rejection as an EdgeError whose `data.reason` is core's code. The
 * account is checked here first (another user's account is NOT_FOUND without asking core),
 * and core checks it again: authorisation on both sides of the boundary.
 */
export async function forwardToCore(
  deps: Deps,
  caller: Caller,
  op: TradingOp,
  request: { readonly accountId: string },
): Promise<TradingAck> {
  if (!(await ownedBy(deps.db, caller.userId).account(request.accountId))) fail('NOT_FOUND');
  if (!deps.core) fail('TRADING_UNAVAILABLE');
  const reply = await deps.core.post(INTERNAL_PATHS[op], { ...request, userId: caller.userId });
  if (!reply.ok) fail('TRADING_UNAVAILABLE');
  const answer = reply.body as { ok?: unknown; code?: unknown; message?: unknown } | null;
  if (answer?.ok === true) return ackOf(answer as TradingAck);
  if (answer?.ok === false && isTradingRejectCode(answer.code)) {
    fail(answer.code as TradingRejectCode, typeof answer.message === 'string' ? answer.message : undefined);
  }
  // Core answered something outside the contract: a bug on one side, never the user's fault.
  throw new Error(`core answered ${op} with an unexpected body (HTTP ${reply.status})`);
}

/** Only the contract's fields travel on: nothing core adds by mistake leaks to clients. */
function ackOf(a: TradingAck): TradingAck {
  const out: TradingAck = {};
  if (typeof a.orderId === 'string') out.orderId = a.orderId;
  if (typeof a.clientOrderId === 'string') out.clientOrderId = a.clientOrderId;
  if (a.duplicate === true) out.duplicate = true;
  if (typeof a.status === 'string') out.status = a.status;
  if (Array.isArray(a.orderIds)) out.orderIds = a.orderIds.filter((id) => typeof id === 'string');
  if (typeof a.cancelled === 'number') out.cancelled = a.cancelled;
  return out;
}
