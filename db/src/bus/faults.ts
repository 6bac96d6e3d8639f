import type { ChannelModel } from 'amqplib';

/**
 * Fault-injection points for tests of the RabbitMQ bus (FoundationDB-style: crash exactly
 * where it hurts, deterministically). A hook that throws behaves like a crash at that point.
 * Production code passes none.
 */
export type BusFaults = {
  /** After RabbitMQ confirmed a relay batch, before the relay's offset commits. */
  readonly afterRelayConfirm?: (lastSeq: number) => void | Promise<void>;
  /** After a consumer's batch committed, before its acknowledgement is sent. */
  readonly beforeConsumerAck?: (consumer: string, lastSeq: number) => void | Promise<void>;
  /** On each (re)connection. */
  readonly onConnected?: (model: ChannelModel) => void;
};
