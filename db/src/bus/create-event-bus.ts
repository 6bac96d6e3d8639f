import type postgres from 'postgres';
import { EventBusError } from './errors';
import type { EventBus } from './event-bus';
import { PostgresEventBus } from './postgres-event-bus';
import { RabbitMqEventBus, type RabbitMqEventBusOptions } from './rabbitmq-event-bus';
import type { BusLog } from './stats';

export type EventBusConfig = {
  readonly sql: postgres.Sql;
  /** Set: RabbitMQ (`AMQP_URL`). Unset: the PostgreSQL outbox with LISTEN/NOTIFY, no extra server. */
  readonly amqpUrl?: string | undefined;
  readonly exchange?: string;
  readonly relay?: boolean;
  readonly pollIntervalMs?: number;
  readonly log?: BusLog;
};

/** The bus a process uses, chosen by configuration; publishers use appendToOutbox either way. */
export function createEventBus(config: EventBusConfig): EventBus {
  if (config.amqpUrl === undefined || config.amqpUrl === '') {
    return new PostgresEventBus({ sql: config.sql, pollIntervalMs: config.pollIntervalMs, log: config.log });
  }
  const amqpUrl = checkAmqpUrl(config.amqpUrl);
  const options: RabbitMqEventBusOptions = { ...config, amqpUrl };
  return new RabbitMqEventBus(options);
}

/** Validates AMQP_URL at start (typed error naming the setting, never echoing a password). */
export function checkAmqpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new EventBusError('BUS_AMQP_URL', 'AMQP_URL is not a URL (expected amqp://user:pass@host:5672/vhost)');
  }
  if (url.protocol !== 'amqp:' && url.protocol !== 'amqps:') {
    throw new EventBusError('BUS_AMQP_URL', `AMQP_URL must use amqp: or amqps:, not ${url.protocol}`);
  }
  return value;
}
