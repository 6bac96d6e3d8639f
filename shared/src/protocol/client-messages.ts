import { z } from 'zod';
import { SYMBOL_PATTERN } from '../domain/ids';
import { TOPICS_PER_MESSAGE_MAX } from './limits';

/** Public market-data channels. A topic is `<channel>.<symbol>`, e.g. `trades.BTC-USD`. */
export const PUBLIC_CHANNELS = ['trades', 'bbo'] as const;
export type PublicChannel = (typeof PUBLIC_CHANNELS)[number];

export const topicSchema = z
  .string()
  .max(64)
  .regex(/^[a-z]+\.[A-Z0-9-]+$/, 'a topic is <channel>.<symbol>')
  .refine((t) => {
    const [channel, symbol = ''] = t.split('.', 2);
    return (PUBLIC_CHANNELS as readonly string[]).includes(channel ?? '') && SYMBOL_PATTERN.test(symbol);
  }, 'unknown channel or malformed symbol');

/** Echoed in the answer so that a client can match it to its request. */
const requestId = z.string().min(1).max(64).optional();

export const clientMessageSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('auth'), id: requestId, token: z.string().min(1).max(4096) }).strict(),
  z.object({ op: z.literal('logout'), id: requestId }).strict(),
  z
    .object({
      op: z.literal('subscribe'),
      id: requestId,
      topics: z.array(topicSchema).min(1).max(TOPICS_PER_MESSAGE_MAX),
    })
    .strict(),
  z
    .object({
      op: z.literal('unsubscribe'),
      id: requestId,
      topics: z.array(topicSchema).min(1).max(TOPICS_PER_MESSAGE_MAX),
    })
    .strict(),
  z.object({ op: z.literal('ping'), id: requestId }).strict(),
]);

export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type ClientOp = ClientMessage['op'];
export const CLIENT_OPS: readonly ClientOp[] = ['auth', 'logout', 'subscribe', 'unsubscribe', 'ping'];

export const topicOf = (channel: PublicChannel, symbol: string): string => `${channel}.${symbol}`;
