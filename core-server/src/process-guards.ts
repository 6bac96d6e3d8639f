import type { Logger } from './logger';
import type { CoreMetrics } from './metrics';

export type ProcessGuards = {
  readonly onException: (error: unknown) => void;
  readonly onRejection: (reason: unknown) => void;
};

/**
 * Errors that escape every handler are bugs: logged with their stack and counted in
 * core_uncaught_errors_total, never silent. The process keeps serving: every input path
 * already has its own boundary, so what lands here is not caused by a client frame.
 */
export function createProcessGuards(log: Logger, metrics: CoreMetrics): ProcessGuards {
  return {
    onException: (error) => {
      metrics.uncaught.inc({ kind: 'exception' });
      log.error({ err: error }, 'uncaught exception');
    },
    onRejection: (reason) => {
      metrics.uncaught.inc({ kind: 'rejection' });
      log.error({ err: reason }, 'unhandled promise rejection');
    },
  };
}

/** Installs the guards on the process; returns the function that removes them. */
export function installProcessGuards(guards: ProcessGuards): () => void {
  process.on('uncaughtException', guards.onException);
  process.on('unhandledRejection', guards.onRejection);
  return () => {
    process.off('uncaughtException', guards.onException);
    process.off('unhandledRejection', guards.onRejection);
  };
}
