import { z } from 'zod';
import { accountIdSchema, decimalStringSchema, symbolSchema, type TradingRejectCode } from './trading';

/**
 * The contract of core's live strategy runner (issue 6): edge's `strategies` router forwards a
 * user's deploy / stop / start to core's internal API (service token, like order entry) after
 * checking it with these same schemas; core checks again and is the judge. Reads (list, detail)
 * come from PostgreSQL, not from here.
 */

/** Bars a live strategy runs on: the core closes 1 s and 1 min bars itself. */
export const LIVE_BAR_INTERVALS = ['1s', '1m'] as const;
export type LiveBarInterval = (typeof LIVE_BAR_INTERVALS)[number];
/** Symbols one deployment trades (its bars and trades arrive for these only). */
export const DEPLOYMENT_SYMBOLS_MAX = 8;

export const deployRequestSchema = z
  .object({
    /** The paper account it trades, or (with `allocation`) the parent of a new sub-account. */
    accountId: accountIdSchema,
    strategyId: z.string().min(1).max(64),
    params: z.record(z.string(), z.unknown()).default({}),
    symbols: z.array(symbolSchema).min(1).max(DEPLOYMENT_SYMBOLS_MAX),
    interval: z.enum(LIVE_BAR_INTERVALS),
    /** Cash (decimal, the account's currency) moved into a new sub-account that the strategy trades alone. */
    allocation: decimalStringSchema.optional(),
  })
  .strict();
export type DeployRequest = z.infer<typeof deployRequestSchema>;

export const deploymentIdRequestSchema = z.object({ deploymentId: z.string().uuid() }).strict();

export const STRATEGY_INTERNAL_PATHS = {
  deploy: '/internal/v1/strategies/deploy',
  stop: '/internal/v1/strategies/stop',
  start: '/internal/v1/strategies/start',
} as const;

export const DEPLOYMENT_STATUSES = ['running', 'stopped', 'failed'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

/** What core answers a deploy / stop / start with. */
export type DeploymentSummary = {
  id: string;
  accountId: string;
  strategyId: string;
  status: DeploymentStatus;
  reason: string | null;
};

/** Refusals of the runner besides order entry's own (account not found, funds, journal). */
export const STRATEGY_REJECT_CODES = [
  'STRATEGY_UNKNOWN',
  'STRATEGY_PARAMS_INVALID',
  'STRATEGY_SYMBOL_UNKNOWN',
  'STRATEGY_ALLOCATION_INVALID',
  'STRATEGY_ACCOUNT_IS_SUB',
  'STRATEGY_DEPLOYMENTS_LIMIT',
  'STRATEGY_ALREADY_RUNNING',
  'STRATEGY_NOT_RUNNING',
] as const;
export type StrategyRejectCode = (typeof STRATEGY_REJECT_CODES)[number];

export type StrategyAnswer =
  | { ok: true; deployment: DeploymentSummary }
  | { ok: false; code: StrategyRejectCode | TradingRejectCode; message: string };
