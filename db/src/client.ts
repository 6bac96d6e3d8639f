import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema/index';

export type Database = ReturnType<typeof drizzle<typeof schema>>;
export type Sql = postgres.Sql;

export type DbHandle = { readonly url: string; readonly sql: Sql; readonly db: Database; close(): Promise<void> };

/** Connections per process; postgres.js opens them lazily, so idle processes hold few. */
export const POOL_CONNECTIONS_MAX = 10;

/** The one way our processes connect: postgres.js for SQL and COPY, drizzle on top of it. */
export function connect(url: string, options: { max?: number; appName?: string } = {}): DbHandle {
  const sql = postgres(url, {
    max: options.max ?? POOL_CONNECTIONS_MAX,
    onnotice: () => {},
    connection: { application_name: options.appName ?? 'tradewind' },
  });
  const db = drizzle(sql, { schema });
  return { url, sql, db, close: () => sql.end({ timeout: 5 }) };
}
