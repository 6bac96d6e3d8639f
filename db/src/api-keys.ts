import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Sql } from './client';
import type { ApiKeyScope } from './schema/api-keys';

/** Random bytes in a secret: 256 bits, so a fast hash (SHA-256) is enough to store it. */
export const API_KEY_SECRET_BYTES = 32;
/** `<uuid>.<43 base64url characters>`: how a key is written in a header. */
const API_KEY_PATTERN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

/** A key as its holder presents it, split into the id (looked up) and the secret (hashed, compared). */
export type PresentedApiKey = { readonly id: string; readonly secret: string };

/** A new key: its id, the secret (shown once, never stored) and what is stored of it. */
export function generateApiKey(): { id: string; secret: string; secretHash: string; key: string } {
  const id = randomUUID();
  const secret = randomBytes(API_KEY_SECRET_BYTES).toString('base64url');
  return { id, secret, secretHash: hashApiKeySecret(secret), key: `${id}.${secret}` };
}

/** Lower-case hex SHA-256 of a secret: what `api_keys.secret_hash` holds. */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** `<id>.<secret>` → its parts; undefined for anything else (no lookup is made for it). */
export function parseApiKey(text: string): PresentedApiKey | undefined {
  const m = API_KEY_PATTERN.exec(text.trim());
  return m?.[1] && m[2] ? { id: m[1], secret: m[2] } : undefined;
}

/** What core needs to decide about a presented key. */
export type ApiKeyRecord = {
  readonly id: string;
  readonly userId: string;
  readonly secretHash: string;
  readonly scopes: readonly ApiKeyScope[];
  readonly expiresAtMs: number | null;
  readonly revoked: boolean;
};

/** The key with this id, revoked or not; undefined when there is none. */
export async function findApiKey(sql: Sql, id: string): Promise<ApiKeyRecord | undefined> {
  const rows = await sql<
    { user_id: string; secret_hash: string; scopes: string[]; expires_ms: number | null; revoked: boolean }[]
  >`select user_id, secret_hash, scopes, (extract(epoch from expires_at) * 1000)::float8 as expires_ms,
      revoked_at is not null as revoked
    from api_keys where id = ${id}::uuid`;
  const r = rows[0];
  if (r === undefined) return undefined;
  return {
    id,
    userId: r.user_id,
    secretHash: r.secret_hash,
    scopes: r.scopes as ApiKeyScope[],
    expiresAtMs: r.expires_ms,
    revoked: r.revoked,
  };
}

/** Records a use of the key (callers throttle: this is for people reading "last used", not an audit log). */
export async function touchApiKey(sql: Sql, id: string, atMs: number): Promise<void> {
  await sql`update api_keys set last_used_at = ${new Date(atMs).toISOString()}::timestamptz
    where id = ${id}::uuid and (last_used_at is null or last_used_at < ${new Date(atMs).toISOString()}::timestamptz)`;
}
