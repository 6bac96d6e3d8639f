import { type BusEvent, isBusEventType } from './event-types';

/** An event as a RabbitMQ message body: the same JSON a consumer of either bus sees. */
export function encodeEvent(event: BusEvent): Buffer {
  return Buffer.from(JSON.stringify(event));
}

/**
 * Reads a message body back into an event, or null if it is not one of ours (someone else
 * published to the exchange): the consumer counts and drops those, it never crashes on them.
 */
export function decodeEvent(body: Buffer): BusEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const e = value as Record<string, unknown>;
  const idOk = (id: unknown) => id === null || typeof id === 'string';
  const ok =
    Number.isSafeInteger(e.seq) &&
    (e.seq as number) > 0 &&
    isBusEventType(e.type) &&
    Number.isSafeInteger(e.occurredAtMs) &&
    idOk(e.userId) &&
    idOk(e.accountId) &&
    typeof e.payload === 'object' &&
    e.payload !== null &&
    !Array.isArray(e.payload);
  return ok ? (value as BusEvent) : null;
}
