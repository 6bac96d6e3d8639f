import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '@tradewind/db/testing';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import pino from 'pino';
import { type Clock, manualClock } from '../clock';
import type { CoreInternalConfig, EdgeConfig } from '../config';
import { type EdgeServer, startEdgeServer } from '../http/node-host';
import type { PasswordHashPolicy } from '../identity/password';
import { MARKET_DATA_DEFAULTS, type MarketDataConfig } from '../market-data/config';
import { NOTIFY_DEFAULTS, type NotifyConfig } from '../notifications/index';
import type { AppRouter } from '../router';
import { CookieJar } from './cookie-jar';
import { startCoreProcess } from './core-process';

/**
 * Cheap argon2 for tests only, injected through config; production always uses
 * PASSWORD_HASH_POLICY (config.test.ts checks that loadConfig cannot lower it).
 */
export const TEST_PASSWORD_HASH: PasswordHashPolicy = { memoryKib: 64, timeCost: 1, parallelism: 1 };

export type TestEdge = {
  server: EdgeServer;
  url: string;
  clock: ReturnType<typeof manualClock>;
  db: Awaited<ReturnType<typeof createTestDatabase>>;
  /** The core process's HTTP base (REST `/v1/...`, WebSocket `/v1/ws`); only with startTestEdgeWithCore. */
  coreUrl?: string;
  /** A client with its own cookie jar and its own client IP (edge trusts X-Forwarded-For here). */
  client(options?: { ip?: string }): TestClient;
  close(): Promise<void>;
};

export type TestClient = ReturnType<typeof makeClient>;

let ipCounter = 0;

function makeClient(url: string, ip: string) {
  const jar = new CookieJar();
  const state = { accessToken: undefined as string | undefined };
  const trpc = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${url}/trpc`,
        fetch: jar.fetch,
        headers: () => ({
          'X-Forwarded-For': ip,
          ...(state.accessToken ? { Authorization: `Bearer ${state.accessToken}` } : {}),
        }),
      }),
    ],
  });
  return { trpc, jar, ip, state };
}

/** Edge on a free port over a fresh database of its own, with a manual clock and cheap argon2. */
export async function startTestEdge(
  options: {
    pwaDist?: string;
    passwordHash?: PasswordHashPolicy;
    marketData?: Partial<MarketDataConfig>;
    coreInternal?: CoreInternalConfig;
    /** Notification settings over test defaults (no worker; local push endpoints and webhooks allowed). */
    notify?: Partial<NotifyConfig>;
    /** A database made by the test (e.g. shared with a core process); close() drops it. */
    db?: Awaited<ReturnType<typeof createTestDatabase>>;
  } = {},
) {
  const db = options.db ?? (await createTestDatabase());
  const emptyDir = await mkdtemp(join(tmpdir(), 'tw-edge-nodist-'));
  const clock = manualClock(Date.UTC(2026, 10, 24, 12, 0, 0));
  const config: EdgeConfig = {
    databaseUrl: db.url,
    host: '127.0.0.1',
    port: 0,
    coreWsUrl: 'ws://127.0.0.1:18081/v1/ws',
    pwaDist: options.pwaDist ?? join(emptyDir, 'dist'),
    cookieSecure: false,
    trustProxy: true,
    logLevel: 'silent',
    passwordHash: options.passwordHash ?? TEST_PASSWORD_HASH,
    marketData: { ...MARKET_DATA_DEFAULTS, ...options.marketData },
    notify: { ...NOTIFY_DEFAULTS, worker: false, allowPrivateTargets: true, ...options.notify },
    ...(options.coreInternal ? { coreInternal: options.coreInternal } : {}),
  };
  const server = await startEdgeServer(config, { clock: clock as Clock, logger: pino({ level: 'silent' }) });
  const edge: TestEdge = {
    server,
    url: server.url,
    clock,
    db,
    client: (o = {}) => makeClient(server.url, o.ip ?? `10.0.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`),
    close: async () => {
      await server.close();
      await db.close();
      await rm(emptyDir, { recursive: true, force: true });
    },
  };
  return edge;
}

/**
 * Edge in front of the real core: core-server as a child process on the same fresh database
 * (as the supervisor runs them); close() stops both.
 */
export async function startTestEdgeWithCore(): Promise<TestEdge> {
  const db = await createTestDatabase();
  const core = await startCoreProcess(db.url);
  const edge = await startTestEdge({ coreInternal: core.internal, db });
  return {
    ...edge,
    coreUrl: core.internal.url,
    close: async () => {
      await core.stop();
      await edge.close();
    },
  };
}

/** The error a tRPC call failed with, or a test failure if it succeeded. */
export async function rejection(call: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  try {
    await call;
  } catch (e) {
    if (e instanceof TRPCClientError) return e as TRPCClientError<AppRouter>;
    throw e;
  }
  throw new Error('expected the call to fail, and it succeeded');
}

let userCounter = 0;

/** A fresh, valid registration input. */
export function newUser(prefix = 'trader') {
  userCounter += 1;
  return {
    email: `${prefix}-${userCounter}@example.com`,
    password: `correct horse ${userCounter} battery`,
    displayName: `Trader ${userCounter}`,
  };
}

/** Registers and keeps the access token in the client, as the PWA does. */
export async function registerAndSignIn(client: TestClient, input = newUser()) {
  const signedIn = await client.trpc.auth.register.mutate(input);
  client.state.accessToken = signedIn.accessToken;
  return { input, signedIn };
}

/** A new signed-in user of this edge and the id of their paper account. */
export async function signedInTrader(edge: TestEdge) {
  const client = edge.client();
  await registerAndSignIn(client);
  const accountId = (await client.trpc.auth.me.query()).accounts[0]?.id;
  if (!accountId) throw new Error('no account');
  return { client, accountId };
}
