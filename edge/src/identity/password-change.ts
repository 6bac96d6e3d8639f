import { type Database, schema } from '@tradewind/db';
import { and, eq, isNull } from 'drizzle-orm';
import { PASSWORD_CHANGED_NOTICE, recordSecurityNotice } from './security-notice';
import { type IssuedRefresh, startSession } from './sessions';

const { users, sessions } = schema;

export type PasswordReplacement = {
  readonly userId: string;
  /** The hash the current password was verified against: a change made meanwhile wins, this one fails. */
  readonly verifiedHash: string;
  readonly newHash: string;
  /** The device that made the change: it gets the one new session. */
  readonly who: { readonly ip: string; readonly userAgent: string | null };
};

export type ReplaceResult =
  | { ok: true; issued: IssuedRefresh; sessionsRevoked: number; noticeId: number }
  | { ok: false; reason: 'CHANGED_MEANWHILE' };

/**
 * A password change, in one transaction (RELIABILITY S2): the new hash; `tokens_valid_after`
 * moved to now, so every access token issued before is refused (edge and core); every session
 * of the user revoked, the caller's own included, so every refresh-token family is dead; one
 * fresh session for the caller; and a security notice. The triggers of migration 0014 announce
 * the cut-off on `tw_token_revoked` as it commits, and core closes the user's sockets.
 */
export async function replacePassword(
  db: Database,
  change: PasswordReplacement,
  nowMs: number,
): Promise<ReplaceResult> {
  const now = new Date(nowMs);
  return db.transaction(async (tx): Promise<ReplaceResult> => {
    const [updated] = await tx
      .update(users)
      .set({ passwordHash: change.newHash, tokensValidAfter: now, updatedAt: now })
      .where(and(eq(users.id, change.userId), eq(users.passwordHash, change.verifiedHash)))
      .returning({ id: users.id });
    if (!updated) return { ok: false, reason: 'CHANGED_MEANWHILE' };
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: now, revokeReason: 'password_change' })
      .where(and(eq(sessions.userId, change.userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    const issued = await startSession(tx, { userId: change.userId, ...change.who }, nowMs);
    const noticeId = await recordSecurityNotice(
      tx,
      change.userId,
      `password-changed:${issued.sessionId}`,
      PASSWORD_CHANGED_NOTICE,
      nowMs,
    );
    return { ok: true, issued, sessionsRevoked: revoked.length, noticeId };
  });
}
