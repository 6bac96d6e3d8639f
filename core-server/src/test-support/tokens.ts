import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { currentSigningKey, type DbHandle } from '@tradewind/db';
import { signAccessToken } from '@tradewind/shared/auth';

/** Imports a PKCS#8 PEM Ed25519 private key for signing (Node's WebCrypto). */
export function importSigningKey(pem: string) {
  const der = Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');
  return crypto.subtle.importKey('pkcs8', der, { name: 'Ed25519' }, false, ['sign']);
}

/** A fresh Ed25519 key pair as PEMs, like edge stores them. */
export function generateSigningKeyPem(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** A session row (one login), as edge's login makes: core refuses tokens of sessions it cannot find. */
export async function startTestSession(db: DbHandle, userId: string): Promise<string> {
  const [row] = await db.sql<{ id: string }[]>`insert into sessions (user_id) values (${userId}) returning id`;
  if (row === undefined) throw new Error('session insert returned no row');
  return row.id;
}

/** A user (created when missing; tokens valid after the epoch) with a live session. */
export async function createTestUserSession(
  db: DbHandle,
  userId: string = randomUUID(),
): Promise<{ userId: string; sessionId: string }> {
  await db.sql`insert into users (id, email, password_hash, display_name, tokens_valid_after)
    values (${userId}, ${`${userId}@example.test`}, 'x', 'user', to_timestamp(0)) on conflict (id) do nothing`;
  return { userId, sessionId: await startTestSession(db, userId) };
}

/**
 * An access token signed the way edge signs it, with the database's current key, for a live
 * session of the user (created, with the user, when missing; tokens valid after the epoch).
 */
export async function signWithDbKey(db: DbHandle, nowS: number, userId: string = randomUUID()): Promise<string> {
  const current = await currentSigningKey(db.db);
  if (current === undefined) throw new Error('test database has no signing key');
  const key = await importSigningKey(current.privateKeyPem);
  const { sessionId } = await createTestUserSession(db, userId);
  return signAccessToken({ userId, sessionId, role: 'user' }, { kid: current.kid, key }, nowS);
}
