import { randomBytes } from 'node:crypto';
import type { Sql } from '@tradewind/db';
import type { Instrument } from '@tradewind/shared';
import {
  type PublicChannel,
  parseReplaySymbol,
  type REPLAY_CHANNEL,
  REPLAY_RANGE_MS_MAX,
  REPLAY_SESSIONS_MAX,
  REPLAY_SESSIONS_PER_USER_MAX,
  type ReplayAnswer,
  type ReplayErrorCode,
  replayControlSchema,
  replayStartSchema,
} from '@tradewind/shared/protocol';
import { Gauge, type Registry } from 'prom-client';
import type { ZodError } from 'zod';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { hasHistory, openHistory } from './recorded-history';
import type { ReplayRunner } from './replay-runner';
import { ReplaySession, type SessionOutput } from './replay-session';

/** A session nobody watches and nobody controls for this long is closed. */
export const REPLAY_IDLE_MS = 10 * 60_000;
/** Period of the idle check. */
export const REPLAY_REAP_MS = 30_000;

export type ReplaySessionsDeps = {
  readonly sql: Sql;
  /** The instruments a session may replay (the engine's). */
  readonly instruments: readonly Instrument[];
  readonly clock: Clock;
  readonly runner: ReplayRunner;
  readonly output: SessionOutput;
  /** Does any socket hold this topic? (idle detection) */
  readonly hasSubscribers: (topic: string) => boolean;
  readonly log: Logger;
  /** Where `core_replay_sessions{state}` is reported (absent: not reported). */
  readonly registry?: Registry;
  /** Manual: no reap timer; tests call `reap()`. */
  readonly manual?: boolean;
};

const refuse = (code: ReplayErrorCode, message: string): ReplayAnswer => ({ ok: false, code, message });

/** The field a zod refusal is about → the code a client can switch on. */
function codeOf(error: ZodError, fields: Record<string, ReplayErrorCode>): ReplayAnswer {
  const issue = error.issues[0];
  const field = String(issue?.path[0] ?? '');
  const where = issue?.path.join('.') || 'request';
  return refuse(fields[field] ?? 'REPLAY_INVALID', `${where}: ${issue?.message ?? 'invalid'}`);
}

/**
 * Every user's replay sessions in this core: start (validated, limited, checked against the
 * store), control (owner only: another user's session is NOT_FOUND), list, and the lookups the
 * WebSocket needs to serve replay topics. Sessions are in memory: a core restart ends them.
 */
