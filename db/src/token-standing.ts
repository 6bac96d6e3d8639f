import type { Sql } from './client';

/**
 * The channel on which PostgreSQL announces that access tokens were cut off (RELIABILITY S2).
 * Triggers send it in the transaction that revokes a session, deletes one, or moves a user's
 * `tokens_valid_after` (migration 0014), so every writer (edge's logout, refresh-token reuse,
 * a future password change, an operator's SQL) is covered and nothing is announced that did
 * not commit.
 */
export const TOKEN_REVOKED_CHANNEL = 'tw_token_revoked';

/** One announcement: a session ended (`sessionId`), or every token of a user issued before `validAfterMs`. */
export type TokenRevocation =
  | { readonly userId: string; readonly sessionId: string }
  | { readonly userId: string; readonly validAfterMs: number };

/** Decodes a notification payload; undefined for anything else (never throws). */
export function decodeTokenRevocation(payload: string): TokenRevocation | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { userId, sessionId, validAfterMs } = value as Record<string, unknown>;
  if (typeof userId !== 'string') return undefined;
  if (typeof sessionId === 'string') return { userId, sessionId };
  if (typeof validAfterMs === 'number' && Number.isFinite(validAfterMs)) return { userId, validAfterMs };
  return undefined;
}

/** Whether an access token's session stands, and the user's cut-off: the same question edge asks. */
export type TokenStanding = { readonly live: false } | { readonly live: true; readonly validAfterMs: number };

/** Reads a session's standing; a session of another user, or none at all, is not live. */
export async function readTokenStanding(
  sql: Sql,
  owner: { readonly userId: string; readonly sessionId: string },
): Promise<TokenStanding> {
  const rows = await sql<{ revoked: boolean; validAfterMs: string }[]>`
    select s.revoked_at is not null as revoked,
      floor(extract(epoch from u.tokens_valid_after) * 1000)::bigint::text as "validAfterMs"
    from sessions s join users u on u.id = s.user_id
    where s.id = ${owner.sessionId} and s.user_id = ${owner.userId}`;
  const row = rows[0];
  if (row === undefined || row.revoked) return { live: false };
  return { live: true, validAfterMs: Number(row.validAfterMs) };
}
