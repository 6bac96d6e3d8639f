import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { asc, desc, isNull } from 'drizzle-orm';
import type { Database } from './client';
import { signingKeys } from './schema/index';

export type PublicSigningKey = { kid: string; publicKeyPem: string };
export type PrivateSigningKey = { kid: string; privateKeyPem: string };

/** Creates the first EdDSA (Ed25519) signing key if there is none; idempotent and race-safe. */
export async function ensureSigningKey(db: Database): Promise<void> {
  const existing = await db.select({ kid: signingKeys.kid }).from(signingKeys).where(isNull(signingKeys.retiredAt));
  if (existing.length > 0) return;
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  await db
    .insert(signingKeys)
    .values({
      kid: `k-${randomUUID()}`,
      alg: 'EdDSA',
      publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    })
    .onConflictDoNothing();
}

/** Every key that may still verify a token (retired keys included until they are deleted). */
export async function listPublicSigningKeys(db: Database): Promise<PublicSigningKey[]> {
  return db
    .select({ kid: signingKeys.kid, publicKeyPem: signingKeys.publicKeyPem })
    .from(signingKeys)
    .orderBy(asc(signingKeys.createdAt));
}

/** The newest unretired key: the one edge signs with. */
export async function currentSigningKey(db: Database): Promise<PrivateSigningKey | undefined> {
  const [row] = await db
    .select({ kid: signingKeys.kid, privateKeyPem: signingKeys.privateKeyPem })
    .from(signingKeys)
    .where(isNull(signingKeys.retiredAt))
    .orderBy(desc(signingKeys.createdAt))
    .limit(1);
  return row;
}
