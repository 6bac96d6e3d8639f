import { createECDH, randomBytes } from 'node:crypto';
import * as ece from 'http_ece';

/** What a browser holds for one push subscription: its P-256 key pair and auth secret. */
export function browserKeys(endpoint: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const authSecret = randomBytes(16);
  return {
    subscription: {
      endpoint,
      keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: authSecret.toString('base64url') },
    },
    /** Decrypts an aes128gcm push body (RFC 8291) the way the browser would. */
    decrypt(body: Buffer): unknown {
      const plain: Buffer = ece.decrypt(body, {
        version: 'aes128gcm',
        privateKey: ecdh,
        authSecret: authSecret.toString('base64url'),
      });
      return JSON.parse(plain.toString('utf8'));
    },
  };
}

/** The claims of the VAPID JWT in a push request's `Authorization: vapid t=<jwt>, k=<key>` header. */
export function vapidClaims(authorization: string | undefined): { aud: string; exp: number; sub: string } {
  const token = /t=([^,\s]+)/.exec(authorization ?? '')?.[1];
  if (!token) throw new Error(`no VAPID token in ${authorization}`);
  const [, payload] = token.split('.');
  return JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
}
