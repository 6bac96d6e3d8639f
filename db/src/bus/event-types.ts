/**
 * The domain events that leave core through the bus, and their shape on the wire (JSON,
 * the same in the outbox's row and in a RabbitMQ message body). Events are past tense
 * (NautilusTrader's vocabulary); the type string doubles as the RabbitMQ routing key, so
 * it is dot-separated words: consumers bind patterns like `order.*` or `#`.
 */
export const BUS_EVENT_TYPES = [
  'order.accepted',
  'order.filled',
  'order.partially_filled',
  'order.cancelled',
  'order.rejected',
  'order.expired',
  'stop.triggered',
  'margin.call',
  'margin.liquidation',
  'account.kill_switch',
  'price_alert.triggered',
  'strategy.status',
  'backtest.finished',
] as const;

export type BusEventType = (typeof BUS_EVENT_TYPES)[number];

const KNOWN_TYPES: ReadonlySet<string> = new Set(BUS_EVENT_TYPES);

export function isBusEventType(value: unknown): value is BusEventType {
  return typeof value === 'string' && KNOWN_TYPES.has(value);
}

/** A JSON value: money inside payloads travels as decimal strings (JSON has no bigint). */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

/** What a publisher appends: everything but `seq`, which the outbox assigns. */
export type NewBusEvent = {
  readonly type: BusEventType;
  readonly userId?: string | null;
  readonly accountId?: string | null;
  /** When it happened in core's clock (epoch ms), not when it was stored. */
  readonly occurredAtMs: number;
  readonly payload: JsonObject;
};

/** An event as consumers see it. `seq` is global, gap-free and increases with commit order. */
export type BusEvent = {
  readonly seq: number;
  readonly type: BusEventType;
  readonly userId: string | null;
  readonly accountId: string | null;
  readonly occurredAtMs: number;
  readonly payload: JsonObject;
};
