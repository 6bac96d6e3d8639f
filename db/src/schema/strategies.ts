import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accounts } from './accounts';
import { users } from './users';

/** A live deployment's state: trading, stopped by its user, or failed (threw, or went past a bound). */
export const STRATEGY_DEPLOYMENT_STATUSES = ['running', 'stopped', 'failed'] as const;
export type StrategyDeploymentStatus = (typeof STRATEGY_DEPLOYMENT_STATUSES)[number];
/** Bars a live strategy may run on: core closes these itself (1s and 1m aggregation). */
export const STRATEGY_BAR_INTERVALS = ['1s', '1m'] as const;
export type StrategyBarInterval = (typeof STRATEGY_BAR_INTERVALS)[number];

/**
 * Live strategies (issue 6). Core's strategy runner inserts a row when a user deploys a
 * built-in strategy (`strategy_id` + its validated `params`) on one of their accounts: the
 * paper account itself, or a sub-account it opened for the deployment (`allocated_minor` moved
 * from the parent). On start core resumes every `running` row; `runs` counts the starts, so the
 * client order ids of each start (`<id>.<runs>.<n>`) never repeat. `reason` says why a
 * deployment stopped or failed. Orders and fills it caused carry `deployment_id`.
 */
export const strategyDeployments = pgTable(
  'strategy_deployments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    strategyId: text('strategy_id').notNull(),
    params: jsonb('params').notNull(),
    symbols: text('symbols').array().notNull(),
    interval: text('interval', { enum: STRATEGY_BAR_INTERVALS }).notNull(),
    /** Cash moved from the parent into the deployment's sub-account (minor units); null: the account itself. */
    allocatedMinor: numeric('allocated_minor', { precision: 38, scale: 0 }),
    status: text('status', { enum: STRATEGY_DEPLOYMENT_STATUSES }).notNull().default('running'),
    reason: text('reason'),
    runs: integer('runs').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    stoppedAt: timestamp('stopped_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('strategy_deployments_user_idx').on(t.userId, t.createdAt),
    index('strategy_deployments_running_idx').on(t.createdAt).where(sql`${t.status} = 'running'`),
    check('strategy_deployments_status', sql`${t.status} in ('running', 'stopped', 'failed')`),
    check('strategy_deployments_interval', sql`${t.interval} in ('1s', '1m')`),
    check('strategy_deployments_allocated', sql`${t.allocatedMinor} is null or ${t.allocatedMinor} > 0`),
    check('strategy_deployments_runs', sql`${t.runs} >= 1`),
  ],
);
