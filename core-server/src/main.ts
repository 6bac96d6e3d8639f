import { ConfigError, loadConfig } from './config';
import { startCore } from './core';
import { createLogger } from './logger';
import { createProcessGuards, installProcessGuards } from './process-guards';
import { isNativeUws } from './uws';

/** A shutdown that takes longer than this is forced: the supervisor is waiting. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.message);
    process.exit(2);
  }
  const log = createLogger(config.logLevel);
  if (!isNativeUws()) {
    log.fatal(
      { node: process.versions.node },
      'uWebSockets.js is not native on this Node; refusing to start (use Node 20)',
    );
    process.exit(1);
  }
  const core = await startCore(config, { logger: log });
  installProcessGuards(createProcessGuards(log, core.metrics));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error('shutdown timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    core.close().then(
      () => process.exit(0),
      (e: unknown) => {
        log.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error('core-server failed to start:', e);
  process.exit(1);
});
