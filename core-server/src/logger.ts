import { type Logger, pino } from 'pino';
import type { LogLevel } from './config';

export type { Logger };

/** Structured JSON logs on stdout; `component` tells the subsystems apart. */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { service: 'core-server' } });
}
