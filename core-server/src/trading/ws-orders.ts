import type { ClientMessage, TradingAnswer, TradingOp, TradingRequest } from '@tradewind/shared/protocol';
import type { Clock } from '../clock';
import type { Session } from '../ws/session';
import type { OrderEntry } from './order-entry';

type TradingMessage = Extract<ClientMessage, { op: TradingOp }>;

/**
 * WebSocket order ops: wait for a pending `auth`, then the one order-entry function; the answer
 * (`ack` / `reject` with the request id) is sent once the command is durable in the journal.
 */
export function createWsOrderHandler(entry: OrderEntry, clock: Clock, onError: (session: Session, e: unknown) => void) {
  return (session: Session, msg: TradingMessage): void => {
    handle(entry, clock, session, msg).catch((e: unknown) => onError(session, e));
  };
}

async function handle(entry: OrderEntry, clock: Clock, session: Session, msg: TradingMessage): Promise<void> {
  if (session.authPending !== undefined) await session.authPending;
  const auth = session.authAt(clock.nowMs());
  let answer: TradingAnswer;
  if (auth === undefined) answer = { ok: false, code: 'AUTH_REQUIRED', message: 'send auth first' };
  else {
    // Acked once durable; the query tables follow within a transaction or two (the socket's
    // private frames, published at durability, carry the same rows). The message is the request
    // (its `id` is not read past this point): no copy without it.
    answer = await entry.submit(auth.userId, msg satisfies TradingRequest, 'durable');
  }
  if (session.closed) return;
  if (answer.ok) {
    const { ok: _ok, ...ack } = answer;
    session.sendSoon({ type: 'ack', op: msg.op, id: msg.id, ...ack });
  } else session.sendSoon({ type: 'reject', op: msg.op, id: msg.id, code: answer.code, message: answer.message });
}
