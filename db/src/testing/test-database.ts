import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { prepareDatabase } from '../bootstrap';
import { connect, type DbHandle } from '../client';

/** Swaps the database name of a postgres URL. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A fresh, migrated, seeded database of its own for one test file, on the run's PostgreSQL
 * (embedded, or DATABASE_URL). `close()` drops it. Names are random so parallel runs never collide.
 */
export async function createTestDatabase(adminUrl: string = inject('adminDatabaseUrl')): Promise<DbHandle> {
  const name = `tw_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  const handle = connect(url, { max: 5, appName: 'tradewind-test' });
  await prepareDatabase(url, handle.db);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const drop = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await drop.unsafe(`drop database if exists ${name} with (force)`);
      await drop.end();
    },
  };
}
