import type { EngineEvent } from '@tradewind/shared/engine';
import type { TradingAnswer, TradingOp } from '@tradewind/shared/protocol';

/** The answer to a trading request, read from the events its command caused. */
export function answerOf(op: TradingOp, events: readonly EngineEvent[]): TradingAnswer {
  const refused = events.find(
    (e) =>
      e.type === 'OrderRejected' ||
      e.type === 'CommandRejected' ||
      e.type === 'OrderModifyRejected' ||
      e.type === 'OrderCancelRejected',
  );
  if (refused !== undefined && 'code' in refused) return { ok: false, code: refused.code, message: refused.message };
  switch (op) {
    case 'place':
      return placed(events);
    case 'modify':
    case 'cancel': {
      const e = events.find((x) => x.type === 'OrderModified' || x.type === 'OrderCancelled');
      if (e === undefined || !('orderId' in e)) return { ok: true };
      return { ok: true, orderId: String(e.orderId), status: lastStatus(events, e.orderId) ?? e.status };
    }
    case 'cancelAll':
    case 'killSwitch':
      return { ok: true, cancelled: events.filter((e) => e.type === 'OrderCancelled').length };
  }
}

function placed(events: readonly EngineEvent[]): TradingAnswer {
  const accepted = events.filter((e) => e.type === 'OrderAccepted');
  const first = accepted[0];
  if (first === undefined) return { ok: false, code: 'CMD_MALFORMED', message: 'the engine accepted no order' };
  return {
    ok: true,
    orderId: String(first.orderId),
    clientOrderId: first.clientOrderId,
    status: lastStatus(events, first.orderId) ?? 'accepted',
    ...(accepted.length > 1 ? { orderIds: accepted.map((e) => String(e.orderId)) } : {}),
  };
}

function lastStatus(events: readonly EngineEvent[], orderId: number) {
  let status: Extract<EngineEvent, { status: string }>['status'] | undefined;
  for (const e of events) if ('orderId' in e && e.orderId === orderId && 'status' in e) status = e.status;
  return status === 'rejected' ? undefined : status;
}
