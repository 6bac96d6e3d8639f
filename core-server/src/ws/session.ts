import type { WebSocket } from 'uWebSockets.js';
import { encodeServerFrame, MESSAGES_PER_SECOND_MAX, type ServerFrame } from '@tradewind/shared/protocol';
import type { CoreMetrics } from '../metrics';
import { TokenBucket } from './token-bucket';

/** What uWS keeps per socket: filled in `upgrade`, the session attached in `open`. */
export type SocketData = { readonly origin: string; session: Session | undefined };

export type SessionAuth = {
  readonly userId: string;
  readonly sessionId: string;
  readonly role: 'user' | 'admin';
  /** The token's `iat`: a user's "tokens valid after" cut-off closes sockets authenticated before it. */
  readonly issuedAtS: number;
  readonly expiresAtMs: number;
};

/** A slow socket gets the newest frame per topic instead of a queue (see TopicHub). */
export type SlowState = { readonly sinceMs: number; readonly pending: Map<string, string>; hitHardLimit: boolean };

/** uWS `send` result: the frame was dropped because the socket is past maxBackpressure. */
const SEND_DROPPED = 2;
/** Answers held for a socket past its backpressure limit; one more and the socket is closed. */
export const DEFERRED_FRAMES_MAX = 256;

let nextSessionId = 1;

/** Sessions holding frames for this turn's corked write. */
const waiting = new Set<Session>();
let flushScheduled = false;

/**
 * Writes every session's frames of this turn, one corked write per socket. Runs at the end of
 * the turn (check phase) and before anything is published (TopicHub), so frames keep the order
 * in which they were sent and published.
 */
export function flushSessions(): void {
  if (waiting.size === 0) return;
  for (const session of waiting) session.flushOutgoing();
  waiting.clear();
}

/** One WebSocket connection: its subscriptions, authentication, rate limit and slow-mode state. */
export class Session {
  readonly id = nextSessionId++;
  readonly topics = new Set<string>();
  readonly bucket: TokenBucket;
  auth: SessionAuth | undefined;
  /** An `auth` being verified (async): order ops wait for it instead of failing AUTH_REQUIRED. */
  authPending: Promise<void> | undefined;
  /** Messages refused in a row by the rate limit; past a bound the socket is closed. */
  rateLimitedStreak = 0;
  slow: SlowState | undefined;
  closed = false;
  private readonly deferred: string[] = [];
  /** Answers queued in this turn (sendSoon), written together by flushSessions(). */
  private readonly outgoing: string[] = [];

  constructor(
    readonly ws: WebSocket<SocketData>,
    private readonly metrics: CoreMetrics,
    nowMs: number,
    messagesPerSecondMax: number = MESSAGES_PER_SECOND_MAX,
  ) {
    this.bucket = new TokenBucket(messagesPerSecondMax, messagesPerSecondMax, nowMs);
  }

  /** The authenticated user, if the token has not expired since. */
  authAt(nowMs: number): SessionAuth | undefined {
    if (this.auth !== undefined && this.auth.expiresAtMs <= nowMs) this.auth = undefined;
    return this.auth;
  }

  send(frame: ServerFrame): void {
    if (frame.type === 'error') this.metrics.errors.inc({ code: frame.code });
    this.sendText(encodeServerFrame(frame));
  }

  /**
   * Sends an already encoded frame now; a closed socket is skipped (an async answer may come
   * late). Answers queued by sendSoon go first, so frames keep their order.
   */
  sendText(text: string): void {
    if (this.closed) return;
    if (this.outgoing.length > 0) this.flushOutgoing();
    this.write(text);
  }

  /**
   * Sends a frame at the end of this turn (or before the next publish): for answers produced
   * outside uWS's callbacks, where every send would be a write of its own — the acks of one
   * journal commit are thousands of system calls — the frames of a turn go out in one corked
   * write per socket instead.
   */
  sendSoon(frame: ServerFrame): void {
    if (this.closed) return;
    if (this.outgoing.length === 0) {
      waiting.add(this);
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(() => {
          flushScheduled = false;
          flushSessions();
        });
      }
    }
    this.outgoing.push(encodeServerFrame(frame));
  }

  /** This session's frames of the turn, corked. */
  flushOutgoing(): void {
    if (this.closed || this.outgoing.length === 0) {
      this.outgoing.length = 0;
      return;
    }
    this.ws.cork(() => {
      for (const text of this.outgoing) this.write(text);
    });
    this.outgoing.length = 0;
  }

  /**
   * uWS drops a send outright when the socket is past maxBackpressure; answers must not vanish,
   * so such a frame waits in a small queue (in order) until the socket drains.
   */
  private write(text: string): void {
    if (this.closed) return;
    if (this.deferred.length === 0 && this.ws.send(text, false, false) !== SEND_DROPPED) {
      this.metrics.messagesOut.inc();
      return;
    }
    if (this.deferred.length >= DEFERRED_FRAMES_MAX) {
      this.metrics.dropped.inc({ reason: 'deferred_overflow' });
      this.ws.close();
      return;
    }
    this.deferred.push(text);
    this.metrics.deferred.inc();
  }

  /** Sends what waited for the socket to drain; called on uWS drain and by the sweep. */
  flushDeferred(): void {
    while (!this.closed && this.deferred.length > 0) {
      if (this.ws.send(this.deferred[0] as string, false, false) === SEND_DROPPED) return;
      this.deferred.shift();
      this.metrics.messagesOut.inc();
    }
  }

  get hasDeferred(): boolean {
    return this.deferred.length > 0;
  }
}
