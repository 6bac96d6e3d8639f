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

/** An access token signed the way edge signs it, with the database's current key. */
export async function signWithDbKey(db: DbHandle, nowS: number, userId: string = randomUUID()): Promise<string> {
  const current = await currentSigningKey(db.db);
  if (current === undefined) throw new Error('test database has no signing key');
  const key = await importSigningKey(current.privateKeyPem);
  return signAccessToken({ userId, sessionId: randomUUID(), role: 'user' }, { kid: current.kid, key }, nowS);
}
