/**
 * Suite `orders`: durable order round trip over the WebSocket on loopback (client send → ack),
 * with the journal in PostgreSQL (DATABASE_URL's server, or an embedded one). The core runs in
 * a child process (as in production: its own event loop); this process drives SOCKETS sockets
 * with WINDOW requests in flight each, alternating a resting limit buy and the cancel of an
 * earlier one (both are journalled commands acknowledged only after COMMIT). Phases: saturated
 * (WINDOW), light (WINDOW_LIGHT), then bounded windows (WINDOWS_BOUNDED) for the highest rate
 * whose ack p99 stays under P99_TARGET_MS.
 * Peer: the same journal row written one transaction per order (no group commit), same server.
 * Run: node --import tsx core-server/bench/orders.bench.ts   (BENCH_SCALE scales the duration)
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { connect, prepareDatabase, withScratchDatabase } from '@tradewind/db';
import postgres from 'postgres';
import WebSocket from 'ws';
import { startChildCore } from '../src/test-support/child-core';
import { createTrader, type TestTrader } from '../src/test-support/trading-users';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const SOCKETS = 8;
/** In flight per socket: saturation (throughput) and light load (latency). */
const WINDOW = 512;
const WINDOW_LIGHT = 2;
/**
 * Bounded windows, smallest first: the highest ack rate measured with ack p99 under
 * P99_TARGET_MS is reported beside the saturated figures (a queue of 4,096 requests in flight
 * makes any p99 long, Little's law; a client that wants latency keeps fewer in flight).
 */
const WINDOWS_BOUNDED = [1, 2, 4, 8, 16, 32, 64];
const P99_TARGET_MS = 10;
const WARMUP_MS = 1_500;
const WARMUP_BOUNDED_MS = 500;
const MEASURE_MS = Math.max(1_000, Math.round(6_000 * SCALE));
const log = (s: string) => process.stderr.write(`[orders] ${s}\n`);
const emit = (o: object) => process.stdout.write(`${JSON.stringify({ suite: 'orders', ...o })}\n`);

type Stats = {
  acks: number;
  rejects: number;
  /** Rejects by code (a reject is an answer, but not the one measured). */
  rejectCodes: Map<string, number>;
  latenciesUs: number[];
  measuring: boolean;
};

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); 0 where unreadable. */
function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/**
 * Where the CPU goes, which a shared machine does not distort the way it distorts rates: CPU
 * seconds of the core process, of the PostgreSQL backends serving the bench database, and of
 * this process (the clients), read around a measured phase.
 */
type CpuProbe = { core: number; pg: number; clients: number };
async function cpuProbe(sql: postgres.Sql, corePid: number): Promise<CpuProbe> {
  const rows = await sql<{ pid: number }[]>`
    select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
  const usage = process.cpuUsage();
  return {
    core: cpuSecondsOf(corePid),
    pg: rows.reduce((sum, r) => sum + cpuSecondsOf(r.pid), 0),
    clients: (usage.user + usage.system) / 1e6,
  };
}

function drive(port: number, trader: TestTrader, stats: Stats, stop: { now: boolean }, window: number): Promise<void> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/v1/ws`, { headers: { origin: 'http://127.0.0.1:8080' } });
  const sentAt = new Map<string, number>();
  const resting: string[] = [];
  let n = 0;
  const sendOne = () => {
    const id = String(n++);
    const cancel = n % 2 === 0 && resting.length > 0;
    const msg = cancel
      ? { op: 'cancel', id, accountId: trader.accountId, orderId: resting.shift() }
      : {
          op: 'place',
          id,
          accountId: trader.accountId,
          place: {
            kind: 'single',
            order: {
              symbol: 'BTC-USD',
              side: 'buy',
              type: 'limit',
              quantity: '0.0100',
              price: `${90_000 + (n % 500)}.00`,
            },
          },
        };
    sentAt.set(id, performance.now());
    ws.send(JSON.stringify(msg));
  };
  return new Promise((resolve, reject) => {
    ws.on('error', reject);
    ws.on('open', () => {
      trader
        .token(Math.floor(Date.now() / 1000))
        .then((token) => ws.send(JSON.stringify({ op: 'auth', id: 'auth', token })));
    });
    ws.on('message', (data) => {
      const f = JSON.parse(String(data)) as {
        type: string;
        id?: string;
        orderId?: string;
        op?: string;
        status?: string;
        code?: string;
      };
      if (f.type === 'authed') for (let i = 0; i < window; i += 1) sendOne();
      const t0 = f.id === undefined ? undefined : sentAt.get(f.id);
      if (t0 === undefined || f.id === undefined) return;
      sentAt.delete(f.id);
      if (f.type === 'ack' && f.op === 'place' && f.orderId !== undefined) resting.push(f.orderId);
      if (stats.measuring) {
        if (f.type === 'ack') stats.acks += 1;
        else {
          stats.rejects += 1;
          const code = f.code ?? f.type;
          stats.rejectCodes.set(code, (stats.rejectCodes.get(code) ?? 0) + 1);
        }
        stats.latenciesUs.push((performance.now() - t0) * 1000);
      }
      if (stop.now) {
        if (sentAt.size === 0) ws.close();
      } else sendOne();
    });
    ws.on('close', () => resolve());
  });
}

