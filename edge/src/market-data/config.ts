import { z } from 'zod';

/** Market-data settings of edge; every variable is in edge/README.md's table. */
export type MarketDataConfig = {
  /** Shared cache tier; null = in-process cache only. */
  readonly redisUrl: string | null;
  /** Prefix of every Redis key edge writes (several deployments can share one Redis). */
  readonly redisPrefix: string;
  /** Entries (chunks of bars, trade pages) in the in-process LRU. */
  readonly cacheEntriesMax: number;
  /** Freshness of a chunk whose bars are all closed (they do not change any more). */
  readonly closedFreshMs: number;
  /** Freshness of the chunk holding the bar in progress (new bars land there). */
  readonly liveFreshMs: number;
  /** How long past freshness an entry is still served while it refreshes in the background. */
  readonly staleMs: number;
  /** Background refreshes running at once; more are skipped (a later read retries). */
  readonly refreshConcurrencyMax: number;
  /** The exchange source; null = no ccxt source (the default: no network by surprise). */
  readonly ccxt: CcxtConfig | null;
  /** Who may import CSV history (shared by every user's charts): `admin` by default. */
  readonly csvImportRole: 'admin' | 'user';
};

export type CcxtConfig = {
  readonly exchangeId: string;
  readonly baseUrl: string | null;
  readonly timeoutMs: number;
  readonly ratePerS: number;
  readonly burst: number;
  readonly symbols: Readonly<Record<string, string>>;
};

export const MARKET_DATA_DEFAULTS: MarketDataConfig = {
  redisUrl: null,
  redisPrefix: 'tw:md:',
  cacheEntriesMax: 2_000,
  closedFreshMs: 5 * 60_000,
  liveFreshMs: 1_000,
  staleMs: 10 * 60_000,
  refreshConcurrencyMax: 4,
  ccxt: null,
  csvImportRole: 'admin',
};

const ms = (fallback: number) => z.coerce.number().int().min(0).max(86_400_000).default(fallback);

/** `BTC-USD=BTC/USDT,ETH-USD=ETH/USDT` → a map. */
const symbolMap = z
  .string()
  .regex(/^([A-Z0-9-]+=[A-Z0-9/:-]+)(,[A-Z0-9-]+=[A-Z0-9/:-]+)*$/, 'must be SYM=EXCHANGE/SYM,…')
  .transform((s) => Object.fromEntries(s.split(',').map((p) => p.split('=') as [string, string])))
  .optional();

export const marketDataEnv = z.object({
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  REDIS_KEY_PREFIX: z.string().min(1).max(64).default(MARKET_DATA_DEFAULTS.redisPrefix),
  MD_CACHE_ENTRIES_MAX: z.coerce.number().int().min(1).max(1_000_000).default(MARKET_DATA_DEFAULTS.cacheEntriesMax),
  MD_CACHE_CLOSED_FRESH_MS: ms(MARKET_DATA_DEFAULTS.closedFreshMs),
  MD_CACHE_LIVE_FRESH_MS: ms(MARKET_DATA_DEFAULTS.liveFreshMs),
  MD_CACHE_STALE_MS: ms(MARKET_DATA_DEFAULTS.staleMs),
  MD_REFRESH_CONCURRENCY_MAX: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(MARKET_DATA_DEFAULTS.refreshConcurrencyMax),
  CCXT_EXCHANGE: z
    .string()
    .regex(/^[a-z0-9]+$/, 'must be a ccxt exchange id')
    .optional(),
  CCXT_BASE_URL: z.string().url().optional(),
  CCXT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  CCXT_RATE_PER_S: z.coerce.number().positive().max(100).default(5),
  CCXT_BURST: z.coerce.number().int().min(1).max(100).default(5),
  CCXT_SYMBOLS: symbolMap,
  MD_CSV_IMPORT_ROLE: z.enum(['admin', 'user']).default('admin'),
});

export function marketDataConfig(e: z.infer<typeof marketDataEnv>): MarketDataConfig {
  return {
    redisUrl: e.REDIS_URL ?? null,
    redisPrefix: e.REDIS_KEY_PREFIX,
    cacheEntriesMax: e.MD_CACHE_ENTRIES_MAX,
    closedFreshMs: e.MD_CACHE_CLOSED_FRESH_MS,
    liveFreshMs: e.MD_CACHE_LIVE_FRESH_MS,
    staleMs: e.MD_CACHE_STALE_MS,
    refreshConcurrencyMax: e.MD_REFRESH_CONCURRENCY_MAX,
    csvImportRole: e.MD_CSV_IMPORT_ROLE,
    ccxt:
      e.CCXT_EXCHANGE === undefined
        ? null
        : {
            exchangeId: e.CCXT_EXCHANGE,
            baseUrl: e.CCXT_BASE_URL ?? null,
            timeoutMs: e.CCXT_TIMEOUT_MS,
            ratePerS: e.CCXT_RATE_PER_S,
            burst: e.CCXT_BURST,
            symbols: e.CCXT_SYMBOLS ?? {},
          },
  };
}
