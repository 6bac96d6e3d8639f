import { type Algorithm, hash, parseOptions, verify } from '@node-rs/argon2';
import { assert } from '@tradewind/shared';

/** argon2id's numeric id in @node-rs/argon2 (its `Algorithm` is a const enum, unusable under isolatedModules). */
const ARGON2ID = 2 as Algorithm;

export type PasswordHashPolicy = {
  /** KiB of memory per hash. */
  readonly memoryKib: number;
  readonly timeCost: number;
  readonly parallelism: number;
};

/** RELIABILITY S3 / OWASP: argon2id with m ≥ 19 MiB, t ≥ 2, p = 1. */
export const PASSWORD_HASH_MIN: PasswordHashPolicy = { memoryKib: 19 * 1024, timeCost: 2, parallelism: 1 };
/** What production uses: the OWASP minimum (about 30 ms a hash on this machine's cores). */
export const PASSWORD_HASH_POLICY: PasswordHashPolicy = PASSWORD_HASH_MIN;

export function meetsMinimum(policy: PasswordHashPolicy): boolean {
  return (
    policy.memoryKib >= PASSWORD_HASH_MIN.memoryKib &&
    policy.timeCost >= PASSWORD_HASH_MIN.timeCost &&
    policy.parallelism === PASSWORD_HASH_MIN.parallelism
  );
}

/** Hashing, verification and the rehash rule for one policy. */
export class PasswordHasher {
  readonly #policy: PasswordHashPolicy;
  #dummyHash: Promise<string> | undefined;

  constructor(policy: PasswordHashPolicy) {
    assert(policy.memoryKib >= 8 && policy.timeCost >= 1 && policy.parallelism >= 1, 'impossible argon2 policy');
    this.#policy = policy;
  }

  hash(password: string): Promise<string> {
    const p = this.#policy;
    return hash(password, {
      algorithm: ARGON2ID,
      memoryCost: p.memoryKib,
      timeCost: p.timeCost,
      parallelism: p.parallelism,
    });
  }

  /** False for a malformed stored hash too: a corrupt row must not become a login bypass or a crash. */
  async verify(storedHash: string, password: string): Promise<boolean> {
    try {
      return await verify(storedHash, password);
    } catch {
      return false;
    }
  }

  /**
   * Spends the same work as a real verification for a user that does not exist, so the
   * response time does not reveal which e-mails have accounts.
   */
  async verifyDummy(password: string): Promise<void> {
    this.#dummyHash ??= this.hash('tradewind-dummy-password');
    await this.verify(await this.#dummyHash, password);
  }

  /** True when a stored hash is weaker than (or different from) the current policy. */
  needsRehash(storedHash: string): boolean {
    try {
      const o = parseOptions(storedHash);
      const p = this.#policy;
      return (
        o.algorithm !== ARGON2ID ||
        o.memoryCost < p.memoryKib ||
        o.timeCost < p.timeCost ||
        o.parallelism !== p.parallelism
      );
    } catch {
      return true;
    }
  }
}
