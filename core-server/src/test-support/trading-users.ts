import { randomUUID } from 'node:crypto';
import { currentSigningKey, type DbHandle, generateApiKey } from '@tradewind/db';
import { signAccessToken } from '@tradewind/shared/auth';
import { importSigningKey, startTestSession } from './tokens';

export type TestTrader = {
  readonly userId: string;
  readonly accountId: string;
  token(nowS: number): Promise<string>;
  /** Stores a new API key of this user (as edge's apiKeys.create does) and returns `<id>.<secret>`. */
  apiKey(scopes: readonly ('read' | 'trade')[], expiresAtMs?: number): Promise<{ id: string; key: string }>;
};

/** A user with one paper account (cash in minor units) and a way to sign its access tokens. */
export async function createTrader(
  db: DbHandle,
  cashMinor = 1_000_000_00n,
  role: 'user' | 'admin' = 'user',
  /** A margin paper account with this leverage (default: a cash account). */
  leverage: number | null = null,
): Promise<TestTrader> {
  const userId = randomUUID();
  const accountId = randomUUID();
  // Tokens valid after the epoch: tests sign tokens on a manual clock (TEST_EPOCH_MS), before now().
  await db.sql`insert into users (id, email, password_hash, display_name, role, tokens_valid_after)
    values (${userId}, ${`${userId}@example.test`}, 'x', 'trader', ${role}, to_timestamp(0))`;
  await db.sql`insert into accounts (id, user_id, name, kind, currency, cash_minor, leverage)
    values (${accountId}, ${userId}, 'paper', 'paper', 'USD', ${cashMinor.toString()}, ${leverage})`;
  return {
    userId,
    accountId,
    token: async (nowS: number) => {
      const current = await currentSigningKey(db.db);
      if (current === undefined) throw new Error('test database has no signing key');
      const key = await importSigningKey(current.privateKeyPem);
      const sessionId = await startTestSession(db, userId);
      return signAccessToken({ userId, sessionId, role }, { kid: current.kid, key }, nowS);
    },
    apiKey: async (scopes, expiresAtMs) => {
      const k = generateApiKey();
      const expiresAt = expiresAtMs === undefined ? null : new Date(expiresAtMs).toISOString();
      await db.sql`insert into api_keys (id, user_id, name, secret_hash, scopes, expires_at)
        values (${k.id}, ${userId}, 'test', ${k.secretHash}, ${scopes as string[]}, ${expiresAt})`;
      return { id: k.id, key: k.key };
    },
  };
}
