import { assertNever } from '@tradewind/shared';
import {
  type ClientMessage,
  decodeClientMessage,
  isAccountTopic,
  PUBLIC_CHANNELS,
  type PublicChannel,
  REPLAY_CHANNEL,
  SUBSCRIPTIONS_PER_SOCKET_MAX,
  type TradingOp,
} from '@tradewind/shared/protocol';
import type { KeyStore } from '../auth/key-store';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { CoreMetrics } from '../metrics';
import type { Session } from './session';
import type { TopicHub } from './topic-hub';

/** Messages refused in a row by the rate limit before we stop answering and close (1008). */
export const RATE_LIMITED_STREAK_MAX = 100;
/** WebSocket close code for a policy violation (RFC 6455 §7.4.1). */
export const CLOSE_POLICY_VIOLATION = 1008;

/** The channels a topic may name: the market's, and a replay session's status. */
export type TopicChannel = PublicChannel | typeof REPLAY_CHANNEL;

/** What the WebSocket needs to know of the market's topics (the live encoder, plus replay sessions). */
export interface MarketFrames {
  /** Is there a market for this symbol (a live one, or a replay symbol `<SYM>@<id>`)? */
  knows(symbol: string): boolean;
  /** The newest frame of a topic, for a new subscriber. */
  last(channel: TopicChannel, symbol: string): string | undefined;
}

export type DispatchContext = {
  readonly hub: TopicHub;
  readonly encoder: MarketFrames;
  readonly keys: KeyStore;
  readonly clock: Clock;
  readonly metrics: CoreMetrics;
  readonly log: Logger;
  /** The first frame for a new subscriber of a topic (e.g. a `depthSnapshot`); else the encoder's last frame. */
  initialFrame?: ((topic: string) => string | undefined) | undefined;
  /** May this user read this private topic (`acct.<id>`)? Absent: private topics are refused. */
  authorizeTopic?: ((userId: string, topic: string) => Promise<boolean>) | undefined;
  /** Order entry (core-server/src/trading/): absent when core runs without a journal. */
  trading?: ((session: Session, msg: Extract<ClientMessage, { op: TradingOp }>) => void) | undefined;
};

/** WebSocket close code for a server-side failure (RFC 6455 §7.4.1). */
export const CLOSE_INTERNAL_ERROR = 1011;

/** A bug met while serving a socket: logged with context, counted, and that socket alone is closed. */
export function failInternally(ctx: DispatchContext, session: Session, where: string, e: unknown): void {
  ctx.metrics.internalErrors.inc({ where });
  ctx.log.error({ err: e, session: session.id, where }, 'internal error while serving a socket');
  if (!session.closed) session.ws.end(CLOSE_INTERNAL_ERROR, 'internal error');
}

/** Handles one client frame: rate limit, decode (never throws), then the op. */
export function dispatchFrame(ctx: DispatchContext, session: Session, data: ArrayBuffer, isBinary: boolean): void {
  ctx.metrics.messagesIn.inc();
  if (!session.bucket.take(ctx.clock.nowMs())) {
    session.rateLimitedStreak += 1;
    if (session.rateLimitedStreak > RATE_LIMITED_STREAK_MAX) {
      session.ws.end(CLOSE_POLICY_VIOLATION, 'message rate limit');
      return;
    }
    session.send({ type: 'error', code: 'PROTO_RATE_LIMITED', message: 'too many messages; slow down' });
    return;
  }
  session.rateLimitedStreak = 0;
  if (isBinary) {
    session.send({ type: 'error', code: 'PROTO_MALFORMED', message: 'binary frames are not part of protocol v1' });
    return;
  }
  const decoded = decodeClientMessage(data);
  if (!decoded.ok) {
    session.send({ type: 'error', id: decoded.id, code: decoded.code, message: decoded.message });
    return;
  }
  handleMessage(ctx, session, decoded.message);
}

function handleMessage(ctx: DispatchContext, session: Session, msg: ClientMessage): void {
  switch (msg.op) {
    case 'ping':
      session.send({ type: 'pong', id: msg.id, serverTimeMs: ctx.clock.nowMs() });
      return;
    case 'subscribe':
      subscribe(ctx, session, msg.id, msg.topics);
      return;
    case 'unsubscribe':
      for (const topic of msg.topics) ctx.hub.unsubscribe(session, topic);
      session.send({ type: 'ack', op: 'unsubscribe', id: msg.id, topics: [...new Set(msg.topics)] });
      return;
    case 'auth': {
      const pending = authenticate(ctx, session, msg.id, msg.token).catch((e: unknown) =>
        failInternally(ctx, session, 'auth', e),
      );
      session.authPending = pending;
      pending.finally(() => {
        if (session.authPending === pending) session.authPending = undefined;
      });
      return;
    }
    case 'logout':
      session.auth = undefined;
      session.send({ type: 'ack', op: 'logout', id: msg.id });
      return;
    case 'place':
    case 'modify':
    case 'cancel':
    case 'cancelAll':
    case 'killSwitch':
      if (ctx.trading === undefined) {
        session.send({
          type: 'reject',
          op: msg.op,
          id: msg.id,
          code: 'CORE_JOURNAL_UNAVAILABLE',
          message: 'order entry is not enabled',
        });
      } else ctx.trading(session, msg);
      return;
    default:
      assertNever(msg, 'client message');
  }
}

