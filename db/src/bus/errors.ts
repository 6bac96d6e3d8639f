/** A bus misconfigured by its caller (bad consumer name, pattern, batch size...): nothing was changed. */
export type EventBusErrorCode =
  | 'BUS_CONSUMER_NAME'
  | 'BUS_CONSUMER_DUPLICATE'
  | 'BUS_PATTERNS'
  | 'BUS_BATCH_SIZE'
  | 'BUS_CLOSED'
  | 'BUS_AMQP_URL';

export class EventBusError extends Error {
  override name = 'EventBusError';
  constructor(
    readonly code: EventBusErrorCode,
    message: string,
  ) {
    super(message);
  }
}
