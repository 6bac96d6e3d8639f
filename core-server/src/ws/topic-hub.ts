import type { TemplatedApp } from 'uWebSockets.js';
import { assert } from '@tradewind/shared';
import { SEND_BUFFER_BYTES_MAX } from '@tradewind/shared/protocol';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { CoreMetrics } from '../metrics';
import { flushSessions, type Session } from './session';

/** Buffered bytes above which a socket is slow: it stops getting every frame and gets the newest per topic. */
export const SLOW_ENTER_BYTES = SEND_BUFFER_BYTES_MAX;
/** A slow socket is back to normal once it has drained below this (hysteresis against flapping). */
export const SLOW_LEAVE_BYTES = SEND_BUFFER_BYTES_MAX / 4;
/**
 * uWS's own per-socket bound (maxBackpressure): above it uWS skips published frames for that
 * socket by itself. Twice SLOW_ENTER_BYTES leaves room for the frames of a batch published
 * before our check after that batch, so normally our conflation acts first; this is the backstop.
 */
export const BACKPRESSURE_HARD_BYTES = 2 * SEND_BUFFER_BYTES_MAX;
/** A socket slow for this long without draining is closed: it is stalled, not just slow. */
export const STALL_CLOSE_MS_DEFAULT = 10_000;
/** WebSocket close code for a stalled consumer (4000-4999: application codes). */
export const CLOSE_STALLED = 4008;

/**
 * Fan-out with bounded memory per socket. Normal sockets are subscribed natively and get every
 * frame through `app.publish` (serialised once, written by uWS with corking). After each batch
 * `sweep()` looks at every socket's buffered bytes: a socket past SLOW_ENTER_BYTES leaves its
 * native topics and from then on keeps only the newest frame per topic (the older one is
 * dropped and counted); when it drains it gets those frames and rejoins its topics; if it does
 * not drain within the stall bound it is closed. Memory per socket is thus bounded by
 * BACKPRESSURE_HARD_BYTES plus one frame per subscribed topic.
 */
export class TopicHub {
  private readonly sessions = new Set<Session>();
  private readonly slowByTopic = new Map<string, Set<Session>>();
  private slowCount = 0;
  private flushScheduled = false;
  private sweepScheduled: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly app: TemplatedApp,
    private readonly metrics: CoreMetrics,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly stallCloseMs: number = STALL_CLOSE_MS_DEFAULT,
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  add(session: Session): void {
    this.sessions.add(session);
  }

  /** Forgets a closed socket (uWS drops its native subscriptions itself). */
  remove(session: Session): void {
    if (!this.sessions.delete(session)) return;
    if (session.slow) this.forgetSlow(session, 'closed');
  }

  subscribe(session: Session, topic: string): void {
    if (session.topics.has(topic)) return;
    session.topics.add(topic);
    if (session.slow) this.slowSet(topic).add(session);
    else session.ws.subscribe(topic);
  }

  unsubscribe(session: Session, topic: string): void {
    if (!session.topics.delete(topic)) return;
    if (session.slow) {
      this.slowByTopic.get(topic)?.delete(session);
      if (session.slow.pending.delete(topic)) this.metrics.dropped.inc({ reason: 'unsubscribed' });
    } else {
      session.ws.unsubscribe(topic);
    }
  }

  /** Does any socket, fast or slow, hold this topic? */
  hasSubscribers(topic: string): boolean {
    return this.app.numSubscribers(topic) > 0 || (this.slowByTopic.get(topic)?.size ?? 0) > 0;
  }

  publish(topic: string, text: string): void {
    flushSessions(); // what was sent before this frame goes out before it
    this.app.publish(topic, text, false, false);
    this.flushSoon();
    const slow = this.slowByTopic.get(topic);
    if (slow === undefined || slow.size === 0) return;
    for (const session of slow) {
      const pending = session.slow?.pending;
      assert(pending !== undefined, 'a socket in slowByTopic must be slow');
      if (pending.has(topic)) this.metrics.dropped.inc({ reason: 'conflated' });
      pending.set(topic, text);
    }
  }

