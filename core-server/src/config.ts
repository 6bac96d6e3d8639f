import { z } from 'zod';

/** Upper bound of SIM_TICKS_PER_SECOND: a step per millisecond per instrument is already a stress test. */
export const SIM_TICKS_PER_SECOND_MAX = 1_000;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const originSchema = z.string().refine((s) => {
  try {
    return new URL(s).origin === s;
  } catch {
    return false;
  }
}, 'each allowed origin must be scheme://host[:port] with no path or trailing slash');

/**
 * The core's environment, read and validated once at start (STYLE habit 14). Defaults work on
 * a laptop; every variable is documented in core-server/README.md.
 */
const envSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL'),
  CORE_HOST: z.string().min(1).default('127.0.0.1'),
  CORE_PORT: z.coerce.number().int().min(0).max(65_535).default(8081),
  CORE_ALLOWED_ORIGINS: z
    .string()
    .default('http://127.0.0.1:8080,http://localhost:8080')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter((o) => o.length > 0),
    )
    .pipe(z.array(originSchema)),
  SIM_SEED: z.coerce.number().int().min(0).max(0xffff_ffff).default(42),
  SIM_TICKS_PER_SECOND: z.coerce.number().positive().max(SIM_TICKS_PER_SECOND_MAX).default(4),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Shared secret of edge → core order entry (/internal/v1/...); unset disables that API. */
  CORE_SERVICE_TOKEN: z.string().min(16, 'CORE_SERVICE_TOKEN must be at least 16 characters').optional(),
});

export type CoreConfig = {
  readonly databaseUrl: string;
  readonly host: string;
  /** 0 lets the kernel choose (tests); the bound port is reported by startCore. */
  readonly port: number;
  readonly allowedOrigins: readonly string[];
  readonly simSeed: number;
  readonly simTicksPerSecond: number;
  readonly logLevel: LogLevel;
  /** edge's service token for the internal order-entry API; absent: the internal API answers 401. */
  readonly serviceToken?: string;
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the config from an environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): CoreConfig {
  // An empty variable means "not set" (docker-compose and shells produce them), so defaults apply.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`);
    throw new ConfigError(`invalid core-server configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL,
    host: e.CORE_HOST,
    port: e.CORE_PORT,
    allowedOrigins: e.CORE_ALLOWED_ORIGINS,
    simSeed: e.SIM_SEED,
    simTicksPerSecond: e.SIM_TICKS_PER_SECOND,
    logLevel: e.LOG_LEVEL,
    ...(e.CORE_SERVICE_TOKEN === undefined ? {} : { serviceToken: e.CORE_SERVICE_TOKEN }),
  };
}
