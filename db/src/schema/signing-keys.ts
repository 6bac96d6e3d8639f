import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Keys that sign access tokens (EdDSA). Generated on first start; core reads the public
 * halves, edge signs with the newest unretired key. Retired keys still verify until the
 * longest token they signed has expired.
 */
export const signingKeys = pgTable('signing_keys', {
  kid: text('kid').primaryKey(),
  alg: text('alg').notNull(),
  publicKeyPem: text('public_key_pem').notNull(),
  privateKeyPem: text('private_key_pem').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});
