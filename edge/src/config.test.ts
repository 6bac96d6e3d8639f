import { expect, test } from 'vitest';
import { CORE_SERVICE_TOKEN_CHARS_MIN, loadConfig } from './config';
import { meetsMinimum, PASSWORD_HASH_MIN, PASSWORD_HASH_POLICY } from './identity/password';

const DATABASE_URL = 'postgres://tradewind@127.0.0.1:5432/tradewind';

test('defaults work on a laptop: loopback, port 8080, core on 8081, no Secure cookie on plain HTTP', () => {
  const loaded = loadConfig({ DATABASE_URL });
  if (!loaded.ok) throw new Error(loaded.errors.join('; '));
  expect(loaded.config).toMatchObject({
    databaseUrl: DATABASE_URL,
    host: '127.0.0.1',
    port: 8080,
    coreWsUrl: 'ws://127.0.0.1:8081/v1/ws',
    cookieSecure: false,
    trustProxy: false,
    logLevel: 'info',
  });
  expect(loaded.config.pwaDist).toMatch(/pwa\/dist$/);
});

test('cookies are Secure by default when edge listens beyond loopback', () => {
  const loaded = loadConfig({ DATABASE_URL, EDGE_HOST: '0.0.0.0' });
  expect(loaded.ok && loaded.config.cookieSecure).toBe(true);
  const explicit = loadConfig({ DATABASE_URL, EDGE_HOST: '0.0.0.0', COOKIE_SECURE: 'false' });
  expect(explicit.ok && explicit.config.cookieSecure).toBe(false);
});

test('bad values are reported by variable name, all at once', () => {
  const loaded = loadConfig({ DATABASE_URL: 'mysql://x', EDGE_PORT: '70000', CORE_PUBLIC_WS_URL: 'http://x' });
  expect(loaded.ok).toBe(false);
  if (loaded.ok) return;
  expect(loaded.errors.map((e) => e.split(':')[0]).sort()).toEqual(['CORE_PUBLIC_WS_URL', 'DATABASE_URL', 'EDGE_PORT']);
  expect(loadConfig({}).ok).toBe(false);
});

test('production hashing meets S3 (argon2id, m ≥ 19 MiB, t ≥ 2, p = 1) and the environment cannot lower it', () => {
  expect(PASSWORD_HASH_MIN).toEqual({ memoryKib: 19_456, timeCost: 2, parallelism: 1 });
  expect(meetsMinimum(PASSWORD_HASH_POLICY)).toBe(true);
  const loaded = loadConfig({ DATABASE_URL, ARGON2_MEMORY_KIB: '8', ARGON2_TIME_COST: '1' });
  expect(loaded.ok && loaded.config.passwordHash).toEqual(PASSWORD_HASH_POLICY);
  expect(meetsMinimum({ memoryKib: 19_455, timeCost: 2, parallelism: 1 })).toBe(false);
  expect(meetsMinimum({ memoryKib: 19_456, timeCost: 1, parallelism: 1 })).toBe(false);
  expect(meetsMinimum({ memoryKib: 19_456, timeCost: 2, parallelism: 2 })).toBe(false);
});

test('the core internal endpoint: off without a service token, else the http origin of the core WebSocket', () => {
  const off = loadConfig({ DATABASE_URL });
  expect(off.ok && off.config.coreInternal).toBeUndefined();
  const token = 'x'.repeat(CORE_SERVICE_TOKEN_CHARS_MIN);
  const on = loadConfig({
    DATABASE_URL,
    CORE_SERVICE_TOKEN: token,
    CORE_PUBLIC_WS_URL: 'wss://core.example:9443/v1/ws',
  });
  expect(on.ok && on.config.coreInternal).toEqual({ url: 'https://core.example:9443', serviceToken: token });
  const explicit = loadConfig({ DATABASE_URL, CORE_SERVICE_TOKEN: token, CORE_INTERNAL_URL: 'http://10.0.0.5:8081/' });
  expect(explicit.ok && explicit.config.coreInternal?.url).toBe('http://10.0.0.5:8081');
});

test('a service token one character short of CORE_SERVICE_TOKEN_CHARS_MIN is refused', () => {
  const short = loadConfig({ DATABASE_URL, CORE_SERVICE_TOKEN: 'x'.repeat(CORE_SERVICE_TOKEN_CHARS_MIN - 1) });
  expect(!short.ok && short.errors[0]).toMatch(/^CORE_SERVICE_TOKEN/);
  expect(loadConfig({ DATABASE_URL, CORE_SERVICE_TOKEN: 'x'.repeat(32), CORE_INTERNAL_URL: 'ftp://x' }).ok).toBe(false);
});
