import {
  decodeTokenRevocation,
  readTokenStanding,
  type Sql,
  TOKEN_REVOKED_CHANNEL,
  type TokenRevocation,
  type TokenStanding,
} from '@tradewind/db';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { CoreMetrics } from '../metrics';

/**
 * How long a standing read from the database is trusted. Revocations arrive by NOTIFY and drop
 * the entry at once; the TTL only bounds the harm of a notification lost with its connection.
 */
export const STANDING_CACHE_TTL_MS = 30_000;
/** Sessions remembered; past it the oldest entries go (a bound on memory, not on correctness). */
export const STANDING_CACHE_MAX = 10_000;
/** Retry period of the LISTEN when it could not be set up (the database was away at start). */
export const LISTEN_RETRY_MS = 5_000;
/** Reads of one check when revocations keep arriving meanwhile; then the check fails closed. */
const READS_PER_CHECK_MAX = 3;

/** What a token's holder may do: go on, or not (revoked), or we cannot tell (database away). */
export type StandingVerdict = 'ok' | 'AUTH_SESSION_REVOKED' | 'AUTH_UNAVAILABLE';

/** The claims a standing is decided on. */
export type TokenHolder = { readonly userId: string; readonly sessionId: string; readonly issuedAtS: number };

/** Did this revocation cut off this holder's token? The same rule as edge (iat in whole seconds). */
export function isCutOff(holder: TokenHolder, revocation: TokenRevocation): boolean {
  if (holder.userId !== revocation.userId) return false;
  if ('sessionId' in revocation) return holder.sessionId === revocation.sessionId;
  return holder.issuedAtS < Math.floor(revocation.validAfterMs / 1000);
}

function verdictOf(holder: TokenHolder, standing: TokenStanding): StandingVerdict {
  if (!standing.live) return 'AUTH_SESSION_REVOKED';
  return holder.issuedAtS < Math.floor(standing.validAfterMs / 1000) ? 'AUTH_SESSION_REVOKED' : 'ok';
}

type Entry = { readonly userId: string; readonly standing: TokenStanding; readonly readAtMs: number };

/**
 * Whether access tokens still stand (RELIABILITY S2): the session not revoked, the token not
 * older than the user's `tokens_valid_after`. Read from PostgreSQL with a small cache, told of
 * revocations by LISTEN (db/src/token-standing.ts). Fail closed: when the database cannot be
 * read and no fresh entry is cached, the token is refused as AUTH_UNAVAILABLE (order entry
 * needs the database anyway); public market data does not depend on this at all.
 */
export class TokenStandings {
  readonly #cache = new Map<string, Entry>();
  readonly #subscribers = new Set<(revocation: TokenRevocation | 'resync') => void>();
  /** Moves on every revocation: a read that overlapped one is not trusted (it may predate it). */
  #generation = 0;
  #listener: Awaited<ReturnType<Sql['listen']>> | undefined;
  #retry: NodeJS.Timeout | undefined;
  #listens = 0;
  #closed = false;

  constructor(
    private readonly sql: Sql,
    private readonly clock: Clock,
    private readonly metrics: CoreMetrics,
    private readonly log: Logger,
  ) {}

  /** Starts listening. Not fatal when the database is away: it retries, and checks fail closed meanwhile. */
  async start(): Promise<void> {
    try {
      this.#listener = await this.sql.listen(
        TOKEN_REVOKED_CHANNEL,
        (payload) => this.#onNotify(payload),
        () => this.#onListen(),
      );
    } catch (e) {
      this.log.warn({ err: e }, 'could not LISTEN for token revocations; retrying');
      // The next LISTEN that works then counts as a reconnect: whatever was cached meanwhile is dropped.
      this.#listens = 1;
      if (this.#closed) return;
      this.#retry = setTimeout(() => void this.start(), LISTEN_RETRY_MS);
      this.#retry.unref();
    }
  }

  /** Called on every revocation, and with 'resync' after a reconnect (notifications may have been missed). */
  subscribe(subscriber: (revocation: TokenRevocation | 'resync') => void): void {
    this.#subscribers.add(subscriber);
  }

  async check(holder: TokenHolder): Promise<StandingVerdict> {
    const cached = this.#cache.get(holder.sessionId);
    if (cached !== undefined && this.clock.nowMs() - cached.readAtMs < STANDING_CACHE_TTL_MS) {
      if (cached.userId === holder.userId) return verdictOf(holder, cached.standing);
    }
    for (let read = 0; read < READS_PER_CHECK_MAX; read++) {
      const generation = this.#generation;
      let standing: TokenStanding;
      try {
        standing = await readTokenStanding(this.sql, holder);
      } catch (e) {
        this.metrics.tokenStandingReads.inc({ outcome: 'error' });
        this.log.warn({ err: e }, 'could not read a token standing; refusing the token (fail closed)');
        return 'AUTH_UNAVAILABLE';
      }
      this.metrics.tokenStandingReads.inc({ outcome: 'ok' });
      if (generation === this.#generation) {
        this.#remember(holder, standing);
        return verdictOf(holder, standing);
      }
    }
    return 'AUTH_UNAVAILABLE';
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    const listener = this.#listener;
    this.#listener = undefined;
    await listener?.unlisten().catch(() => undefined);
  }

  #remember(holder: TokenHolder, standing: TokenStanding): void {
    this.#cache.delete(holder.sessionId);
    if (this.#cache.size >= STANDING_CACHE_MAX) {
      const oldest = this.#cache.keys().next();
      if (!oldest.done) this.#cache.delete(oldest.value);
    }
    this.#cache.set(holder.sessionId, { userId: holder.userId, standing, readAtMs: this.clock.nowMs() });
  }

  #onNotify(payload: string): void {
    const revocation = decodeTokenRevocation(payload);
    if (revocation === undefined) {
      this.log.warn({ payload: payload.slice(0, 200) }, 'undecodable token revocation ignored');
      return;
    }
    this.#generation += 1;
    this.metrics.tokenRevocations.inc();
    if ('sessionId' in revocation) this.#cache.delete(revocation.sessionId);
    else
      for (const [sessionId, entry] of this.#cache)
        if (entry.userId === revocation.userId) this.#cache.delete(sessionId);
    this.#publish(revocation);
  }

  /** postgres.js calls this on the first LISTEN and again after every reconnect. */
  #onListen(): void {
    this.#listens += 1;
    if (this.#listens === 1) return;
    this.log.info('token revocations: listening again; forgetting cached standings');
    this.#generation += 1;
    this.#cache.clear();
    this.#publish('resync');
  }

  #publish(event: TokenRevocation | 'resync'): void {
    for (const subscriber of this.#subscribers) {
      try {
        subscriber(event);
      } catch (e) {
        this.log.error({ err: e }, 'token revocation subscriber failed');
      }
    }
  }
}
