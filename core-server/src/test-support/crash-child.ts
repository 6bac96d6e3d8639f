/**
 * A core in a child process for the crash test and the orders benchmark: started on a
 * DATABASE_URL with a quiet feed, a market maker (system account, journalled like everything
 * else) and no per-socket rate limit. Reports its port over IPC and answers `hash` requests.
 * Killed with SIGKILL by its parent; a restart recovers from snapshot + journal.
 */
import { SIMULATED_INSTRUMENTS } from '@tradewind/shared';
import { pino } from 'pino';
import { systemClock } from '../clock';
import { startCore } from '../core';
import { SimulatedFeed } from '../market/simulated-feed';
import { crashEngine } from './crash-engine';

const MM_ACCOUNT = 'sim-crash-mm';
const MM_SYMBOL = 'BTC-USD';
/** Around the catalog's start price of BTC-USD (96,500.00 = 9,650,000 ticks). */
const MM_MID_TICKS = 9_650_000;

const send = (m: unknown) => process.send?.(m);
/** Writes the allocation profile (CHILD_ALLOC_PROFILE), if one is being taken. */
let stopAllocSampling: () => Promise<void> = async () => {};

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL ?? '';
  const engine = crashEngine();
  const feed = new SimulatedFeed({
    seed: 1,
    ticksPerSecond: 1,
    instruments: SIMULATED_INSTRUMENTS,
    clock: systemClock,
    manual: true,
  });
  const core = await startCore(
    {
      databaseUrl: url,
      host: '127.0.0.1',
      port: 0,
      allowedOrigins: ['http://127.0.0.1:8080'],
      simSeed: 1,
      simTicksPerSecond: 1,
      logLevel: 'silent',
    },
    {
      engine,
      feed,
      logger: pino({ level: process.env.CHILD_LOG_LEVEL ?? 'silent' }),
      messagesPerSecondMax: 1_000_000,
      journal: { snapshotEveryCommands: Number(process.env.SNAPSHOT_EVERY ?? 2_000) },
    },
  );
  const t = core.trading;
  if (t.mode !== 'ready') throw new Error(`core not ready: ${t.mode}`);
  if (!t.engineState.accountIx.has(MM_ACCOUNT)) {
    await t.submitInternal({ type: 'OpenAccount', accountId: MM_ACCOUNT, kind: 'margin', leverage: 10 });
    await t.submitInternal({
      type: 'Deposit',
      accountId: MM_ACCOUNT,
      currency: 'USD',
      amountMinor: 100_000_000_000_00n,
    });
  }
  await refreshQuotes(t);
  process.on('message', (m: { cmd?: string }) => {
    if (m.cmd === 'hash') send({ type: 'hash', hash: t.stateHash(), seq: t.lastSeq.toString() });
    if (m.cmd === 'exit') {
      stopAllocSampling()
        .then(() => core.close())
        .then(() => process.exit(0));
    }
    if (m.cmd === 'quotes') refreshQuotes(t).then(() => send({ type: 'quoted' }));
  });
  if (process.env.CHILD_ALLOC_PROFILE) await startAllocSampling(process.env.CHILD_ALLOC_PROFILE);
  send({ type: 'ready', port: core.port, seq: t.lastSeq.toString() });
}

/** Deep resting liquidity on both sides of the mid, so that user orders fill. */
async function refreshQuotes(t: Awaited<ReturnType<typeof startCore>>['trading']): Promise<void> {
  for (let level = 1; level <= 5; level += 1) {
    for (const side of ['buy', 'sell'] as const) {
      const priceTicks = MM_MID_TICKS + (side === 'buy' ? -level * 100 : level * 100);
      await t.submitInternal({
        type: 'PlaceOrder',
        accountId: MM_ACCOUNT,
        order: { symbol: MM_SYMBOL, side, orderType: 'limit', qtyLots: 500_000, priceTicks },
      });
    }
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

/**
 * CHILD_ALLOC_PROFILE=<file>: samples allocations (collected objects included) from ready until
 * the `exit` command, then writes a .heapprofile (the orders bench sends `exit` when CHILD_EXEC_ARGS is set).
 */
async function startAllocSampling(file: string): Promise<void> {
  const { Session } = await import('node:inspector');
  const { writeFileSync } = await import('node:fs');
  const s = new Session();
  s.connect();
  const post = (method: string, params: object = {}) =>
    new Promise<{ profile?: unknown }>((ok, ko) =>
      s.post(method as never, params as never, (e: Error | null, r: unknown) =>
        e ? ko(e) : ok(r as { profile?: unknown }),
      ),
    );
  await post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  stopAllocSampling = async () => {
    const r = await post('HeapProfiler.stopSampling');
    writeFileSync(file, JSON.stringify(r.profile));
  };
}
