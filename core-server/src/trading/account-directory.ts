import type { Sql } from '@tradewind/db';

export type AccountOwner = {
  readonly userId: string;
  readonly currency: string;
  readonly cashMinor: bigint;
  /** null: a cash account; else a margin account with this leverage. */
  readonly leverage: number | null;
};

/** Accounts cached per core (each is looked up once; bounded by the engine's ACCOUNTS_MAX in practice). */
export const ACCOUNT_CACHE_MAX = 100_000;

/**
 * Who owns an account, from `accounts` (owner checks: object-level authorisation). A hit is
 * answered from memory; unknown ids are not cached (they cost a query, and the sockets that
 * send them are rate limited). Throws when the database is unreachable.
 */
export class AccountDirectory {
  private readonly cache = new Map<string, AccountOwner>();
  /** One query per id in flight: concurrent requests wait on it in arrival order (keeps a socket's order). */
  private readonly inflight = new Map<string, Promise<AccountOwner | undefined>>();

  constructor(private readonly sql: Sql) {}

  cached(accountId: string): AccountOwner | undefined {
    return this.cache.get(accountId);
  }

  lookup(accountId: string): Promise<AccountOwner | undefined> {
    const hit = this.cache.get(accountId);
    if (hit !== undefined) return Promise.resolve(hit);
    let pending = this.inflight.get(accountId);
    if (pending === undefined) {
      pending = this.load(accountId).finally(() => this.inflight.delete(accountId));
      this.inflight.set(accountId, pending);
    }
    return pending;
  }

  private async load(accountId: string): Promise<AccountOwner | undefined> {
    const rows = await this.sql<{ user_id: string; currency: string; cash_minor: string; leverage: number | null }[]>`
      select user_id, currency, cash_minor::text, leverage from accounts where id = ${accountId}::uuid`;
    const r = rows[0];
    if (r === undefined) return undefined;
    const owner = { userId: r.user_id, currency: r.currency, cashMinor: BigInt(r.cash_minor), leverage: r.leverage };
    if (this.cache.size >= ACCOUNT_CACHE_MAX) this.cache.clear();
    this.cache.set(accountId, owner);
    return owner;
  }
}
