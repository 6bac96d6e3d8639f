import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/** A server backtest's life: queued by edge, claimed and run by core, then one final state. */
export const BACKTEST_JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type BacktestJobStatus = (typeof BACKTEST_JOB_STATUSES)[number];

/**
 * Server backtests (issue 6). Edge inserts a job (`config`: the validated request: strategy,
 * params, symbol, interval, range, cash); core's runner claims the oldest queued one with
 * `FOR UPDATE SKIP LOCKED` (several runners never take the same job), runs it in a worker
 * thread, writes `progress` (0…1) as it goes and the JSON-safe `result` or the typed `error`
 * at the end. A cancel sets `cancel_requested`; a queued job is cancelled at once, a running
 * one by its runner at the next progress write.
 */
export const backtestJobs = pgTable(
  'backtest_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    config: jsonb('config').notNull(),
    status: text('status', { enum: BACKTEST_JOB_STATUSES }).notNull().default('queued'),
    progress: doublePrecision('progress').notNull().default(0),
    cancelRequested: boolean('cancel_requested').notNull().default(false),
    result: jsonb('result'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }),
    finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('backtest_jobs_user_idx').on(t.userId, t.createdAt),
    index('backtest_jobs_queued_idx').on(t.createdAt).where(sql`${t.status} = 'queued'`),
    check('backtest_jobs_progress_range', sql`${t.progress} >= 0 and ${t.progress} <= 1`),
    check('backtest_jobs_status', sql`${t.status} in ('queued', 'running', 'done', 'failed', 'cancelled')`),
  ],
);
