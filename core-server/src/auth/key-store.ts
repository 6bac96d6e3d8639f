import type { PublicSigningKey } from '@tradewind/db';
import {
  importVerificationKey,
  type VerificationKey,
  type VerifyResult,
  verifyAccessToken,
} from '@tradewind/shared/auth';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { CoreMetrics } from '../metrics';
import { tokenKeyId } from './token-header';
import type { TokenHolder, TokenStandings } from './token-standing';

/** A token's verdict: its signature and claims (shared/auth), then its session's standing (RELIABILITY S2). */
export type AccessResult =
  | VerifyResult
  | { ok: false; code: 'AUTH_SESSION_REVOKED' | 'AUTH_UNAVAILABLE'; message: string };

/** Decides whether a verified token's session still stands (TokenStandings; tests may pass their own). */
export type StandingCheck = Pick<TokenStandings, 'check'>;

/**
 * At most one reload of the keys per this interval: a token with an unknown `kid` may mean
 * edge rotated its key (reload), or garbage (don't let it make us hammer the database).
 */
export const KEY_RELOAD_INTERVAL_MIN_MS = 5_000;
/** Keys we keep; edge keeps one current key and a few retired ones. */
export const VERIFICATION_KEYS_MAX = 64;

export type KeyLoader = () => Promise<PublicSigningKey[]>;

/**
 * Edge's public signing keys, loaded from the database, used to verify access tokens; a token
 * that verifies must also still stand (not logged out, not older than the user's cut-off).
 */
export class KeyStore {
  private keys = new Map<string, VerificationKey>();
  private lastAttemptMs = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly loader: KeyLoader,
    private readonly clock: Clock,
    private readonly metrics: CoreMetrics,
    private readonly log: Logger,
    private readonly standings: StandingCheck,
  ) {}

  get size(): number {
    return this.keys.size;
  }

  /** Loads the keys (single flight). A failure keeps the keys we had and is logged and counted. */
  load(): Promise<void> {
    this.loading ??= this.loadOnce().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  async verify(token: string): Promise<AccessResult> {
    if (this.loading) await this.loading;
    const kid = tokenKeyId(token);
    const stale = kid !== undefined && !this.keys.has(kid);
    if (stale && this.clock.nowMs() - this.lastAttemptMs >= KEY_RELOAD_INTERVAL_MIN_MS) await this.load();
    const verified = await verifyAccessToken(token, this.keys, Math.floor(this.clock.nowMs() / 1000));
    if (!verified.ok) return verified;
    const holder: TokenHolder = verified.claims;
    const verdict = await this.standings.check(holder);
    if (verdict === 'ok') return verified;
    const message =
      verdict === 'AUTH_SESSION_REVOKED'
        ? 'session ended (logout or password change): sign in again'
        : 'cannot check the session right now; try again shortly';
    return { ok: false, code: verdict, message };
  }

  private async loadOnce(): Promise<void> {
    this.lastAttemptMs = this.clock.nowMs();
    try {
      const rows = (await this.loader()).slice(-VERIFICATION_KEYS_MAX);
      const next = new Map<string, VerificationKey>();
      for (const row of rows) {
        try {
          next.set(row.kid, await importVerificationKey(row.kid, row.publicKeyPem));
        } catch (e) {
          this.log.error({ err: e, kid: row.kid }, 'unusable verification key skipped');
        }
      }
      this.keys = next;
      this.metrics.keyReloads.inc({ outcome: 'ok' });
      this.log.info({ keys: next.size }, 'verification keys loaded');
    } catch (e) {
      this.metrics.keyReloads.inc({ outcome: 'error' });
      this.log.warn({ err: e }, 'could not load verification keys; keeping the previous set');
    }
  }
}