/** All or nothing: an unknown symbol or a breach of the limit changes no subscription. */
function subscribe(ctx: DispatchContext, session: Session, id: string | undefined, requested: string[]): void {
  const topics = [...new Set(requested)];
  const privateTopics = topics.filter(isAccountTopic);
  if (privateTopics.length > 0) {
    authorizePrivate(ctx, session, privateTopics)
      .then((allowed) => {
        if (session.closed) return;
        if (!allowed) {
          session.send({
            type: 'error',
            id,
            code: 'TOPIC_FORBIDDEN',
            message: 'not your account (or not authenticated)',
          });
        } else session.ws.cork(() => subscribeAllowed(ctx, session, id, topics));
      })
      .catch((e: unknown) => failInternally(ctx, session, 'subscribe', e));
    return;
  }
  subscribeAllowed(ctx, session, id, topics);
}

/** Every private topic must be an account of the authenticated user (after a pending auth completes). */
async function authorizePrivate(ctx: DispatchContext, session: Session, topics: string[]): Promise<boolean> {
  if (session.authPending !== undefined) await session.authPending;
  const auth = session.authAt(ctx.clock.nowMs());
  if (auth === undefined || ctx.authorizeTopic === undefined) return false;
  for (const topic of topics) if (!(await ctx.authorizeTopic(auth.userId, topic))) return false;
  return true;
}

function subscribeAllowed(ctx: DispatchContext, session: Session, id: string | undefined, topics: string[]): void {
  const unknown = topics.filter((t) => !isAccountTopic(t) && !ctx.encoder.knows(symbolOf(t)));
  if (unknown.length > 0) {
    const names = unknown.slice(0, 3).map(symbolOf).join(', ');
    session.send({ type: 'error', id, code: 'MD_UNKNOWN_SYMBOL', message: `unknown symbol: ${names}` });
    return;
  }
  const fresh = topics.filter((t) => !session.topics.has(t));
  if (session.topics.size + fresh.length > SUBSCRIPTIONS_PER_SOCKET_MAX) {
    const message = `a socket may hold ${SUBSCRIPTIONS_PER_SOCKET_MAX} subscriptions; it holds ${session.topics.size}`;
    session.send({ type: 'error', id, code: 'PROTO_TOO_MANY_SUBSCRIPTIONS', message });
    return;
  }
  session.ws.cork(() => {
    for (const topic of fresh) ctx.hub.subscribe(session, topic);
    session.send({ type: 'ack', op: 'subscribe', id, topics });
    // The newest frame of each new topic, so a client shows a price at once instead of at the next tick.
    for (const topic of fresh) {
      if (isAccountTopic(topic)) continue;
      const last = ctx.initialFrame?.(topic) ?? ctx.encoder.last(channelOf(topic), symbolOf(topic));
      if (last !== undefined) session.sendText(last);
    }
  });
}

async function authenticate(ctx: DispatchContext, session: Session, id: string | undefined, token: string) {
  const result = await ctx.keys.verify(token);
  if (session.closed) return;
  // The answer comes after an await: uWS needs it corked to write it in one go.
  session.ws.cork(() => {
    if (!result.ok) {
      ctx.metrics.authAttempts.inc({ outcome: result.code });
      session.send({ type: 'error', id, code: result.code, message: result.message });
      return;
    }
    const { userId, sessionId, role, issuedAtS, expiresAtS } = result.claims;
    session.auth = { userId, sessionId, role, issuedAtS, expiresAtMs: expiresAtS * 1000 };
    ctx.metrics.authAttempts.inc({ outcome: 'ok' });
    session.send({ type: 'authed', id, userId, expiresAtMs: expiresAtS * 1000 });
  });
}

/** The schema guarantees `<channel>.<symbol>` with a known channel. */
function symbolOf(topic: string): string {
  return topic.slice(topic.indexOf('.') + 1);
}

function channelOf(topic: string): TopicChannel {
  const channel = topic.slice(0, topic.indexOf('.'));
  const known = ([...PUBLIC_CHANNELS, REPLAY_CHANNEL] as const).find((c) => c === channel);
  if (known === undefined) throw new Error(`topic with an unknown channel passed validation: ${topic}`);
  return known;
}
