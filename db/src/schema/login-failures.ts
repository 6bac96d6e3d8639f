import { sql } from 'drizzle-orm';
import { bigserial, check, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Failed (and in-flight) login attempts, one row each, so that every edge instance shares
 * one sliding-window rate limit (RELIABILITY S3). `scope` says what `key` is: the
 * normalised e-mail ('account', whether or not such a user exists, so the limit itself
 * reveals nothing) or the client's IP address ('ip'). Rows older than the window are pruned.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    scope: text('scope', { enum: ['account', 'ip'] }).notNull(),
    key: text('key').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('login_failures_scope_key_time_idx').on(t.scope, t.key, t.occurredAt),
    index('login_failures_time_idx').on(t.occurredAt),
    check('login_failures_scope_known', sql`${t.scope} in ('account', 'ip')`),
  ],
);
