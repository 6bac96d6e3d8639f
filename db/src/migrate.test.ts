import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { connect } from './client';
import { runMigrations } from './migrate';
import { withDatabase } from './testing/index';

/** The machine's own PostgreSQL 15 (CI has it); a developer laptop may not. */
const SYSTEM_PG_URL = process.env.SYSTEM_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function reachable(url: string): Promise<boolean> {
  const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

const created: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const drop of created) await drop();
});

async function freshDatabase(adminUrl: string): Promise<string> {
  const name = `tw_mig_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  created.push(async () => {
    const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await sql.unsafe(`drop database if exists ${name} with (force)`);
    await sql.end();
  });
  return withDatabase(adminUrl, name);
}

async function expectMigrated(url: string): Promise<void> {
  await runMigrations(url);
  await runMigrations(url); // a second run is a no-op, not an error
  const h = connect(url, { max: 1 });
  const tables = await h.sql<{ t: string }[]>`
    select table_name as t from information_schema.tables where table_schema = 'public' order by 1`;
  const version = await h.sql<{ server_version: string }[]>`show server_version`;
  await h.close();
  expect(tables.map((r) => r.t)).toEqual(
    expect.arrayContaining(['users', 'sessions', 'refresh_tokens', 'accounts', 'instruments', 'signing_keys']),
  );
  expect(version[0]?.server_version).toMatch(/^\d+/);
}

describe('migrations', () => {
  it('apply twice on the run database (embedded PostgreSQL 18 unless DATABASE_URL is set)', async () => {
    await expectMigrated(await freshDatabase(inject('adminDatabaseUrl')));
  });

  it('apply on the machine PostgreSQL at 127.0.0.1:5432 as well', async (ctx) => {
    if (!(await reachable(SYSTEM_PG_URL))) {
      if (process.env.CI) throw new Error(`CI must have PostgreSQL at ${SYSTEM_PG_URL}`);
      console.warn(`SKIPPED LOUDLY: no PostgreSQL at ${SYSTEM_PG_URL}; set SYSTEM_DATABASE_URL to test it`);
      ctx.skip();
    }
    await expectMigrated(await freshDatabase(SYSTEM_PG_URL));
  });
});
