import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs on stdout; secrets are redacted wherever they might appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'edge' },
    redact: ['*.password', '*.accessToken', '*.refreshToken', '*.authorization', '*.cookie'],
  });
}
