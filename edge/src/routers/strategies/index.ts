import { CURRENCY_SCALE } from '@tradewind/shared';
import { INSTRUMENTS } from '@tradewind/shared/domain';
import { deploymentIdRequestSchema, deployRequestSchema } from '@tradewind/shared/protocol';
import { BUILTIN_STRATEGIES, resolveStrategy } from '@tradewind/shared/strategies';
import { z } from 'zod';
import type { DeploymentRecord } from '../../data/owned-strategies';
import { ownedBy } from '../../data/owner-scope';
import { fail } from '../../errors';
import { protectedProcedure, publicProcedure, router } from '../../trpc';
import { forwardToRunner } from './forward';
import { markTicks } from './marks';
import { type Performance, performanceOf } from './performance';

/** Deployments `list` returns, newest first. */
export const DEPLOYMENTS_LIST_MAX = 50;
/** Orders and fills `detail` returns, newest first. */
export const DEPLOYMENT_ROWS_MAX = 100;

/** The deployable strategies: id, name, description and the JSON Schema of their parameters (from the zod schema). */
function catalogue() {
  return [...BUILTIN_STRATEGIES.values()].map((d) => ({
    id: d.id,
    name: d.name,
    description: d.description,
    params: z.toJSONSchema(d.params, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
  }));
}

/** Checked here so a bad request costs no call to core (core checks again: it is the judge). */
function checkDeploy(input: z.infer<typeof deployRequestSchema>) {
  const resolved = resolveStrategy(input.strategyId, input.params);
  if (!resolved.ok) fail(resolved.code, resolved.message);
  const unknown = input.symbols.find((s) => !INSTRUMENTS.some((i) => i.symbol === s));
  if (unknown !== undefined) fail('STRATEGY_SYMBOL_UNKNOWN', `unknown symbol ${unknown}`);
}

type WithPerformance = DeploymentRecord & { name: string; openOrders: number; performance: Performance };

async function withPerformance(
  owned: ReturnType<ReturnType<typeof ownedBy>['strategies']>,
  db: Parameters<typeof ownedBy>[0],
  records: DeploymentRecord[],
): Promise<WithPerformance[]> {
  const ids = records.map((r) => r.id);
  const [totals, open] = await Promise.all([owned.totals(ids), owned.openOrders(ids)]);
  const marks = await markTicks(
    db,
    totals.map((t) => t.symbol),
  );
  return records.map((r) => ({
    ...r,
    name: BUILTIN_STRATEGIES.get(r.strategyId)?.name ?? r.strategyId,
    openOrders: open.get(r.id) ?? 0,
    performance: performanceOf(
      totals.filter((t) => t.deploymentId === r.id),
      marks,
      CURRENCY_SCALE[r.currency] ?? 2,
    ),
  }));
}

/** Live strategies: deploy on a paper account (or a sub-account allocated from it), stop, start, watch. */
export const strategiesRouter = router({
  catalogue: publicProcedure.query(() => catalogue()),
  deploy: protectedProcedure.input(deployRequestSchema).mutation(async ({ ctx, input }) => {
    checkDeploy(input);
    if (!(await ownedBy(ctx.db, ctx.auth.userId).account(input.accountId))) fail('NOT_FOUND');
    return forwardToRunner(ctx.core, 'deploy', ctx.auth.userId, input);
  }),
  stop: protectedProcedure.input(deploymentIdRequestSchema).mutation(async ({ ctx, input }) => {
    if (!(await ownedBy(ctx.db, ctx.auth.userId).strategies().get(input.deploymentId))) fail('STRATEGY_NOT_FOUND');
    return forwardToRunner(ctx.core, 'stop', ctx.auth.userId, input);
  }),
  start: protectedProcedure.input(deploymentIdRequestSchema).mutation(async ({ ctx, input }) => {
    if (!(await ownedBy(ctx.db, ctx.auth.userId).strategies().get(input.deploymentId))) fail('STRATEGY_NOT_FOUND');
    return forwardToRunner(ctx.core, 'start', ctx.auth.userId, input);
  }),
  list: protectedProcedure.query(async ({ ctx }) => {
    const owned = ownedBy(ctx.db, ctx.auth.userId).strategies();
    return withPerformance(owned, ctx.db, await owned.list(DEPLOYMENTS_LIST_MAX));
  }),
  detail: protectedProcedure.input(deploymentIdRequestSchema).query(async ({ ctx, input }) => {
    const owned = ownedBy(ctx.db, ctx.auth.userId).strategies();
    const record = await owned.get(input.deploymentId);
    if (record === undefined) fail('STRATEGY_NOT_FOUND');
    const [[deployment], orders, fills] = await Promise.all([
      withPerformance(owned, ctx.db, [record]),
      owned.orders(record.id, DEPLOYMENT_ROWS_MAX),
      owned.fills(record.id, DEPLOYMENT_ROWS_MAX),
    ]);
    return { ...(deployment as WithPerformance), orders, fills };
  }),
});
