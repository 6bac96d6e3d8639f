export { checkAmqpUrl, createEventBus, type EventBusConfig } from './create-event-bus';
export { EventBusError, type EventBusErrorCode } from './errors';
export type { EventBus, EventHandler, SubscribeOptions } from './event-bus';
export {
  BUS_EVENT_TYPES,
  type BusEvent,
  type BusEventType,
  isBusEventType,
  type JsonObject,
  type JsonValue,
  type NewBusEvent,
} from './event-types';
export type { BusFaults } from './faults';
export * from './limits';
export { appendToOutbox, OUTBOX_CHANNEL, type OutboxRange, outboxHeadSeq } from './outbox';
export { PostgresEventBus, type PostgresEventBusOptions } from './postgres-event-bus';
export { EXCHANGE_DEFAULT, RabbitMqEventBus, type RabbitMqEventBusOptions } from './rabbitmq-event-bus';
export { type BusLog, type BusStats, type ConsumerLag, createBusStats } from './stats';
