import { z } from 'zod';
import { SYMBOL_PATTERN } from '../domain/ids';
import { TOPICS_PER_MESSAGE_MAX } from './limits';
import { parseReplaySymbol, REPLAY_CHANNEL } from './replay';
import {
  accountIdSchema,
  cancelAllRequestSchema,
  cancelHasOneId,
  cancelRequestShape,
  isAccountTopic,
  killSwitchRequestSchema,
  modifyHasChange,
  modifyRequestShape,
  placeOrderSchema,
  TRADING_OPS,
} from './trading';

/**
 * Public market-data channels. A topic is `<channel>.<symbol>`, e.g. `trades.BTC-USD`.
 * `depth` = L2 snapshot + sequenced deltas, `bars1s` = closed 1-second bars.
 */
export const PUBLIC_CHANNELS = ['trades', 'bbo', 'depth', 'bars1s'] as const;
export type PublicChannel = (typeof PUBLIC_CHANNELS)[number];

/**
 * A public topic `<channel>.<SYMBOL>`, a replay session's topic `<channel>.<SYMBOL>@<replayId>`
 * (its market channels and `replay`, its status), or an account's private topic
 * `acct.<accountId>` (owner only).
 */
export const topicSchema = z
  .string()
  .max(64)
  .refine((t) => {
    if (isAccountTopic(t)) return true;
    if (!/^[a-z0-9]+\.[A-Z0-9-]+(@[a-f0-9]+)?$/.test(t)) return false;
    const [channel = '', symbol = ''] = t.split('.', 2);
    if (symbol.includes('@')) {
      const ok = channel === REPLAY_CHANNEL || (PUBLIC_CHANNELS as readonly string[]).includes(channel);
      return ok && parseReplaySymbol(symbol) !== undefined;
    }
    return (PUBLIC_CHANNELS as readonly string[]).includes(channel) && SYMBOL_PATTERN.test(symbol);
  }, 'unknown channel or malformed symbol (a topic is <channel>.<symbol>[@<replay>] or acct.<accountId>)');

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
  // Order entry (shared/src/protocol/trading.ts): answered by `ack` or `reject` with the same id.
  z.object({ op: z.literal('place'), id: requestId, accountId: accountIdSchema, place: placeOrderSchema }).strict(),
  z
    .object({ op: z.literal('modify'), id: requestId, ...modifyRequestShape })
    .strict()
    .refine(modifyHasChange, 'nothing to modify'),
  z
    .object({ op: z.literal('cancel'), id: requestId, ...cancelRequestShape })
    .strict()
    .refine(cancelHasOneId, 'exactly one of orderId / clientOrderId'),
  z.object({ op: z.literal('cancelAll'), id: requestId, ...cancelAllRequestSchema.shape }).strict(),
  z.object({ op: z.literal('killSwitch'), id: requestId, ...killSwitchRequestSchema.shape }).strict(),
]);

export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type ClientOp = ClientMessage['op'];
export const CLIENT_OPS: readonly ClientOp[] = ['auth', 'logout', 'subscribe', 'unsubscribe', 'ping', ...TRADING_OPS];

export const topicOf = (channel: PublicChannel, symbol: string): string => `${channel}.${symbol}`;