  /**
   * uWS queues published frames and writes them in its post-loop handler, which runs in libuv's
   * check phase. Published from a timer (the feed's steps), the loop would first block in poll
   * until the next event or timer (up to a feed period: the frames would wait that long); a
   * pending immediate makes that poll return at once, so the frames go out in this iteration.
   */
  private flushSoon(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
    });
  }

  /**
   * `sweep()` once the batch just published has been written: uWS writes it in this turn's check
   * phase, and a timer runs in the next turn. Sweeping right after publishing looked at the
   * backlog before the batch was even written, and its native call per socket (~0.25 ms for 1,000
   * sockets) delayed every client's frame by that much. Batches published meanwhile share the
   * sweep; uWS's own bound (BACKPRESSURE_HARD_BYTES) holds in between.
   */
  sweepAfterWrite(): void {
    if (this.sweepScheduled !== undefined) return;
    this.sweepScheduled = setTimeout(() => {
      this.sweepScheduled = undefined;
      this.sweep();
    }, 0);
  }

  /** Cancels a scheduled sweep (the server is closing). */
  stopSweeps(): void {
    if (this.sweepScheduled !== undefined) clearTimeout(this.sweepScheduled);
    this.sweepScheduled = undefined;
  }

  /** Moves sockets in and out of slow mode and closes stalled ones; after every batch and on a timer. */
  sweep(): void {
    const nowMs = this.clock.nowMs();
    let bufferedMax = 0;
    for (const session of this.sessions) {
      if (session.closed) continue;
      const buffered = session.ws.getBufferedAmount();
      bufferedMax = Math.max(bufferedMax, buffered);
      if (session.hasDeferred) session.flushDeferred();
      const slow = session.slow;
      if (slow === undefined) {
        if (buffered > SLOW_ENTER_BYTES) this.enterSlow(session, nowMs);
        continue;
      }
      if (!slow.hitHardLimit && buffered >= BACKPRESSURE_HARD_BYTES) {
        slow.hitHardLimit = true;
        this.metrics.backpressureLimitHits.inc();
      }
      if (buffered <= SLOW_LEAVE_BYTES) this.leaveSlow(session);
      else if (nowMs - slow.sinceMs >= this.stallCloseMs) this.closeStalled(session, buffered);
    }
    this.metrics.bufferedBytesMax.set(bufferedMax);
  }

  /** uWS's drain event: the socket wrote some backlog; maybe it is fast again. */
  onDrain(session: Session): void {
    session.flushDeferred();
    if (session.slow && !session.closed && session.ws.getBufferedAmount() <= SLOW_LEAVE_BYTES) {
      this.leaveSlow(session);
    }
  }

  /** Closes the sockets `doomed` picks (their access token was cut off); returns how many. */
  closeWhere(doomed: (session: Session) => boolean, code: number, reason: string): number {
    let closed = 0;
    for (const session of [...this.sessions]) {
      if (session.closed || !doomed(session)) continue;
      session.ws.end(code, reason);
      closed += 1;
    }
    return closed;
  }

  /** The sessions open now (a copy: closing one while iterating is safe). */
  openSessions(): Session[] {
    return [...this.sessions].filter((s) => !s.closed);
  }

  /** Closes every socket (shutdown). */
  closeAll(code: number, reason: string): void {
    for (const session of [...this.sessions]) {
      if (!session.closed) session.ws.end(code, reason);
    }
  }

  private enterSlow(session: Session, nowMs: number): void {
    session.slow = { sinceMs: nowMs, pending: new Map(), hitHardLimit: false };
    for (const topic of session.topics) {
      session.ws.unsubscribe(topic);
      this.slowSet(topic).add(session);
    }
    this.slowCount += 1;
    this.metrics.slowConsumers.set(this.slowCount);
    this.metrics.slowEntered.inc();
    this.log.warn({ session: session.id, topics: session.topics.size }, 'slow consumer: conflating market data');
  }

  private leaveSlow(session: Session): void {
    const pending = session.slow?.pending;
    assert(pending !== undefined, 'leaveSlow on a socket that is not slow');
    this.forgetSlow(session, undefined);
    session.ws.cork(() => {
      for (const text of pending.values()) session.sendText(text);
      for (const topic of session.topics) session.ws.subscribe(topic);
    });
  }

  private closeStalled(session: Session, buffered: number): void {
    this.metrics.stalledClosed.inc();
    this.log.warn({ session: session.id, bufferedBytes: buffered }, 'stalled consumer closed');
    // end() would queue a close frame behind the backlog the peer does not read: close at once.
    session.ws.close();
  }

  /** Leaves slow mode in our books; pending frames are dropped when `dropReason` is given. */
  private forgetSlow(session: Session, dropReason: 'closed' | undefined): void {
    const slow = session.slow;
    if (slow === undefined) return;
    if (dropReason !== undefined && slow.pending.size > 0)
      this.metrics.dropped.inc({ reason: dropReason }, slow.pending.size);
    for (const topic of session.topics) this.slowByTopic.get(topic)?.delete(session);
    session.slow = undefined;
    this.slowCount -= 1;
    assert(this.slowCount >= 0, 'slow consumer count below zero');
    this.metrics.slowConsumers.set(this.slowCount);
  }

  private slowSet(topic: string): Set<Session> {
    let set = this.slowByTopic.get(topic);
    if (set === undefined) {
      set = new Set();
      this.slowByTopic.set(topic, set);
    }
    return set;
  }
}