/** The peer: one journal row per transaction, sequentially (what a naive order path does). */
async function unbatchedCommitsPerSecond(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql`create temporary table peer_journal (seq bigint primary key, time_ms bigint, command text)`;
  const cmd = JSON.stringify({
    type: 'PlaceOrder',
    accountId: 'x',
    order: { symbol: 'BTC-USD', side: 'buy', qtyLots: 100 },
  });
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < 1_000 * Math.max(0.5, SCALE)) {
    await sql.begin((tx) => tx`insert into peer_journal values (${n}, ${Date.now()}, ${cmd})`);
    n += 1;
  }
  const rate = n / ((performance.now() - start) / 1000);
  await sql.end();
  return rate;
}

/** One measured phase: SOCKETS sockets with `window` requests in flight each, after a warm-up. */
async function phase(
  port: number,
  traders: TestTrader[],
  window: number,
  measureMs: number,
  probe: () => Promise<CpuProbe>,
  warmupMs = WARMUP_MS,
) {
  const stats: Stats = { acks: 0, rejects: 0, rejectCodes: new Map(), latenciesUs: [], measuring: false };
  const stop = { now: false };
  const runs = traders.map((t) => drive(port, t, stats, stop, window));
  await new Promise((r) => setTimeout(r, warmupMs));
  const cpu0 = await probe();
  stats.measuring = true;
  const start = performance.now();
  await new Promise((r) => setTimeout(r, measureMs));
  stats.measuring = false;
  const cpu1 = await probe();
  const seconds = (performance.now() - start) / 1000;
  const perAckUs = (a: number, b: number) => Math.round(((b - a) * 1e6) / Math.max(1, stats.acks));
  const cpuUs = {
    core: perAckUs(cpu0.core, cpu1.core),
    pg: perAckUs(cpu0.pg, cpu1.pg),
    clients: perAckUs(cpu0.clients, cpu1.clients),
  };
  stop.now = true;
  await Promise.all(runs);
  log(
    `window ${window}: ${stats.acks} acks, ${stats.rejects} rejects in ${seconds.toFixed(1)} s over ${traders.length} sockets; ` +
      `CPU per ack: core ${cpuUs.core} us, PostgreSQL ${cpuUs.pg} us, clients ${cpuUs.clients} us` +
      (stats.rejects > 0 ? `; rejects ${JSON.stringify(Object.fromEntries(stats.rejectCodes))}` : ''),
  );
  const sorted = stats.latenciesUs.sort((a, b) => a - b);
  return { rate: stats.acks / seconds, sorted, rejects: stats.rejects, cpuUs };
}

type Bounded = { window: number; rate: number; p99Ms: number; rejects: number };

/**
 * The bounded windows in turn, up to the first whose p99 is past twice the target (larger ones
 * only queue more); one that misses the target by less is not the end (on a shared machine a
 * neighbour's burst can spoil one phase).
 */
