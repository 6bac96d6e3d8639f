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

/**
 * At most one reload of the keys per this interval: a token with an unknown `kid` may mean
 * edge rotated its key (reload), or garbage (don't let it make us hammer the database).
 */
export const KEY_RELOAD_INTERVAL_MIN_MS = 5_000;
/** Keys we keep; edge keeps one current key and a few retired ones. */
export const VERIFICATION_KEYS_MAX = 64;

export type KeyLoader = () => Promise<PublicSigningKey[]>;

/** Edge's public signing keys, loaded from the database, used to verify access tokens. */
export class KeyStore {
  private keys = new Map<string, VerificationKey>();
  private lastAttemptMs = Number.NEGATIVE_INFINITY;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly loader: KeyLoader,
    private readonly clock: Clock,
    private readonly metrics: CoreMetrics,
    private readonly log: Logger,
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

  async verify(token: string): Promise<VerifyResult> {
    if (this.loading) await this.loading;
    const kid = tokenKeyId(token);
    const stale = kid !== undefined && !this.keys.has(kid);
    if (stale && this.clock.nowMs() - this.lastAttemptMs >= KEY_RELOAD_INTERVAL_MIN_MS) await this.load();
    return verifyAccessToken(token, this.keys, Math.floor(this.clock.nowMs() / 1000));
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
