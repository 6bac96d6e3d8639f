import { fail } from '../../errors';
import { signIn } from '../../identity/access';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie } from '../../identity/refresh-cookie';
import { rotateRefreshToken } from '../../identity/sessions';
import { isWellFormedRefreshToken } from '../../identity/tokens';
import { cookieProcedure } from '../../trpc';

/**
 * Trades the refresh cookie for a new access token and a new refresh cookie. Each refresh
 * token works once; presenting a spent one ends the whole session (RFC 9700).
 */
export const refresh = cookieProcedure.mutation(async ({ ctx }) => {
  const token = readRefreshCookie(ctx);
  if (token === undefined) fail('AUTH_REFRESH_MISSING');
  if (!isWellFormedRefreshToken(token)) {
    clearRefreshCookie(ctx);
    fail('AUTH_REFRESH_INVALID');
  }
  const nowMs = ctx.clock.nowMs();
  const rotated = await rotateRefreshToken(ctx.db, token, nowMs);
  if (!rotated.ok) {
    clearRefreshCookie(ctx);
    if (rotated.reason === 'AUTH_REFRESH_REUSED') {
      ctx.metrics.refreshReuse.inc();
      ctx.log.warn({ event: 'refresh_reuse', ip: ctx.request.ip }, 'spent refresh token reused: session revoked');
    }
    fail(rotated.reason);
  }
  setRefreshCookie(ctx, rotated.issued);
  return signIn(ctx.keys, rotated.user, rotated.issued.sessionId, nowMs);
});
