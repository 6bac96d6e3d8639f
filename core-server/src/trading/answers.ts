import type { EngineEvent, EngineState } from '@tradewind/shared/engine';
import type { PlaceRequest, TradingAnswer, TradingOp } from '@tradewind/shared/protocol';

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

/**
 * R5: a place refused only because its client order id was used before is answered with the
 * order that has it (`duplicate: true`), when that order is for the same instrument and side
 * (or is no longer open, so there is nothing to compare). The command was journalled after the
 * first one, so the first is durable by the time this answer goes out.
 */
export function duplicateAnswer(state: EngineState, req: PlaceRequest): TradingAnswer | undefined {
  const place = req.place;
  const spec = place.kind === 'single' ? place.order : place.kind === 'bracket' ? place.entry : place.first;
  if (spec.clientOrderId === undefined) return undefined;
  const ix = state.accountIx.get(req.accountId);
  const orderId = ix === undefined ? undefined : state.accounts[ix]?.clientIds.get(spec.clientOrderId);
  if (orderId === undefined) return undefined;
  const open = state.orders.get(orderId);
  if (open !== undefined) {
    const symbol = state.instruments[open.instIx]?.instrument.symbol;
    if (symbol !== spec.symbol || open.side !== spec.side) return undefined;
  }
  return {
    ok: true,
    duplicate: true,
    orderId: String(orderId),
    clientOrderId: spec.clientOrderId,
    ...(open === undefined ? {} : { status: open.status }),
  };
}