export class ReplaySessions {
  private readonly sessions = new Map<string, ReplaySession>();
  private readonly bySymbol = new Map<string, Instrument>();
  /** Starts waiting for the store, per user: they count against the limits too. */
  private readonly starting = new Map<string, number>();
  private readonly timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly deps: ReplaySessionsDeps) {
    for (const i of deps.instruments) this.bySymbol.set(i.symbol, i);
    if (!deps.manual) this.timer = setInterval(() => this.reap(), REPLAY_REAP_MS);
    if (deps.registry) this.reportTo(deps.registry);
  }

  private reportTo(registry: Registry): void {
    const sessions = this.sessions;
    new Gauge({
      name: 'core_replay_sessions',
      help: 'Open replay sessions by state',
      labelNames: ['state'],
      registers: [registry],
      collect() {
        this.reset();
        for (const s of sessions.values()) this.inc({ state: s.player.state });
      },
    });
  }

  get size(): number {
    return this.sessions.size;
  }

  async start(userId: string, body: unknown): Promise<ReplayAnswer> {
    const parsed = replayStartSchema.safeParse(body);
    if (!parsed.success) {
      return codeOf(parsed.error, {
        symbol: 'REPLAY_UNKNOWN_SYMBOL',
        fromMs: 'REPLAY_BAD_RANGE',
        toMs: 'REPLAY_BAD_RANGE',
        speed: 'REPLAY_BAD_SPEED',
      });
    }
    const r = parsed.data;
    const instrument = this.bySymbol.get(r.symbol);
    if (instrument === undefined) return refuse('REPLAY_UNKNOWN_SYMBOL', `unknown symbol ${r.symbol}`);
    const nowMs = this.deps.clock.nowMs();
    // The future is not recorded yet: a range reaching past now ends now.
    const toMs = Math.min(r.toMs, nowMs);
    if (r.fromMs >= toMs) return refuse('REPLAY_BAD_RANGE', 'the range must start before it ends, and in the past');
    if (toMs - r.fromMs > REPLAY_RANGE_MS_MAX) {
      return refuse('REPLAY_RANGE_TOO_LARGE', `a replay covers at most ${REPLAY_RANGE_MS_MAX / 86_400_000} days`);
    }
    const pending = this.starting.get(userId) ?? 0;
    const mine = pending + [...this.sessions.values()].filter((s) => s.spec.userId === userId).length;
    const all = this.sessions.size + [...this.starting.values()].reduce((a, b) => a + b, 0);
    if (mine >= REPLAY_SESSIONS_PER_USER_MAX || all >= REPLAY_SESSIONS_MAX) {
      return refuse('REPLAY_TOO_MANY', `at most ${REPLAY_SESSIONS_PER_USER_MAX} replays per user; stop one first`);
    }
    const range = { symbols: [r.symbol], fromMs: r.fromMs, toMs };
    this.starting.set(userId, pending + 1);
    let found: boolean;
    try {
      found = await hasHistory(this.deps.sql, range);
    } catch (e) {
      this.deps.log.warn({ err: e }, 'replay history probe failed');
      return refuse('REPLAY_UNAVAILABLE', 'the market-data store is unavailable; try again');
    } finally {
      const left = (this.starting.get(userId) ?? 1) - 1;
      if (left > 0) this.starting.set(userId, left);
      else this.starting.delete(userId);
    }
    if (!found) return refuse('REPLAY_NO_DATA', `nothing was recorded for ${r.symbol} in that range`);
    const id = randomBytes(8).toString('hex');
    const spec = { id, userId, instrument, fromMs: r.fromMs, toMs, speed: r.speed, paused: r.paused ?? false };
    const open = (symbol: string, fromMs: number, to: number) =>
      openHistory(this.deps.sql, { symbols: [symbol], fromMs, toMs: to });
    const session = new ReplaySession(spec, open, this.deps.output, nowMs);
    this.sessions.set(id, session);
    this.deps.runner.add(session);
    this.deps.log.info({ replay: id, userId, symbol: r.symbol, fromMs: r.fromMs, toMs }, 'replay started');
    return { ok: true, replay: session.view() };
  }

  control(userId: string, body: unknown): ReplayAnswer {
    const parsed = replayControlSchema.safeParse(body);
    if (!parsed.success) return codeOf(parsed.error, { speed: 'REPLAY_BAD_SPEED', positionMs: 'REPLAY_BAD_RANGE' });
    const c = parsed.data;
    const session = this.sessions.get(c.id);
    if (session === undefined || session.spec.userId !== userId) return refuse('REPLAY_NOT_FOUND', 'no such replay');
    const p = session.player;
    switch (c.action) {
      case 'play':
        p.play();
        break;
      case 'pause':
        p.pause();
        break;
      case 'speed':
        p.setSpeed(c.speed);
        break;
      case 'seek':
        if (c.positionMs < session.spec.fromMs || c.positionMs > session.spec.toMs) {
          return refuse('REPLAY_BAD_RANGE', 'seek inside the replay range');
        }
        p.seek(c.positionMs);
        break;
      case 'stop':
        this.end(session);
        return { ok: true, replay: session.view() };
    }
    session.lastUsedMs = this.deps.clock.nowMs();
    session.publishStatus();
    return { ok: true, replay: session.view() };
  }

  list(userId: string): ReplayAnswer {
    const replays = [...this.sessions.values()].filter((s) => s.spec.userId === userId).map((s) => s.view());
    return { ok: true, replays };
  }

  /** Is `<SYM>@<id>` a live session? (The WebSocket refuses topics of unknown symbols.) */
  knows(replaySymbol: string): boolean {
    const parts = parseReplaySymbol(replaySymbol);
    return parts !== undefined && this.sessions.get(parts.id)?.replaySymbol === replaySymbol;
  }

  /** The newest frame of a session topic, for a new subscriber. */
  last(channel: PublicChannel | typeof REPLAY_CHANNEL, replaySymbol: string): string | undefined {
    const parts = parseReplaySymbol(replaySymbol);
    return parts === undefined ? undefined : this.sessions.get(parts.id)?.last(channel);
  }

  /** Closes sessions that nobody has watched or controlled for REPLAY_IDLE_MS. */
  reap(): void {
    const nowMs = this.deps.clock.nowMs();
    for (const s of this.sessions.values()) {
      if (s.topics.some((t) => this.deps.hasSubscribers(t))) s.lastUsedMs = nowMs;
      else if (nowMs - s.lastUsedMs >= REPLAY_IDLE_MS) this.end(s);
    }
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    for (const s of [...this.sessions.values()]) this.end(s);
  }

  private end(session: ReplaySession): void {
    session.player.stop();
    session.publishStatus();
    this.deps.runner.remove(session);
    this.sessions.delete(session.spec.id);
  }
}
