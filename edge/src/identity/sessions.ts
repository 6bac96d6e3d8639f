import { type Database, schema } from '@tradewind/db';
import { and, eq, isNull } from 'drizzle-orm';
import { hashRefreshToken, newRefreshToken, REFRESH_TOKEN_TTL_MS, SESSION_LIFETIME_MAX_MS } from './tokens';

const { sessions, refreshTokens, users } = schema;

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

export type IssuedRefresh = { sessionId: string; refreshToken: string; expiresAtMs: number };
export type SessionUser = { id: string; email: string; displayName: string; role: 'user' | 'admin' };

export type RotateResult =
  | { ok: true; issued: IssuedRefresh; user: SessionUser }
  | { ok: false; reason: 'AUTH_REFRESH_INVALID' | 'AUTH_REFRESH_EXPIRED' | 'AUTH_REFRESH_REUSED' };

/** Stored in `sessions.revoke_reason`; a password change writes 'password_change' (password-change.ts). */
export type SessionRevokeReason = 'logout' | 'refresh_reuse' | 'password_change';

/** Starts a session (one refresh-token family) for a user who has just proved who they are. */
export async function startSession(
  db: Database | Tx,
  who: { userId: string; ip: string; userAgent: string | null },
  nowMs: number,
): Promise<IssuedRefresh> {
  const now = new Date(nowMs);
  const [row] = await db
    .insert(sessions)
    .values({ userId: who.userId, ip: who.ip, userAgent: who.userAgent, createdAt: now, lastUsedAt: now })
    .returning({ id: sessions.id });
  if (!row) throw new Error('session insert returned no row');
  return issueRefreshToken(db, row.id, nowMs, nowMs);
}

async function issueRefreshToken(
  db: Database | Tx,
  sessionId: string,
  sessionStartedMs: number,
  nowMs: number,
): Promise<IssuedRefresh> {
  const refreshToken = newRefreshToken();
  const expiresAtMs = Math.min(nowMs + REFRESH_TOKEN_TTL_MS, sessionStartedMs + SESSION_LIFETIME_MAX_MS);
  await db.insert(refreshTokens).values({
    sessionId,
    tokenHash: hashRefreshToken(refreshToken),
    expiresAt: new Date(expiresAtMs),
    createdAt: new Date(nowMs),
  });
  return { sessionId, refreshToken, expiresAtMs };
}

/**
 * Spends a refresh token and issues its successor (single use, RFC 9700 §4.14.2). A token
 * that was already spent means it leaked or was replayed: the whole family is revoked, so
 * the newest token stops working too. The row lock serialises concurrent refreshes.
 */
export async function rotateRefreshToken(db: Database, token: string, nowMs: number): Promise<RotateResult> {
  return db.transaction(async (tx): Promise<RotateResult> => {
    const [found] = await tx
      .select({
        tokenId: refreshTokens.id,
        usedAt: refreshTokens.usedAt,
        expiresAt: refreshTokens.expiresAt,
        sessionId: sessions.id,
        sessionCreatedAt: sessions.createdAt,
        revokedAt: sessions.revokedAt,
        user: { id: users.id, email: users.email, displayName: users.displayName, role: users.role },
      })
      .from(refreshTokens)
      .innerJoin(sessions, eq(sessions.id, refreshTokens.sessionId))
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(refreshTokens.tokenHash, hashRefreshToken(token)))
      .for('update', { of: [refreshTokens, sessions] });
    if (!found || found.revokedAt !== null) return { ok: false, reason: 'AUTH_REFRESH_INVALID' };
    if (found.usedAt !== null) {
      await revokeSessionIn(tx, found.sessionId, 'refresh_reuse', nowMs);
      return { ok: false, reason: 'AUTH_REFRESH_REUSED' };
    }
    if (found.expiresAt.getTime() <= nowMs) return { ok: false, reason: 'AUTH_REFRESH_EXPIRED' };
    const now = new Date(nowMs);
    await tx.update(refreshTokens).set({ usedAt: now }).where(eq(refreshTokens.id, found.tokenId));
    await tx.update(sessions).set({ lastUsedAt: now }).where(eq(sessions.id, found.sessionId));
    const issued = await issueRefreshToken(tx, found.sessionId, found.sessionCreatedAt.getTime(), nowMs);
    return { ok: true, issued, user: found.user };
  });
}

async function revokeSessionIn(db: Database | Tx, sessionId: string, reason: SessionRevokeReason, nowMs: number) {
  await db
    .update(sessions)
    .set({ revokedAt: new Date(nowMs), revokeReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Revokes the session a refresh token belongs to (spent or not); false if the token is unknown. */
export async function revokeSessionByRefreshToken(
  db: Database,
  token: string,
  reason: SessionRevokeReason,
  nowMs: number,
): Promise<boolean> {
  const [found] = await db
    .select({ sessionId: refreshTokens.sessionId })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, hashRefreshToken(token)));
  if (!found) return false;
  await revokeSessionIn(db, found.sessionId, reason, nowMs);
  return true;
}

/** Revokes one of a user's sessions; scoped by owner so a session id alone revokes nothing. */
export async function revokeOwnSession(
  db: Database,
  owner: { userId: string; sessionId: string },
  reason: SessionRevokeReason,
  nowMs: number,
): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: new Date(nowMs), revokeReason: reason })
    .where(and(eq(sessions.id, owner.sessionId), eq(sessions.userId, owner.userId), isNull(sessions.revokedAt)));
}

export type SessionStanding = { live: true; tokensValidAfterMs: number } | { live: false };

/** Whether an access token's session still stands: not revoked, and the user's cut-off time. */
export async function sessionStanding(db: Database, owner: { userId: string; sessionId: string }) {
  const [row] = await db
    .select({ revokedAt: sessions.revokedAt, tokensValidAfter: users.tokensValidAfter })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, owner.sessionId), eq(sessions.userId, owner.userId)));
  if (!row || row.revokedAt !== null) return { live: false } satisfies SessionStanding;
  return { live: true, tokensValidAfterMs: row.tokensValidAfter.getTime() } satisfies SessionStanding;
}
