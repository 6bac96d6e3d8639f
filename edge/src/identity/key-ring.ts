import { currentSigningKey, type Database, listPublicSigningKeys } from '@tradewind/db';
import {
  ACCESS_TOKEN_ALG,
  importVerificationKey,
  type signAccessToken,
  type VerificationKey,
} from '@tradewind/shared/auth';
import { importPKCS8 } from 'jose';

/** Edge re-reads its signing key this often, so a rotated key is picked up without a restart. */
export const SIGNING_KEY_REFRESH_MS = 5 * 60 * 1000;
/**
 * An unknown `kid` triggers a reload of the public keys at most this often, so tokens with
 * made-up key ids cannot turn into a flood of database queries.
 */
export const KEY_RELOAD_INTERVAL_MIN_MS = 5_000;

export type Signer = Parameters<typeof signAccessToken>[1];

/** The keys edge signs and verifies access tokens with, read from the database and cached. */
export class KeyRing {
  readonly #db: Database;
  readonly #nowMs: () => number;
  #signer: { value: Promise<Signer>; loadedAtMs: number } | undefined;
  #verification: Promise<ReadonlyMap<string, VerificationKey>> | undefined;
  #verificationLoadedAtMs = Number.NEGATIVE_INFINITY;

  constructor(db: Database, nowMs: () => number) {
    this.#db = db;
    this.#nowMs = nowMs;
  }

  signer(): Promise<Signer> {
    const now = this.#nowMs();
    if (!this.#signer || now - this.#signer.loadedAtMs >= SIGNING_KEY_REFRESH_MS) {
      const value = this.#loadSigner();
      this.#signer = { value, loadedAtMs: now };
      // A failed load must not stick: the next call tries again.
      value.catch(() => {
        if (this.#signer?.value === value) this.#signer = undefined;
      });
    }
    return this.#signer.value;
  }

  async #loadSigner(): Promise<Signer> {
    const row = await currentSigningKey(this.#db);
    if (!row) throw new Error('no signing key in the database (prepareDatabase creates one)');
    return { kid: row.kid, key: await importPKCS8(row.privateKeyPem, ACCESS_TOKEN_ALG) };
  }

  /** The verification keys, reloaded (rate-limited) when a token names a kid we do not hold. */
  async verificationKeys(kid: string | undefined): Promise<ReadonlyMap<string, VerificationKey>> {
    const keys = await (this.#verification ?? this.#reloadVerification());
    if (kid === undefined || keys.has(kid)) return keys;
    if (this.#nowMs() - this.#verificationLoadedAtMs < KEY_RELOAD_INTERVAL_MIN_MS) return keys;
    return this.#reloadVerification();
  }

  #reloadVerification(): Promise<ReadonlyMap<string, VerificationKey>> {
    this.#verificationLoadedAtMs = this.#nowMs();
    const loading = listPublicSigningKeys(this.#db).then(async (rows) => {
      const entries = await Promise.all(
        rows.map(async (r) => [r.kid, await importVerificationKey(r.kid, r.publicKeyPem)] as const),
      );
      return new Map(entries);
    });
    this.#verification = loading;
    loading.catch(() => {
      if (this.#verification === loading) this.#verification = undefined;
    });
    return loading;
  }
}
