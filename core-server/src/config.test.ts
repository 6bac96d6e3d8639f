import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, MD_RETENTION_DAYS_MAX, SIM_AGENT_RATE_MAX, SIM_TICKS_PER_SECOND_MAX } from './config';

const DB = 'postgres://tradewind@127.0.0.1:5432/tradewind';

describe('loadConfig', () => {
  it('applies laptop defaults to everything but DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: DB })).toEqual({
      databaseUrl: DB,
      host: '127.0.0.1',
      port: 8081,
      allowedOrigins: ['http://127.0.0.1:8080', 'http://localhost:8080'],
      simSeed: 42,
      simTicksPerSecond: 4,
      simFeed: 'agents',
      simAgentRate: 2,
      simVolatilityScale: 1,
      mdRetentionDays: 30,
      marketSource: 'sim',
      logLevel: 'info',
    });
  });

  it('MARKET_SOURCE=replay reads the range and speed (a day by default, 1× by default)', () => {
    const day = loadConfig({ DATABASE_URL: DB, MARKET_SOURCE: 'replay', REPLAY_FROM: '2026-11-20' });
    expect(day.replay).toEqual({ fromMs: Date.UTC(2026, 10, 20), toMs: Date.UTC(2026, 10, 21), speed: 1 });
    const span = loadConfig({
      DATABASE_URL: DB,
      MARKET_SOURCE: 'replay',
      REPLAY_FROM: '2026-11-20T10:00:00Z',
      REPLAY_TO: '2026-11-20T10:30:00Z',
      REPLAY_SPEED: 'max',
    });
    expect(span.replay).toEqual({
      fromMs: Date.UTC(2026, 10, 20, 10),
      toMs: Date.UTC(2026, 10, 20, 10, 30),
      speed: 'max',
    });
    expect(loadConfig({ DATABASE_URL: DB, REPLAY_FROM: '2026-11-20' }).replay).toBeUndefined();
  });

  it.each([
    [{}, 'REPLAY_FROM'],
    [{ REPLAY_FROM: 'yesterday' }, 'REPLAY_FROM'],
    [{ REPLAY_FROM: '2026-11-20', REPLAY_TO: '2026-11-19' }, 'REPLAY_TO'],
    [{ REPLAY_FROM: '2026-11-01', REPLAY_TO: '2026-11-09' }, 'REPLAY_TO'],
    [{ REPLAY_FROM: '2026-11-20', REPLAY_SPEED: '0' }, 'REPLAY_SPEED'],
    [{ REPLAY_FROM: '2026-11-20', REPLAY_SPEED: '1001' }, 'REPLAY_SPEED'],
    [{ REPLAY_FROM: '2026-11-20', REPLAY_SPEED: 'fast' }, 'REPLAY_SPEED'],
  ])('MARKET_SOURCE=replay refuses %o naming %s', (env, name) => {
    const full = { DATABASE_URL: DB, MARKET_SOURCE: 'replay', ...env };
    expect(() => loadConfig(full)).toThrow(ConfigError);
    expect(() => loadConfig(full)).toThrow(name);
  });

  it('reads the market settings, each at its limit', () => {
    const config = loadConfig({
      DATABASE_URL: DB,
      SIM_FEED: 'random-walk',
      SIM_AGENT_RATE: String(SIM_AGENT_RATE_MAX),
      SIM_SYMBOLS: ' BTC-USD, AAPL ',
      SIM_VOLATILITY_SCALE: '100',
      MD_RETENTION_DAYS: String(MD_RETENTION_DAYS_MAX),
    });
    expect(config).toMatchObject({
      simFeed: 'random-walk',
      simAgentRate: SIM_AGENT_RATE_MAX,
      simSymbols: ['BTC-USD', 'AAPL'],
      simVolatilityScale: 100,
      mdRetentionDays: MD_RETENTION_DAYS_MAX,
    });
    expect(loadConfig({ DATABASE_URL: DB, MD_RETENTION_DAYS: '0' }).mdRetentionDays).toBe(0);
  });

  it('reads every variable, treating empty ones as unset', () => {
    const config = loadConfig({
      DATABASE_URL: DB,
      CORE_HOST: '0.0.0.0',
      CORE_PORT: '9000',
      CORE_ALLOWED_ORIGINS: ' https://app.example.com , http://localhost:5173 ',
      SIM_SEED: '4294967295',
      SIM_TICKS_PER_SECOND: String(SIM_TICKS_PER_SECOND_MAX),
      LOG_LEVEL: '',
    });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      allowedOrigins: ['https://app.example.com', 'http://localhost:5173'],
      simSeed: 4_294_967_295,
      simTicksPerSecond: SIM_TICKS_PER_SECOND_MAX,
      logLevel: 'info',
    });
  });

  it.each([
    [{}, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ CORE_PORT: '65536' }, 'CORE_PORT'],
    [{ CORE_PORT: 'http' }, 'CORE_PORT'],
    [{ CORE_ALLOWED_ORIGINS: 'http://localhost:8080/' }, 'CORE_ALLOWED_ORIGINS'],
    [{ CORE_ALLOWED_ORIGINS: 'localhost:8080' }, 'CORE_ALLOWED_ORIGINS'],
    [{ SIM_SEED: '4294967296' }, 'SIM_SEED'],
    [{ SIM_SEED: '1.5' }, 'SIM_SEED'],
    [{ SIM_TICKS_PER_SECOND: String(SIM_TICKS_PER_SECOND_MAX + 1) }, 'SIM_TICKS_PER_SECOND'],
    [{ SIM_TICKS_PER_SECOND: '0' }, 'SIM_TICKS_PER_SECOND'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SIM_FEED: 'random' }, 'SIM_FEED'],
    [{ SIM_AGENT_RATE: String(SIM_AGENT_RATE_MAX + 1) }, 'SIM_AGENT_RATE'],
    [{ SIM_AGENT_RATE: '0' }, 'SIM_AGENT_RATE'],
    [{ SIM_SYMBOLS: 'btc-usd' }, 'SIM_SYMBOLS'],
    [{ SIM_SYMBOLS: ' , ' }, 'SIM_SYMBOLS'],
    [{ SIM_SYMBOLS: 'BTC-USD,FOO-USD' }, 'SIM_SYMBOLS'],
    [{ SIM_VOLATILITY_SCALE: '100.5' }, 'SIM_VOLATILITY_SCALE'],
    [{ SIM_VOLATILITY_SCALE: '-1' }, 'SIM_VOLATILITY_SCALE'],
    [{ MD_RETENTION_DAYS: String(MD_RETENTION_DAYS_MAX + 1) }, 'MD_RETENTION_DAYS'],
    [{ MD_RETENTION_DAYS: '1.5' }, 'MD_RETENTION_DAYS'],
  ])('refuses %o naming %s', (env, name) => {
    const full = name === 'DATABASE_URL' ? env : { DATABASE_URL: DB, ...env };
    expect(() => loadConfig(full)).toThrow(ConfigError);
    expect(() => loadConfig(full)).toThrow(name);
  });
});
