import { EdgeError } from '../../errors';
import { clearRefreshCookie, readRefreshCookie } from '../../identity/refresh-cookie';
import { revokeOwnSession, revokeSessionByRefreshToken } from '../../identity/sessions';
import { isWellFormedRefreshToken } from '../../identity/tokens';
import { authenticate } from '../../middleware/auth/index';
import { cookieProcedure } from '../../trpc';

/**
 * Ends the session named by the refresh cookie (a browser) or by the bearer token (a script),
 * and clears the cookie. Idempotent: logging out twice, or with an expired access token, is fine.
 */
export const logout = cookieProcedure.mutation(async ({ ctx }) => {
  const nowMs = ctx.clock.nowMs();
  const token = readRefreshCookie(ctx);
  clearRefreshCookie(ctx);
  if (token !== undefined && isWellFormedRefreshToken(token)) {
    if (await revokeSessionByRefreshToken(ctx.db, token, 'logout', nowMs)) return { ok: true as const };
  }
  if (ctx.request.authorization !== null) {
    try {
      const auth = await authenticate(ctx);
      await revokeOwnSession(ctx.db, auth, 'logout', nowMs);
    } catch (e) {
      // An invalid or already-ended token has no session left to end.
      if (!(e instanceof EdgeError)) throw e;
    }
  }
  return { ok: true as const };
});
