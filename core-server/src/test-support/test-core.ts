import type { DbHandle } from '@tradewind/db';
import { SIMULATED_INSTRUMENTS, type SimulatedInstrument } from '@tradewind/shared';
import { pino } from 'pino';
import { ManualClock } from '../clock';
import type { CoreConfig } from '../config';
import { type CoreHandle, startCore } from '../core';
import { SimulatedFeed } from '../market/simulated-feed';

/** 2026-11-24T00:00:00Z: tests run on a manual clock so that limits and expiry are exact. */
export const TEST_EPOCH_MS = Date.UTC(2026, 10, 24);
export const TEST_ORIGIN = 'http://127.0.0.1:8080';

export type TestCore = {
  readonly core: CoreHandle;
  readonly feed: SimulatedFeed;
  readonly clock: ManualClock;
  readonly wsUrl: string;
  readonly httpUrl: string;
};

/** A real core on a free port of 127.0.0.1 with a manually stepped simulated feed. */
export async function startTestCore(
  db: DbHandle,
  options: {
    instruments?: readonly SimulatedInstrument[];
    stallCloseMs?: number;
    serviceToken?: string;
    journalRetryMs?: number;
    /** How long requests of a batch with an unknown commit outcome wait for recovery. */
    journalUnknownWaitMs?: number;
  } = {},
): Promise<TestCore> {
  const clock = new ManualClock(TEST_EPOCH_MS);
  const config: CoreConfig = {
    databaseUrl: db.url,
    host: '127.0.0.1',
    port: 0,
    allowedOrigins: [TEST_ORIGIN],
    simSeed: 7,
    simTicksPerSecond: 10,
    logLevel: 'silent',
    ...(options.serviceToken === undefined ? {} : { serviceToken: options.serviceToken }),
  };
  const feed = new SimulatedFeed({
    seed: config.simSeed,
    ticksPerSecond: config.simTicksPerSecond,
    instruments: options.instruments ?? SIMULATED_INSTRUMENTS,
    clock,
    manual: true,
  });
  const core = await startCore(config, {
    clock,
    feed,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...(options.stallCloseMs === undefined ? {} : { stallCloseMs: options.stallCloseMs }),
    journal: {
      ...(options.journalRetryMs === undefined ? {} : { retryMs: options.journalRetryMs }),
      ...(options.journalUnknownWaitMs === undefined ? {} : { unknownWaitMs: options.journalUnknownWaitMs }),
    },
  });
  return {
    core,
    feed,
    clock,
    wsUrl: `ws://127.0.0.1:${core.port}/v1/ws`,
    httpUrl: `http://127.0.0.1:${core.port}`,
  };
}

/** The value of one sample of a metric in Prometheus text, or 0 when absent. */
export function metricValue(text: string, name: string, labels = ''): number {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}${labels} `) || (labels === '' && l.startsWith(`${name} `)));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}
