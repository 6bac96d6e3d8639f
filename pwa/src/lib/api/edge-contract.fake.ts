import { changePasswordInput } from '@tradewind/shared/auth';
import { initTRPC, TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { z } from 'zod';
import type { AuthGrant } from './auth-types';

/**
 * A small in-memory stand-in for edge's auth and market routers, with the procedure names,
 * inputs, outputs and error codes the PWA relies on (its grant is typed as edge's, so it
 * cannot drift in shape). Unit tests run the PWA's real tRPC client against it through
 * tRPC's real fetch handler; the real edge is exercised by the e2e journeys. Test-only:
 * never imported by the app.
 */
type Ctx = { bearer: string | null; cookie: string | null; resHeaders: Headers; nowMs: () => number };

const t = initTRPC.context<Ctx>().create();
const ACCESS_TOKEN_LIFETIME_MS = 15 * 60_000;
const credentials = z.object({ email: z.email().max(254), password: z.string().min(10).max(256) });

export type FakeEdgeState = {
  users: Map<string, { id: string; email: string; password: string; displayName: string }>;
  /** refresh cookie → user id; a used cookie is removed (rotation). */
  refreshTokens: Map<string, string>;
  /** access token → user id */
  accessTokens: Map<string, string>;
  issued: number;
  calls: string[];
};

function grant(state: FakeEdgeState, ctx: Ctx, userId: string): AuthGrant {
  const user = [...state.users.values()].find((u) => u.id === userId);
  if (!user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Session expired' });
  state.issued += 1;
  const accessToken = `access-${state.issued}`;
  const refresh = `refresh-${state.issued}`;
  state.accessTokens.set(accessToken, user.id);
  state.refreshTokens.set(refresh, user.id);
  ctx.resHeaders.append('set-cookie', `tw_refresh=${refresh}; HttpOnly; Path=/trpc; SameSite=Strict`);
  const { id, email, displayName } = user;
  return {
    accessToken,
    accessTokenExpiresAtMs: ctx.nowMs() + ACCESS_TOKEN_LIFETIME_MS,
    user: { id, email, displayName, role: 'user' },
  };
}

export function fakeEdgeRouter(state: FakeEdgeState) {
  const authed = t.procedure.use(({ ctx, next, path }) => {
    state.calls.push(`${path} bearer=${ctx.bearer ?? '-'}`);
    const userId = ctx.bearer ? state.accessTokens.get(ctx.bearer) : undefined;
    if (!userId) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Not signed in' });
    return next({ ctx: { userId } });
  });
  return t.router({
    auth: t.router({
      register: t.procedure
        .input(credentials.extend({ displayName: z.string().trim().min(1).max(64) }))
        .mutation(({ input, ctx }) => {
          if (state.users.has(input.email))
            throw new TRPCError({ code: 'CONFLICT', message: 'Email already registered' });
          const user = { id: `u${state.users.size + 1}`, ...input };
          state.users.set(input.email, user);
          return grant(state, ctx, user.id);
        }),
      login: t.procedure.input(credentials).mutation(({ input, ctx }) => {
        const user = state.users.get(input.email);
        if (!user || user.password !== input.password) {
          throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Invalid e-mail or password' });
        }
        return grant(state, ctx, user.id);
      }),
      refresh: t.procedure.mutation(({ ctx }) => {
        state.calls.push(`auth.refresh cookie=${ctx.cookie ?? '-'}`);
        const userId = ctx.cookie ? state.refreshTokens.get(ctx.cookie) : undefined;
        if (!ctx.cookie || !userId) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Session expired' });
        state.refreshTokens.delete(ctx.cookie);
        return grant(state, ctx, userId);
      }),
      logout: t.procedure.mutation(({ ctx }) => {
        if (ctx.cookie) state.refreshTokens.delete(ctx.cookie);
        ctx.resHeaders.append('set-cookie', 'tw_refresh=; Max-Age=0; Path=/trpc');
        return { ok: true as const };
      }),
      /** As edge: a wrong current password is BAD_REQUEST; success revokes every token of the user. */
      changePassword: authed.input(changePasswordInput).mutation(({ input, ctx }) => {
        const user = [...state.users.values()].find((u) => u.id === ctx.userId);
        if (!user) throw new TRPCError({ code: 'UNAUTHORIZED' });
        if (user.password !== input.currentPassword) {
          throw new TRPCError({ code: 'BAD_REQUEST', message: 'Your current password is not correct.' });
        }
        user.password = input.newPassword;
        for (const tokens of [state.accessTokens, state.refreshTokens]) {
          for (const [token, owner] of tokens) if (owner === user.id) tokens.delete(token);
        }
        return grant(state, ctx, user.id);
      }),
      me: authed.query(({ ctx }) => {
        const user = [...state.users.values()].find((u) => u.id === ctx.userId);
        if (!user) throw new TRPCError({ code: 'UNAUTHORIZED' });
        return {
          id: user.id,
          email: user.email,
          displayName: user.displayName,
          accounts: [{ id: `a-${user.id}`, name: 'Paper', currency: 'USD', cash: '100000.00' }],
        };
      }),
    }),
    market: t.router({
      instruments: t.procedure.query(() => [
        { symbol: 'BTC-USD', kind: 'crypto' as const, base: 'BTC', quote: 'USD', tickSize: '0.01', lotSize: '0.0001' },
        { symbol: 'AAPL', kind: 'stock' as const, base: 'AAPL', quote: 'USD', tickSize: '0.01', lotSize: '1' },
      ]),
    }),
  });
}

export type FakeEdgeRouter = ReturnType<typeof fakeEdgeRouter>;

export const newFakeEdgeState = (): FakeEdgeState => ({
  users: new Map(),
  refreshTokens: new Map(),
  accessTokens: new Map(),
  issued: 0,
  calls: [],
});

/**
 * A `fetch` that answers from the fake edge in-process and keeps the refresh cookie like a
 * browser would (one cookie jar per fake browser).
 */
export function fakeEdgeFetch(state: FakeEdgeState, nowMs: () => number = () => 0): typeof globalThis.fetch {
  const router = fakeEdgeRouter(state);
  let jar: string | null = null;
  return async (input, init) => {
    const req = new Request(input, init);
    const res = await fetchRequestHandler({
      endpoint: '/trpc',
      req,
      router,
      createContext: ({ resHeaders }) => ({
        bearer: req.headers.get('authorization')?.replace(/^Bearer /, '') ?? null,
        cookie: jar,
        resHeaders,
        nowMs,
      }),
    });
    for (const c of res.headers.getSetCookie()) {
      const value = /^tw_refresh=([^;]*)/.exec(c)?.[1] ?? '';
      jar = value === '' ? null : value;
    }
    return res;
  };
}
