import type { TemplatedApp } from 'uWebSockets.js';
import {
  deploymentIdRequestSchema,
  deployRequestSchema,
  STRATEGY_INTERNAL_PATHS,
  type StrategyAnswer,
} from '@tradewind/shared/protocol';
import { z } from 'zod';
import type { Logger } from '../logger';
import { route, serviceTokenMatches } from '../trading/http-api';
import type { StrategyRunner } from './strategy-runner';

const callerSchema = z.object({ userId: z.uuid() });

/**
 * Edge's door to the runner: `POST /internal/v1/strategies/deploy|stop|start`, the service token
 * as a bearer, body = the request + `userId` (edge authenticated the user; the runner still
 * checks that the account or deployment is theirs).
 */
export function registerStrategyRoutes(
  app: TemplatedApp,
  ctx: { readonly runner: StrategyRunner; readonly serviceToken: string | undefined; readonly log: Logger },
): void {
  const door = (path: string, handle: (userId: string, body: Record<string, unknown>) => Promise<StrategyAnswer>) =>
    route(app, ctx, 'post', path, async ({ authorization }, body) => {
      if (!serviceTokenMatches(ctx.serviceToken, authorization))
        return { ok: false, code: 'AUTH_REQUIRED', message: 'service token required' };
      const caller = callerSchema.safeParse(body);
      if (!caller.success) return { ok: false, code: 'INVALID', message: 'userId required' };
      const { userId: _u, ...rest } = body as Record<string, unknown>;
      return handle(caller.data.userId, rest);
    });
  door(STRATEGY_INTERNAL_PATHS.deploy, async (userId, body) => {
    const req = deployRequestSchema.safeParse(body);
    return req.success ? ctx.runner.deploy(userId, req.data) : invalid(req.error);
  });
  door(STRATEGY_INTERNAL_PATHS.stop, async (userId, body) => {
    const req = deploymentIdRequestSchema.safeParse(body);
    return req.success ? ctx.runner.stop(userId, req.data.deploymentId) : invalid(req.error);
  });
  door(STRATEGY_INTERNAL_PATHS.start, async (userId, body) => {
    const req = deploymentIdRequestSchema.safeParse(body);
    return req.success ? ctx.runner.restart(userId, req.data.deploymentId) : invalid(req.error);
  });
}

const invalid = (e: z.ZodError): StrategyAnswer => ({
  ok: false,
  code: 'INVALID',
  message: e.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '),
});
