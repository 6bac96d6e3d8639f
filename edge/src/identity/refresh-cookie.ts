import type { Context } from '../context';
import { serializeCookie } from '../http/cookies';
import type { IssuedRefresh } from './sessions';

export const REFRESH_COOKIE_NAME = 'tw_refresh';
/** The cookie goes only to the tRPC endpoint, never to pages or static files. */
export const REFRESH_COOKIE_PATH = '/trpc';

type CookieCtx = Pick<Context, 'resHeaders' | 'config' | 'clock' | 'request'>;

/** HttpOnly (no script can read it) and SameSite=Strict (no other site can make us send it). */
export function setRefreshCookie(ctx: CookieCtx, issued: IssuedRefresh): void {
  const maxAgeS = (issued.expiresAtMs - ctx.clock.nowMs()) / 1000;
  ctx.resHeaders.append(
    'Set-Cookie',
    serializeCookie(REFRESH_COOKIE_NAME, issued.refreshToken, {
      path: REFRESH_COOKIE_PATH,
      maxAgeS,
      httpOnly: true,
      secure: ctx.config.cookieSecure,
      sameSite: 'Strict',
    }),
  );
}

export function clearRefreshCookie(ctx: CookieCtx): void {
  ctx.resHeaders.append(
    'Set-Cookie',
    serializeCookie(REFRESH_COOKIE_NAME, '', {
      path: REFRESH_COOKIE_PATH,
      maxAgeS: 0,
      httpOnly: true,
      secure: ctx.config.cookieSecure,
      sameSite: 'Strict',
    }),
  );
}

export function readRefreshCookie(ctx: Pick<Context, 'request'>): string | undefined {
  return ctx.request.cookies.get(REFRESH_COOKIE_NAME);
}
