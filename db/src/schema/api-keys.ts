import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/** What a key may do on core's REST API: `read` the account data, `trade` (place, modify, cancel). */
export const API_KEY_SCOPES = ['read', 'trade'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * Per-user API keys for scripts on core's REST API (`Authorization: ApiKey <id>.<secret>`).
 * Only the SHA-256 of the 256-bit random secret is stored: a database leak yields no usable
 * key, and a high-entropy secret needs no slow hash. The secret is shown once, at creation.
 * A key never carries the admin role; revoking sets `revoked_at` (core's cache drops it within
 * seconds, see core-server/src/auth/api-keys.ts).
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Lower-case hex SHA-256 of the secret. */
    secretHash: text('secret_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, precision: 3 }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('api_keys_user_idx').on(t.userId, t.createdAt),
    check('api_keys_secret_hash_hex', sql`${t.secretHash} ~ '^[0-9a-f]{64}$'`),
    check(
      'api_keys_scopes_known',
      sql`cardinality(${t.scopes}) between 1 and 2 and ${t.scopes} <@ array['read', 'trade']::text[]`,
    ),
  ],
);
