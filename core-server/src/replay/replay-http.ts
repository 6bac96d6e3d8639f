import type { HttpRequest, HttpResponse, TemplatedApp } from 'uWebSockets.js';
import {
  httpStatusOfReplayError,
  REPLAY_INTERNAL_PATHS,
  REPLAY_REST_PATHS,
  type ReplayAnswer,
} from '@tradewind/shared/protocol';
import { z } from 'zod';
import type { KeyStore } from '../auth/key-store';
import type { Logger } from '../logger';
import { serviceTokenMatches } from '../trading/http-api';
import { readJsonBody } from '../trading/http-body';
import type { ReplaySessions } from './replay-sessions';

export type ReplayHttpContext = {
  readonly sessions: ReplaySessions;
  readonly keys: KeyStore;
  readonly serviceToken: string | undefined;
  readonly log: Logger;
};

type Caller = { ok: true; userId: string } | { ok: false; answer: ReplayAnswer };
type Handler = (caller: string, body: unknown) => Promise<ReplayAnswer> | ReplayAnswer;

const STATUS_TEXT: Record<number, string> = {
  200: '200 OK',
  400: '400 Bad Request',
  401: '401 Unauthorized',
  404: '404 Not Found',
  422: '422 Unprocessable Entity',
  429: '429 Too Many Requests',
  503: '503 Service Unavailable',
};
const internalSchema = z.object({ userId: z.string().uuid() }).passthrough();

/** Replay sessions over HTTP: REST for scripts (user token) and the internal API for edge (service token). */
export function registerReplayRoutes(app: TemplatedApp, ctx: ReplayHttpContext): void {
  const s = ctx.sessions;
  const rest = (handler: (userId: string, body: unknown) => Promise<ReplayAnswer> | ReplayAnswer): Handler => {
    return async (authorization, body) => {
      const caller = await userOf(ctx, authorization);
      return caller.ok ? handler(caller.userId, body) : caller.answer;
    };
  };
  const internal = (handler: (userId: string, body: unknown) => Promise<ReplayAnswer> | ReplayAnswer): Handler => {
    return (authorization, body) => {
      if (!serviceTokenMatches(ctx.serviceToken, authorization)) {
        return { ok: false, code: 'REPLAY_AUTH_REQUIRED', message: 'service token required' };
      }
      const parsed = internalSchema.safeParse(body);
      if (!parsed.success) return { ok: false, code: 'REPLAY_INVALID', message: 'userId required' };
      const { userId, ...request } = parsed.data;
      return handler(userId, request);
    };
  };
  route(
    app,
    ctx,
    'post',
    REPLAY_REST_PATHS.start,
    rest((u, b) => s.start(u, b)),
  );
  route(
    app,
    ctx,
    'get',
    REPLAY_REST_PATHS.list,
    rest((u) => s.list(u)),
  );
  route(
    app,
    ctx,
    'post',
    REPLAY_REST_PATHS.control,
    rest((u, b) => s.control(u, b)),
  );
  route(
    app,
    ctx,
    'post',
    REPLAY_INTERNAL_PATHS.start,
    internal((u, b) => s.start(u, b)),
  );
  route(
    app,
    ctx,
    'post',
    REPLAY_INTERNAL_PATHS.list,
    internal((u) => s.list(u)),
  );
  route(
    app,
    ctx,
    'post',
    REPLAY_INTERNAL_PATHS.control,
    internal((u, b) => s.control(u, b)),
  );
}

async function userOf(ctx: ReplayHttpContext, authorization: string): Promise<Caller> {
  const token = authorization.startsWith('Bearer ') ? authorization.slice(7) : '';
  const denied = (message: string): Caller => ({
    ok: false,
    answer: { ok: false, code: 'REPLAY_AUTH_REQUIRED', message },
  });
  if (token.length === 0) return denied('a Bearer access token is required');
  const result = await ctx.keys.verify(token);
  return result.ok ? { ok: true, userId: result.claims.userId } : denied(result.message);
}

function route(app: TemplatedApp, ctx: ReplayHttpContext, method: 'get' | 'post', path: string, handler: Handler) {
  app[method](path, (res: HttpResponse, req: HttpRequest) => {
    let aborted = false;
    res.onAborted(() => {
      aborted = true;
    });
    const authorization = req.getHeader('authorization');
    const reply = (answer: ReplayAnswer) => {
      if (aborted) return;
      const status = answer.ok ? 200 : httpStatusOfReplayError(answer.code);
      res.cork(() => {
        res.writeStatus(STATUS_TEXT[status] ?? `${status} Error`);
        res.writeHeader('content-type', 'application/json').writeHeader('cache-control', 'no-store');
        res.end(JSON.stringify(answer));
      });
    };
    // A GET has no body to wait for.
    const body = method === 'get' ? Promise.resolve({ ok: true as const, value: {} }) : readJsonBody(res);
    body
      .then((b): Promise<ReplayAnswer> | ReplayAnswer =>
        b.ok ? handler(authorization, b.value) : { ok: false, code: 'REPLAY_INVALID', message: b.message },
      )
      .then(reply, (e: unknown) => {
        ctx.log.error({ err: e, path }, 'replay http handler failed');
        reply({ ok: false, code: 'REPLAY_UNAVAILABLE', message: 'internal error' });
      });
  });
}