async function boundedPhases(port: number, traders: TestTrader[], probe: () => Promise<CpuProbe>) {
  const runs: Bounded[] = [];
  for (const window of WINDOWS_BOUNDED) {
    const r = await phase(port, traders, window, Math.max(1_000, MEASURE_MS / 3), probe, WARMUP_BOUNDED_MS);
    const p99Ms = pct(r.sorted, 0.99) / 1000;
    log(`window ${window}: ${Math.round(r.rate)} acks/s, p99 ${p99Ms.toFixed(2)} ms`);
    runs.push({ window, rate: r.rate, p99Ms, rejects: r.rejects });
    if (p99Ms >= 2 * P99_TARGET_MS) break;
  }
  const within = runs.filter((r) => r.p99Ms < P99_TARGET_MS && r.rejects === 0);
  const best = within.reduce<Bounded | undefined>((b, r) => (b === undefined || r.rate > b.rate ? r : b), undefined);
  return { runs, best };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function run(url: string): Promise<void> {
  const db = connect(url, { max: 2, appName: 'tradewind-bench-orders' });
  await prepareDatabase(url, db.db);
  const traders: TestTrader[] = [];
  for (let i = 0; i < SOCKETS; i += 1) traders.push(await createTrader(db, 1_000_000_000_00n));
  const child = await startChildCore(url, {
    SNAPSHOT_EVERY: '1000000',
    ...(process.env.CHILD_LOG_LEVEL ? { CHILD_LOG_LEVEL: process.env.CHILD_LOG_LEVEL } : {}),
    ...(process.env.CHILD_EXEC_ARGS ? { CHILD_EXEC_ARGS: process.env.CHILD_EXEC_ARGS } : {}),
  });
  const probe = () => cpuProbe(db.sql as unknown as postgres.Sql, child.proc.pid ?? 0);
  try {
    const saturated = await phase(child.port, traders, WINDOW, MEASURE_MS, probe);
    const light = await phase(child.port, traders, WINDOW_LIGHT, Math.max(1_000, MEASURE_MS / 2), probe);
    const bounded = await boundedPhases(child.port, traders, probe);
    const peer = await unbatchedCommitsPerSecond(url);
    log(
      `load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} on ${cpus().length} cores (a shared machine slows every figure)`,
    );
    emit({
      metric: 'durable_orders_per_s',
      value: Math.round(saturated.rate),
      unit: 'op/s',
      peer: 'one-commit-per-order',
      peer_value: Math.round(peer),
      ratio: Number((saturated.rate / peer).toFixed(1)),
    });
    for (const [name, p] of [
      ['p50', 0.5],
      ['p99', 0.99],
      ['p999', 0.999],
    ] as const) {
      emit({ metric: `ack_latency_${name}_ms`, value: Number((pct(light.sorted, p) / 1000).toFixed(2)), unit: 'ms' });
    }
    emit({
      metric: 'ack_latency_saturated_p99_ms',
      value: Number((pct(saturated.sorted, 0.99) / 1000).toFixed(2)),
      unit: 'ms',
    });
    emit({ metric: 'light_load_orders_per_s', value: Math.round(light.rate), unit: 'op/s' });
    emit({
      metric: `sustained_orders_per_s_p99_under_${P99_TARGET_MS}ms`,
      value: Math.round(bounded.best?.rate ?? 0),
      unit: 'op/s',
      window: bounded.best?.window ?? null,
      p99_ms: bounded.best === undefined ? null : Number(bounded.best.p99Ms.toFixed(2)),
      tried: bounded.runs.map((r) => ({
        window: r.window,
        rate: Math.round(r.rate),
        p99_ms: Number(r.p99Ms.toFixed(2)),
      })),
    });
    const boundedRejects = bounded.runs.reduce((n, r) => n + r.rejects, 0);
    emit({ metric: 'rejects', value: saturated.rejects + light.rejects + boundedRejects, unit: 'count' });
    for (const [who, us] of Object.entries(saturated.cpuUs)) {
      emit({ metric: `cpu_per_order_${who}_us`, value: us, unit: 'us' });
    }
  } finally {
    if (process.env.CHILD_EXEC_ARGS) {
      child.proc.send({ cmd: 'exit' });
      await new Promise((r) => child.proc.once('exit', r));
    } else await child.kill();
    await db.close();
  }
}

async function main(): Promise<void> {
  await withScratchDatabase('orders', run);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
