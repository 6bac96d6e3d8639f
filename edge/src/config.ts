import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { PASSWORD_HASH_POLICY, type PasswordHashPolicy } from './identity/password';
import { type MarketDataConfig, marketDataConfig, marketDataEnv } from './market-data/config';
import { notifyConfig, notifyEnv } from './notifications/config';
import type { NotifyConfig } from './notifications/types';

/** Where `npm run build -w pwa` writes the app; edge serves it. */
const DEFAULT_PWA_DIST = fileURLToPath(new URL('../../pwa/dist', import.meta.url));
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/** A shared secret shorter than this is guessable; the supervisor generates 43+ characters. */
export const CORE_SERVICE_TOKEN_CHARS_MIN = 32;

const booleanFlag = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

/** The environment edge reads; every variable is documented in edge/README.md. */
const envSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  EDGE_HOST: z.string().min(1).default('127.0.0.1'),
  EDGE_PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  CORE_PUBLIC_WS_URL: z
    .string()
    .regex(/^wss?:\/\/[^/\s]+(\/\S*)?$/, 'must be a ws:// or wss:// URL')
    .default('ws://127.0.0.1:8081/v1/ws'),
  CORE_INTERNAL_URL: z
    .string()
    .regex(/^https?:\/\/[^/\s]+\/?$/, 'must be an http:// or https:// origin')
    .optional(),
  CORE_SERVICE_TOKEN: z
    .string()
    .min(CORE_SERVICE_TOKEN_CHARS_MIN, `at least ${CORE_SERVICE_TOKEN_CHARS_MIN} characters`)
    .max(512)
    .optional(),
  PWA_DIST: z.string().min(1).default(DEFAULT_PWA_DIST),
  COOKIE_SECURE: booleanFlag,
  EDGE_TRUST_PROXY: booleanFlag,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ...marketDataEnv.shape,
  ...notifyEnv.shape,
});

export type EdgeConfig = {
  readonly databaseUrl: string;
  readonly host: string;
  readonly port: number;
  /** Handed to the PWA by /config.json and allowed in the CSP's connect-src. */
  readonly coreWsUrl: string;
  /**
   * Core's internal order-entry endpoint (origin) and the service token edge presents to it.
   * Absent when CORE_SERVICE_TOKEN is unset: trading procedures then answer TRADING_UNAVAILABLE.
   */
  readonly coreInternal?: CoreInternalConfig;
  readonly pwaDist: string;
  /** `Secure` on the refresh cookie; off only for plain-HTTP loopback development. */
  readonly cookieSecure: boolean;
  /** Take the client IP from X-Forwarded-For (last hop) when edge sits behind our own proxy. */
  readonly trustProxy: boolean;
  readonly logLevel: string;
  /** Not from the environment: production always gets PASSWORD_HASH_POLICY; tests inject a cheap one. */
  readonly passwordHash: PasswordHashPolicy;
  /** Candle cache, Redis, the ccxt source, CSV import; MARKET_DATA_DEFAULTS when absent. */
  readonly marketData?: MarketDataConfig;
  /** Notification worker and channels (NOTIFY_*, SMTP_URL, ...); absent: no worker, channels log only. */
  readonly notify?: NotifyConfig;
};

export type CoreInternalConfig = { readonly url: string; readonly serviceToken: string };

/** The http origin of core's public WebSocket URL: core serves its internal API on the same port. */
export function httpOriginOf(wsUrl: string): string {
  const url = new URL(wsUrl);
  return `${url.protocol === 'wss:' ? 'https:' : 'http:'}//${url.host}`;
}

export type ConfigResult = { ok: true; config: EdgeConfig } | { ok: false; errors: string[] };

/** Reads and validates edge's configuration once, at start. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  }
  const e = parsed.data;
  const config: EdgeConfig = {
    databaseUrl: e.DATABASE_URL,
    host: e.EDGE_HOST,
    port: e.EDGE_PORT,
    coreWsUrl: e.CORE_PUBLIC_WS_URL,
    ...(e.CORE_SERVICE_TOKEN
      ? {
          coreInternal: {
            url: (e.CORE_INTERNAL_URL ?? httpOriginOf(e.CORE_PUBLIC_WS_URL)).replace(/\/$/, ''),
            serviceToken: e.CORE_SERVICE_TOKEN,
          },
        }
      : {}),
    pwaDist: e.PWA_DIST,
    cookieSecure: e.COOKIE_SECURE ?? !LOOPBACK_HOSTS.has(e.EDGE_HOST),
    trustProxy: e.EDGE_TRUST_PROXY ?? false,
    logLevel: e.LOG_LEVEL,
    passwordHash: PASSWORD_HASH_POLICY,
    marketData: marketDataConfig(e),
    notify: notifyConfig(e),
  };
  return { ok: true, config };
}
