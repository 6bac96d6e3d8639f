import { loadConfig } from './config';
import { startEdgeServer } from './http/node-host';
import { createLogger } from './logger';

/**
 * `npm run serve -w edge`: edge on Node. Configuration comes from the environment (see
 * edge/README.md); the database must already be migrated (the stack supervisor does that).
 */
async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    console.error(`edge: invalid configuration:\n  ${loaded.errors.join('\n  ')}`);
    process.exit(2);
  }
  const log = createLogger(loaded.config.logLevel);
  const server = await startEdgeServer(loaded.config, { logger: log });
  const { metrics } = server.edge.services;
  log.info({ url: server.url }, `edge listening on ${server.url}`);

  const shutdown = (signal: string, code: number) => {
    log.info({ signal }, 'edge shutting down');
    server.close().then(
      () => process.exit(code),
      (err) => {
        log.error({ err }, 'edge shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT', 0));
  process.once('SIGTERM', () => shutdown('SIGTERM', 0));
  // Never silent: a rejection nobody handled is a bug; log and count it and keep serving.
  process.on('unhandledRejection', (err) => {
    metrics.uncaughtErrors.inc({ where: 'unhandled_rejection' });
    log.error({ err }, 'unhandled rejection');
  });
  // An uncaught exception leaves the process in an unknown state: log, count, stop cleanly.
  process.on('uncaughtException', (err) => {
    metrics.uncaughtErrors.inc({ where: 'uncaught_exception' });
    log.fatal({ err }, 'uncaught exception');
    shutdown('uncaughtException', 1);
  });
}

main().catch((err) => {
  console.error('edge failed to start:', err);
  process.exit(1);
});
