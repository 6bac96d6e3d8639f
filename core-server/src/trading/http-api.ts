import type { HttpResponse, TemplatedApp } from 'uWebSockets.js';
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  haltRequestSchema,
  httpStatusOfReject,
  INTERNAL_PATHS,
  REST_PATHS,
  type StrategyAnswer,
  type TradingAnswer,
  type TradingOp,
  type TradingRejectCode,
} from '@tradewind/shared/protocol';
import type { ApiKeyVerifier } from '../auth/api-keys';
import type { KeyStore } from '../auth/key-store';
import { type RestCredentials, restCaller } from '../auth/rest-caller';
import type { Logger } from '../logger';
import { readJsonBody } from './http-body';
import type { OrderEntry } from './order-entry';
import { parseRequest } from './request-schemas';

export type TradingHttpContext = {
  readonly entry: OrderEntry;
  readonly keys: KeyStore;
  readonly apiKeys: ApiKeyVerifier;
  /** CORE_SERVICE_TOKEN; undefined disables the internal API (every call 401). */
  readonly serviceToken: string | undefined;
  readonly log: Logger;
};

const STATUS_TEXT: Record<number, string> = {
  200: '200 OK',
  400: '400 Bad Request',
  401: '401 Unauthorized',
  403: '403 Forbidden',
  404: '404 Not Found',
  422: '422 Unprocessable Entity',
  429: '429 Too Many Requests',
  503: '503 Service Unavailable',
};

/** Constant-time token check: both sides hashed first so lengths never leak through timing. */
export function serviceTokenMatches(expected: string | undefined, header: string): boolean {
  if (expected === undefined || expected.length === 0) return false;
  const given = header.startsWith('Bearer ') ? header.slice(7) : '';
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b) && given.length > 0;
}

/** Order entry's answers, and the live strategy runner's (its STRATEGY_* refusals are 422). */
type Answer = TradingAnswer | StrategyAnswer;
type Handler = (cred: RestCredentials, body: unknown) => Promise<Answer>;

/** REST (`/v1/...`, user JWT or API key with the trade scope) and internal (`/internal/v1/...`, service token) order entry. */
export function registerTradingRoutes(app: TemplatedApp, ctx: TradingHttpContext): void {
  const restOps: [string, string, TradingOp][] = [
    ['post', REST_PATHS.orders, 'place'],
    ['patch', REST_PATHS.orders, 'modify'],
    ['del', REST_PATHS.orders, 'cancel'],
    ['post', REST_PATHS.cancelAll, 'cancelAll'],
    ['post', REST_PATHS.killSwitch, 'killSwitch'],
  ];
  for (const [method, path, op] of restOps) {
    route(app, ctx, method, path, async (cred, body) => {
      const caller = await restCaller(ctx, cred, 'trade');
      if (!caller.ok) return caller;
      const parsed = parseRequest(op, body, false);
      return parsed.ok ? ctx.entry.submit(caller.userId, parsed.request) : invalid(parsed.message);
    });
  }
  route(app, ctx, 'post', REST_PATHS.halt, async (cred, body) => {
    const caller = await restCaller(ctx, cred, 'trade');
    if (!caller.ok) return caller;
    // An API key never carries the admin role: halting needs an admin's access token.
    if (caller.role !== 'admin') return { ok: false, code: 'FORBIDDEN', message: 'admin role required' };
    const parsed = haltRequestSchema.safeParse(body);
    return parsed.success ? ctx.entry.halt(parsed.data) : invalid(parsed.error.issues[0]?.message ?? 'invalid');
  });
  for (const [op, path] of Object.entries(INTERNAL_PATHS) as [TradingOp, string][]) {
    route(app, ctx, 'post', path, async ({ authorization }, body) => {
      if (!serviceTokenMatches(ctx.serviceToken, authorization)) {
        return { ok: false, code: 'AUTH_REQUIRED', message: 'service token required' };
      }
      const parsed = parseRequest(op, body, true);
      if (!parsed.ok || parsed.userId === undefined) return invalid(parsed.ok ? 'userId required' : parsed.message);
      return ctx.entry.submit(parsed.userId, parsed.request);
    });
  }
}

const invalid = (message: string): TradingAnswer => ({ ok: false, code: 'INVALID', message });

/** One JSON route: the body read (bounded), the handler's answer written with its status. */
export function route(
  app: TemplatedApp,
  ctx: Pick<TradingHttpContext, 'log'>,
  method: string,
  path: string,
  handler: Handler,
): void {
  (
    app as unknown as Record<
      string,
      (p: string, h: (res: HttpResponse, req: { getHeader(n: string): string }) => void) => void
    >
  )[method]?.call(app, path, (res, req) => {
    let aborted = false;
    res.onAborted(() => {
      aborted = true;
    });
    const cred = { authorization: req.getHeader('authorization'), apiKey: req.getHeader('x-api-key') };
    const reply = (answer: Answer) => {
      if (aborted) return;
      const status = answer.ok ? 200 : httpStatusOfReject(answer.code as TradingRejectCode);
      res.cork(() => {
        res.writeStatus(STATUS_TEXT[status] ?? `${status} Error`);
        res.writeHeader('content-type', 'application/json').writeHeader('cache-control', 'no-store');
        res.end(JSON.stringify(answer));
      });
    };
    readJsonBody(res)
      .then((body) => (body.ok ? handler(cred, body.value) : invalid(body.message)))
      .then(reply, (e: unknown) => {
        ctx.log.error({ err: e, path }, 'trading http handler failed');
        reply({ ok: false, code: 'CORE_JOURNAL_UNAVAILABLE', message: 'internal error' });
      });
  });
}
