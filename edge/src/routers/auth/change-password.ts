import { changePasswordInput } from '@tradewind/shared/auth';
import type { AuthInfo, Context } from '../../context';
import { fail } from '../../errors';
import { signIn } from '../../identity/access';
import { forgiveAccount, reserveLoginAttempt } from '../../identity/login-throttle';
import { replacePassword } from '../../identity/password-change';
import { setRefreshCookie } from '../../identity/refresh-cookie';
import { findCredentialsById, type StoredCredentials } from '../../identity/users';
import { protectedProcedure } from '../../trpc';

/**
 * The current password must be right. A wrong one counts against the same failed-login limits
 * as login (per account, per IP; login-throttle.ts): a stolen access token buys no extra guesses.
 */
async function proveCurrentPassword(
  ctx: Context & { auth: AuthInfo },
  user: StoredCredentials,
  password: string,
  nowMs: number,
): Promise<void> {
  const reserved = await reserveLoginAttempt(ctx.db, { email: user.email, ip: ctx.request.ip }, nowMs);
  if (!reserved.ok) {
    ctx.metrics.passwordChanges.inc({ outcome: 'throttled' });
    ctx.log.warn(
      { event: 'password_change_throttled', userId: user.id, scope: reserved.scope },
      'password change throttled',
    );
    ctx.resHeaders.set('Retry-After', String(Math.ceil(reserved.retryAfterMs / 1000)));
    fail('AUTH_RATE_LIMITED', 'Too many wrong passwords. Try again later.');
  }
  if (!(await ctx.passwords.verify(user.passwordHash, password))) {
    ctx.metrics.passwordChanges.inc({ outcome: 'wrong_password' });
    ctx.log.info({ event: 'password_change_refused', userId: user.id, ip: ctx.request.ip }, 'wrong current password');
    fail('AUTH_CURRENT_PASSWORD_WRONG');
  }
  await forgiveAccount(ctx.db, reserved.reservation);
}

/**
 * Changes the signed-in user's password and signs every other device out (RELIABILITY S2): in
 * one transaction the new hash (hashed as at registration), the user's "valid after" cut-off,
 * every session revoked, one new session for this device and a security notice; then the new
 * refresh cookie and access token, so the caller stays signed in. A wrong current password
 * changes nothing.
 */
export const changePassword = protectedProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
  const nowMs = ctx.clock.nowMs();
  const user = await findCredentialsById(ctx.db, ctx.auth.userId);
  if (!user) fail('AUTH_SESSION_REVOKED');
  await proveCurrentPassword(ctx, user, input.currentPassword, nowMs);
  const newHash = await ctx.passwords.hash(input.newPassword);
  const who = { ip: ctx.request.ip, userAgent: ctx.request.userAgent };
  const replaced = await replacePassword(
    ctx.db,
    { userId: user.id, verifiedHash: user.passwordHash, newHash, who },
    nowMs,
  );
  // Another change won the race: the password just checked is no longer the current one.
  if (!replaced.ok) fail('AUTH_CURRENT_PASSWORD_WRONG');
  ctx.notifications.wake();
  ctx.metrics.passwordChanges.inc({ outcome: 'changed' });
  ctx.log.info(
    {
      event: 'password_changed',
      userId: user.id,
      sessionId: replaced.issued.sessionId,
      sessionsRevoked: replaced.sessionsRevoked,
    },
    'password changed; every session before it ended',
  );
  setRefreshCookie(ctx, replaced.issued);
  return signIn(ctx.keys, user, replaced.issued.sessionId, nowMs);
});
