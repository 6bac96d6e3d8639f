import type { Context } from '../../context';
import { fail } from '../../errors';
import { signIn } from '../../identity/access';
import { forgiveAccount, reserveLoginAttempt } from '../../identity/login-throttle';
import { setRefreshCookie } from '../../identity/refresh-cookie';
import { startSession } from '../../identity/sessions';
import { findUserByEmail, replacePasswordHash, type StoredCredentials } from '../../identity/users';
import { publicProcedure } from '../../trpc';
import { loginInput } from './schemas';

/** The user if the password is right; unknown e-mails cost the same argon2 work as wrong passwords. */
async function checkCredentials(ctx: Context, email: string, password: string): Promise<StoredCredentials | null> {
  const user = await findUserByEmail(ctx.db, email);
  if (!user) {
    await ctx.passwords.verifyDummy(password);
    return null;
  }
  return (await ctx.passwords.verify(user.passwordHash, password)) ? user : null;
}

/**
 * Signs a user in. Failures are rate-limited per account and per IP in PostgreSQL (shared by
 * every edge instance); the answer for an unknown e-mail and a wrong password is identical.
 */
export const login = publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
  const nowMs = ctx.clock.nowMs();
  const reserved = await reserveLoginAttempt(ctx.db, { email: input.email, ip: ctx.request.ip }, nowMs);
  if (!reserved.ok) {
    ctx.metrics.loginThrottled.inc({ scope: reserved.scope });
    ctx.log.warn({ event: 'login_throttled', scope: reserved.scope, ip: ctx.request.ip }, 'login throttled');
    ctx.resHeaders.set('Retry-After', String(Math.ceil(reserved.retryAfterMs / 1000)));
    fail('AUTH_RATE_LIMITED');
  }
  const user = await checkCredentials(ctx, input.email, input.password);
  if (!user) {
    ctx.metrics.loginFailures.inc();
    ctx.log.info({ event: 'login_failed', ip: ctx.request.ip }, 'login failed');
    fail('AUTH_INVALID_CREDENTIALS');
  }
  await forgiveAccount(ctx.db, reserved.reservation);
  if (ctx.passwords.needsRehash(user.passwordHash)) {
    // S3: hashes made under a weaker policy are upgraded while we hold the plain password.
    await replacePasswordHash(ctx.db, user.id, await ctx.passwords.hash(input.password), nowMs);
  }
  const issued = await startSession(
    ctx.db,
    { userId: user.id, ip: ctx.request.ip, userAgent: ctx.request.userAgent },
    nowMs,
  );
  setRefreshCookie(ctx, issued);
  ctx.log.info({ event: 'login', userId: user.id, sessionId: issued.sessionId }, 'signed in');
  return signIn(ctx.keys, user, issued.sessionId, nowMs);
});
