import {
  type DeploymentSummary,
  STRATEGY_INTERNAL_PATHS,
  STRATEGY_REJECT_CODES,
  type TradingRejectCode,
} from '@tradewind/shared/protocol';
import type { CoreClient } from '../../core-client/index';
import { fail } from '../../errors';
import { isTradingRejectCode } from '../trading/reject-mapping';

const STRATEGY_CODES: ReadonlySet<string> = new Set(STRATEGY_REJECT_CODES);

/**
 * One call to core's strategy runner for the signed-in user: the summary it answers, or its
 * refusal thrown with core's code as `data.reason` (core checks ownership again).
 */
export async function forwardToRunner(
  core: CoreClient | null,
  path: keyof typeof STRATEGY_INTERNAL_PATHS,
  userId: string,
  body: Record<string, unknown>,
): Promise<DeploymentSummary> {
  if (!core) fail('TRADING_UNAVAILABLE');
  const reply = await core.post(STRATEGY_INTERNAL_PATHS[path], { ...body, userId });
  if (!reply.ok) fail('TRADING_UNAVAILABLE');
  const answer = reply.body as { ok?: unknown; code?: unknown; message?: unknown; deployment?: unknown } | null;
  const message = typeof answer?.message === 'string' ? answer.message : undefined;
  if (answer?.ok === true && typeof answer.deployment === 'object' && answer.deployment !== null) {
    const d = answer.deployment as DeploymentSummary;
    return { id: d.id, accountId: d.accountId, strategyId: d.strategyId, status: d.status, reason: d.reason };
  }
  if (answer?.ok === false && typeof answer.code === 'string') {
    if (answer.code === 'NOT_FOUND') fail('STRATEGY_NOT_FOUND');
    if (STRATEGY_CODES.has(answer.code)) fail(answer.code as (typeof STRATEGY_REJECT_CODES)[number], message);
    if (isTradingRejectCode(answer.code)) fail(answer.code as TradingRejectCode, message);
  }
  // Core answered something outside the contract: a bug on one side, never the user's fault.
  throw new Error(`core answered strategies.${path} with an unexpected body (HTTP ${reply.status})`);
}
