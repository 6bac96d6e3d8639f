import { timingSafeEqual } from 'node:crypto';
import { type ApiKeyRecord, hashApiKeySecret, type PresentedApiKey } from '@tradewind/db';
import type { ApiKeyScope } from '@tradewind/db/schema';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { CoreMetrics } from '../metrics';
import { TokenBucket } from '../ws/token-bucket';

/**
 * How long a looked-up key (or its absence) is trusted: a revoked key stops working within
 * this time on every core, without a query per request.
 */
export const API_KEY_CACHE_MS = 5_000;
/** Keys remembered at once, and unknown ids (each its own cache); a cache starts over past it. */
export const API_KEY_CACHE_MAX = 10_000;
/** Requests per second one key may make, and its burst. */
export const API_KEY_RATE_PER_S = 20;
export const API_KEY_BURST = 40;
/** Database lookups per second for ids not in the cache (guessed ids must not turn into a query flood). */
export const API_KEY_LOOKUPS_PER_S = 200;
/** `last_used_at` is written at most this often per key. */
export const API_KEY_TOUCH_MS = 60_000;

export type ApiKeyCheck =
  | { readonly ok: true; readonly userId: string; readonly keyId: string }
  | { readonly ok: false; readonly code: 'AUTH_REQUIRED' | 'FORBIDDEN' | 'RATE_LIMITED'; readonly message: string };

export type ApiKeyDeps = {
  readonly find: (id: string) => Promise<ApiKeyRecord | undefined>;
  readonly touch: (id: string, atMs: number) => Promise<void>;
  readonly clock: Clock;
  readonly metrics: CoreMetrics;
  readonly log: Logger;
};

type Cached = { readonly record: ApiKeyRecord | undefined; readonly loadedAtMs: number };

const refused = (code: 'AUTH_REQUIRED', message: string): ApiKeyCheck => ({ ok: false, code, message });
/** One message for unknown id, wrong secret, revoked or expired: the caller learns only "no". */
const INVALID = 'invalid, revoked or expired API key';

/**
 * Verifies `<id>.<secret>` API keys for the REST API: a cached lookup by id (bounded staleness,
 * single flight), a constant-time compare of the secret's SHA-256 with the stored one, then
 * revocation, expiry, scope and a per-key rate limit. Throws only when the database is away
 * and the key is not cached (the transports answer 503).
 */
export class ApiKeyVerifier {
  /** Ids found in the database (revoked or not), and ids that were not: each with when it was read. */
  private readonly keys = new Map<string, Cached>();
  private readonly unknown = new Map<string, Cached>();
  private readonly inflight = new Map<string, Promise<Cached>>();
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly touchedAtMs = new Map<string, number>();
  private readonly lookups: TokenBucket;

  constructor(private readonly deps: ApiKeyDeps) {
    this.lookups = new TokenBucket(API_KEY_LOOKUPS_PER_S, API_KEY_LOOKUPS_PER_S, deps.clock.nowMs());
  }

  async verify(key: PresentedApiKey, scope: ApiKeyScope): Promise<ApiKeyCheck> {
    const answer = await this.check(key, scope);
    this.deps.metrics.apiKeyChecks.inc({ outcome: answer.ok ? 'ok' : outcomeOf(answer) });
    return answer;
  }

  private async check(key: PresentedApiKey, scope: ApiKeyScope): Promise<ApiKeyCheck> {
    const nowMs = this.deps.clock.nowMs();
    const cached = await this.lookup(key.id, nowMs);
    if (cached === 'RATE_LIMITED') return { ok: false, code: 'RATE_LIMITED', message: 'too many API key lookups' };
    const record = cached.record;
    if (record === undefined || !secretMatches(key.secret, record.secretHash)) return refused('AUTH_REQUIRED', INVALID);
    if (record.revoked || (record.expiresAtMs !== null && record.expiresAtMs <= nowMs)) {
      return refused('AUTH_REQUIRED', INVALID);
    }
    if (!record.scopes.includes(scope)) {
      return { ok: false, code: 'FORBIDDEN', message: `this API key lacks the ${scope} scope` };
    }
    if (!this.bucketOf(key.id, nowMs).take(nowMs)) {
      return { ok: false, code: 'RATE_LIMITED', message: `more than ${API_KEY_RATE_PER_S} requests a second` };
    }
    this.touch(key.id, nowMs);
    return { ok: true, userId: record.userId, keyId: key.id };
  }

  private async lookup(id: string, nowMs: number): Promise<Cached | 'RATE_LIMITED'> {
    const hit = this.keys.get(id) ?? this.unknown.get(id);
    if (hit !== undefined && nowMs - hit.loadedAtMs < API_KEY_CACHE_MS) return hit;
    let pending = this.inflight.get(id);
    if (pending === undefined) {
      // Refreshing a key that exists is never throttled: a flood of guessed ids (which spends
      // the lookup budget) must not lock out real keys whose cache entry went stale.
      if (!this.keys.has(id) && !this.lookups.take(nowMs)) return 'RATE_LIMITED';
      pending = this.load(id, nowMs).finally(() => this.inflight.delete(id));
      this.inflight.set(id, pending);
    }
    return pending;
  }

  private async load(id: string, nowMs: number): Promise<Cached> {
    const entry = { record: await this.deps.find(id), loadedAtMs: nowMs };
    // Found and unknown ids are kept apart, so guessed ids can never evict real keys.
    const into = entry.record === undefined ? this.unknown : this.keys;
    (entry.record === undefined ? this.keys : this.unknown).delete(id);
    if (into.size >= API_KEY_CACHE_MAX) into.clear();
    into.set(id, entry);
    return entry;
  }

  private bucketOf(id: string, nowMs: number): TokenBucket {
    let bucket = this.buckets.get(id);
    if (bucket === undefined) {
      if (this.buckets.size >= API_KEY_CACHE_MAX) this.buckets.clear();
      bucket = new TokenBucket(API_KEY_RATE_PER_S, API_KEY_BURST, nowMs);
      this.buckets.set(id, bucket);
    }
    return bucket;
  }

  /** Fire and forget, throttled: "last used" is informative; a failed write is logged, never fatal. */
  private touch(id: string, nowMs: number): void {
    const last = this.touchedAtMs.get(id);
    if (last !== undefined && nowMs - last < API_KEY_TOUCH_MS) return;
    if (this.touchedAtMs.size >= API_KEY_CACHE_MAX) this.touchedAtMs.clear();
    this.touchedAtMs.set(id, nowMs);
    this.deps.touch(id, nowMs).catch((e: unknown) => this.deps.log.warn({ err: e }, 'api key last-used not recorded'));
  }
}

/** Both sides are 32-byte digests: equal lengths, so timingSafeEqual leaks nothing about the secret. */
function secretMatches(secret: string, storedHex: string): boolean {
  const given = Buffer.from(hashApiKeySecret(secret), 'hex');
  const stored = Buffer.from(storedHex, 'hex');
  return stored.length === given.length && timingSafeEqual(given, stored);
}

function outcomeOf(answer: Extract<ApiKeyCheck, { ok: false }>): string {
  if (answer.code === 'RATE_LIMITED') return 'rate_limited';
  return answer.code === 'FORBIDDEN' ? 'scope' : 'invalid';
}
