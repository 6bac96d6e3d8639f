import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { CoreInternalConfig } from '../config';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
/** Core starts in ~1-3 s here (tsx compile + journal recovery); generous for a loaded CI box. */
const CORE_START_TIMEOUT_MS = 45_000;

export type CoreProcess = { readonly internal: CoreInternalConfig; stop(): Promise<void> };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  await new Promise<void>((ok) => server.close(() => ok()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

/**
 * The real core-server as a child process on the test's database, exactly as the supervisor
 * runs it (edge never imports core: they are separate processes with a service token between).
 */
export async function startCoreProcess(databaseUrl: string): Promise<CoreProcess> {
  const port = await freePort();
  const serviceToken = randomBytes(32).toString('base64url');
  const child = spawn(process.execPath, ['--import', 'tsx', 'core-server/src/main.ts'], {
    cwd: REPO,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      CORE_HOST: '127.0.0.1',
      CORE_PORT: String(port),
      CORE_SERVICE_TOKEN: serviceToken,
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(child, `${url}/healthz`);
  return { internal: { url, serviceToken }, stop: () => stop(child) };
}

async function waitHealthy(child: ChildProcess, healthUrl: string): Promise<void> {
  const deadline = Date.now() + CORE_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`core exited with ${child.exitCode} before it was healthy`);
    const up = await fetch(healthUrl).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    // Polling a child process's health endpoint: there is no event to wait for across processes.
    await new Promise((ok) => setTimeout(ok, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`core not healthy at ${healthUrl} within ${CORE_START_TIMEOUT_MS} ms`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((ok) => child.once('exit', ok));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
