import { SIMULATED_INSTRUMENTS } from '@tradewind/shared';
import { REPLAY_RANGE_MS_MAX, REPLAY_SPEED_MAX, type ReplaySpeed } from '@tradewind/shared/protocol';
import { z } from 'zod';

/** Upper bound of SIM_TICKS_PER_SECOND: a step per millisecond per instrument is already a stress test. */
export const SIM_TICKS_PER_SECOND_MAX = 1_000;
/** Upper bound of SIM_AGENT_RATE: every agent step goes through the journal. */
export const SIM_AGENT_RATE_MAX = 100;
/** Upper bound of MD_RETENTION_DAYS (ten years). */
export const MD_RETENTION_DAYS_MAX = 3_650;
/** The market feeds core can run: agents on the engine's books, or the old random walk (no order book). */
export const SIM_FEEDS = ['agents', 'random-walk'] as const;
/** What drives the public market: the simulated market (default) or a replay of recorded history. */
export const MARKET_SOURCES = ['sim', 'replay'] as const;
const CATALOG_SYMBOLS = new Set<string>(SIMULATED_INSTRUMENTS.map((s) => s.instrument.symbol));
export const MARKET_DEFAULTS = {
  simFeed: 'agents',
  simAgentRate: 2,
  simVolatilityScale: 1,
  mdRetentionDays: 30,
} as const satisfies Record<string, string | number>;

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
  SIM_FEED: z.enum(SIM_FEEDS).default(MARKET_DEFAULTS.simFeed),
  SIM_AGENT_RATE: z.coerce.number().positive().max(SIM_AGENT_RATE_MAX).default(MARKET_DEFAULTS.simAgentRate),
  SIM_SYMBOLS: z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x.length > 0),
    )
    .pipe(z.array(z.string().refine((s) => CATALOG_SYMBOLS.has(s), 'SIM_SYMBOLS: a symbol not in the catalog')).min(1))
    .optional(),
  SIM_VOLATILITY_SCALE: z.coerce.number().min(0).max(100).default(MARKET_DEFAULTS.simVolatilityScale),
  MD_RETENTION_DAYS: z.coerce.number().int().min(0).max(MD_RETENTION_DAYS_MAX).default(MARKET_DEFAULTS.mdRetentionDays),
  MARKET_SOURCE: z.enum(MARKET_SOURCES).default('sim'),
  /** ISO 8601 date or date-time (UTC unless it says otherwise). */
  REPLAY_FROM: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), 'REPLAY_FROM: an ISO 8601 date or date-time')
    .optional(),
  REPLAY_TO: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), 'REPLAY_TO: an ISO 8601 date or date-time')
    .optional(),
  REPLAY_SPEED: z.union([z.literal('max'), z.coerce.number().int().min(1).max(REPLAY_SPEED_MAX)]).default(1),
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
  // The market's settings are optional in code (tests and benches build configs by hand);
  // absent ones take MARKET_DEFAULTS, which is also what loadConfig fills in.
  /** Which market runs by default (`startCore`'s `feed` option overrides it). */
  readonly simFeed?: (typeof SIM_FEEDS)[number];
  /** Agent steps per second (agents feed). */
  readonly simAgentRate?: number;
  /** Symbols the simulated market trades; absent: the whole catalog. */
  readonly simSymbols?: readonly string[];
  /** Multiplies the catalog's volatility (agents feed). */
  readonly simVolatilityScale?: number;
  /** Raw trades and quotes older than this many days are pruned (0: kept for ever); bars are kept. */
  readonly mdRetentionDays?: number;
  /** `replay`: the whole market is a replay of `replay` (no agents, nothing recorded). */
  readonly marketSource?: (typeof MARKET_SOURCES)[number];
  readonly replay?: { readonly fromMs: number; readonly toMs: number; readonly speed: ReplaySpeed };
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
  const replay = e.MARKET_SOURCE === 'replay' ? replayRange(e.REPLAY_FROM, e.REPLAY_TO, e.REPLAY_SPEED) : undefined;
  return {
    databaseUrl: e.DATABASE_URL,
    host: e.CORE_HOST,
    port: e.CORE_PORT,
    allowedOrigins: e.CORE_ALLOWED_ORIGINS,
    simSeed: e.SIM_SEED,
    simTicksPerSecond: e.SIM_TICKS_PER_SECOND,
    simFeed: e.SIM_FEED,
    simAgentRate: e.SIM_AGENT_RATE,
    ...(e.SIM_SYMBOLS === undefined ? {} : { simSymbols: e.SIM_SYMBOLS }),
    simVolatilityScale: e.SIM_VOLATILITY_SCALE,
    mdRetentionDays: e.MD_RETENTION_DAYS,
    marketSource: e.MARKET_SOURCE,
    ...(replay === undefined ? {} : { replay }),
    logLevel: e.LOG_LEVEL,
    ...(e.CORE_SERVICE_TOKEN === undefined ? {} : { serviceToken: e.CORE_SERVICE_TOKEN }),
  };
}

/** MARKET_SOURCE=replay: REPLAY_FROM is required; REPLAY_TO defaults to a day later. */
function replayRange(from: string | undefined, to: string | undefined, speed: ReplaySpeed) {
  if (from === undefined)
    throw new ConfigError('invalid core-server configuration:\n  REPLAY_FROM: required with MARKET_SOURCE=replay');
  const fromMs = Date.parse(from);
  const toMs = to === undefined ? fromMs + 86_400_000 : Date.parse(to);
  if (toMs <= fromMs)
    throw new ConfigError('invalid core-server configuration:\n  REPLAY_TO: must be after REPLAY_FROM');
  if (toMs - fromMs > REPLAY_RANGE_MS_MAX) {
    throw new ConfigError(
      `invalid core-server configuration:\n  REPLAY_TO: at most ${REPLAY_RANGE_MS_MAX / 86_400_000} days after REPLAY_FROM`,
    );
  }
  return { fromMs, toMs, speed };
}
