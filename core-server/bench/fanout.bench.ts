/**
 * Suite `fanout`: market-data fan-out of the core (uWS native pub/sub through the core's own
 * publisher, hub and gateway) against a plain broadcaster on the `ws` package (one `send` per
 * client per message), same messages, same number of local clients, same run.
 *
 * Method, and why it is fair:
 * - Both servers run on this main thread; the clients run in worker threads (two, one per
 *   core of this machine) as raw-TCP WebSocket clients that only parse frame headers, the
 *   cheapest client possible, identical for both servers (bench/fanout-clients.ts).
 * - The messages are the same: the seeded SimulatedMarket's ticks, each serialised once by a
 *   MarketFrameEncoder (the core's publisher does this itself; the ws side uses its own
 *   encoder instance, so both send byte-identical frames).
 * - Throughput is closed-loop: the publisher keeps at most WINDOW_FRAMES frames in flight per
 *   client (published minus the slowest client's count, reported every 5 ms). Nothing is
 *   dropped or conflated on either side (WINDOW × frame size stays under the core's slow-consumer
 *   threshold), so `delivered_msgs_per_s` is the sustained rate at which every client got
 *   every frame: total frames received by all clients / time.
 * - Latency: one frame every LATENCY_PERIOD_MS (a moderate load both servers sustain); the
 *   time from handing the tick to the server's publish path to a client parsing it, measured on
 *   the process-wide monotonic clock (process.hrtime), over every client; p50 and p99.
 * Bounded: fixed durations × BENCH_SCALE, fixed client count; binds 127.0.0.1 only.
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { INSTRUMENTS, SIMULATED_INSTRUMENTS } from '@tradewind/shared';
import { type MarketTick, SimulatedMarket } from '@tradewind/shared/market-sim';
import { pino } from 'pino';
import { WebSocketServer } from 'ws';
import {
  type CoreHandle,
  type MarketFeed,
  MarketFrameEncoder,
  type MarketSink,
  startCore,
  systemClock,
} from '../src/index';
import type { FromWorker, ToWorker } from './fanout-clients';

const SCALE = Number(process.env.BENCH_SCALE ?? '1') || 1;
/** 1,000 (issue 4's figure); FANOUT_CLIENTS=250 or 500 shows how the latency grows with the client count. */
const CLIENTS = Math.max(2, Math.min(5_000, Number(process.env.FANOUT_CLIENTS ?? 1_000) || 1_000));
const WORKERS = 2;
const WINDOW_FRAMES = 800;
const WARMUP_MS = 300;
const THROUGHPUT_MS = Math.round(2_000 * SCALE);
const LATENCY_MS = Math.round(2_000 * SCALE);
const LATENCY_PERIOD_MS = 20;
const SEED = 20261124;
const PEER = 'ws@8.23.0';
const TOPICS = SIMULATED_INSTRUMENTS.flatMap((s) => [`trades.${s.instrument.symbol}`, `bbo.${s.instrument.symbol}`]);
const LATENCY_SYMBOL = 'BTC-USD';
/** Clients time only the latency topic's frames, recognised by how the encoder starts them. */
const LATENCY_PREFIX = `{"type":"bbo","symbol":"${LATENCY_SYMBOL}"`;
const DRAIN_MS = 300;
const CATCH_UP_MS_MAX = 5_000;

const log = (msg: string) => process.stderr.write(`[fanout] ${msg}\n`);
const nowNs = () => Number(process.hrtime.bigint());

/** What the benchmark drives: a server that publishes ticks to every subscribed client. */
type Server = {
  readonly name: string;
  port: number;
  path: string;
  subscribe: string | null;
  initialFrames: number;
  publish(ticks: readonly MarketTick[]): void;
  close(): Promise<void>;
};

/** The core's real publish path: a MarketFeed whose ticks go into the core's sink. */
class BenchFeed implements MarketFeed {
  readonly name = 'bench';
  readonly instruments = INSTRUMENTS;
  sink: MarketSink | undefined;
  start(sink: MarketSink): void {
    this.sink = sink;
  }
  stop(): void {
    this.sink = undefined;
  }
  health() {
    return { running: this.sink !== undefined, steps: 0, consecutiveFailures: 0 };
  }
}

async function coreServer(): Promise<Server> {
  const feed = new BenchFeed();
  // The fan-out path never touches the database; an unreachable URL keeps the bench self-contained.
  const databaseUrl = process.env.DATABASE_URL ?? 'postgres://bench@127.0.0.1:1/unused';
  const config = {
    databaseUrl,
    host: '127.0.0.1',
    port: 0,
    allowedOrigins: [],
    simSeed: SEED,
    simTicksPerSecond: 1,
    logLevel: 'silent' as const,
  };
  const core: CoreHandle = await startCore(config, { feed, logger: pino({ level: 'silent' }), clock: systemClock });
  return {
    name: 'core (uWS pub/sub)',
    port: core.port,
    path: '/v1/ws',
    subscribe: JSON.stringify({ op: 'subscribe', topics: TOPICS }),
    initialFrames: 2, // hello, ack
    publish: (ticks) => feed.sink?.publish(ticks),
    close: () => core.close(),
  };
}

async function wsServer(): Promise<Server> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false, clientTracking: true });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const address = wss.address();
  const encoder = new MarketFrameEncoder(INSTRUMENTS);
  return {
    name: PEER,
    port: typeof address === 'object' && address !== null ? address.port : 0,
    path: '/',
    subscribe: null,
    initialFrames: 0,
    publish: (ticks) => {
      for (const tick of ticks) {
        const text = encoder.encode(tick).text; // serialised once per message
        for (const client of wss.clients) client.send(text); // one send per client per message
      }
    },
    close: () =>
      new Promise((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}

/** Node 20 resolves a worker's .ts entry before `--import tsx` applies: register tsx first, then import. */
const WORKER_BOOT = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(
  new URL('./fanout-clients.ts', import.meta.url).href,
)}); })`;

class ClientPool {
  private readonly workers: Worker[] = [];
  private readonly progress = new Map<Worker, { min: number; total: number }>();
  onProgress: () => void = () => {};

  constructor() {
    for (let i = 0; i < WORKERS; i++) {
      const w = new Worker(WORKER_BOOT, { eval: true });
      w.on('message', (m: FromWorker) => {
        if (m.type !== 'progress') return;
        this.progress.set(w, { min: m.min, total: m.total });
        this.onProgress();
      });
      w.on('error', (e) => {
        log(`client worker failed: ${e.stack ?? e}`);
        process.exit(1);
      });
      this.workers.push(w);
    }
  }

  get minDelivered(): number {
    let min = Number.POSITIVE_INFINITY;
    for (const p of this.progress.values()) min = Math.min(min, p.min);
    return this.progress.size === this.workers.length ? min : 0;
  }

  get totalDelivered(): number {
    let total = 0;
    for (const p of this.progress.values()) total += p.total;
    return total;
  }

  /** Sends a message to every worker and waits for each to answer with `reply`. */
  async all<T extends FromWorker['type']>(
    message: ToWorker | ((i: number) => ToWorker),
    reply?: T,
  ): Promise<Extract<FromWorker, { type: T }>[]> {
    const answers = this.workers.map(
      (w) =>
        new Promise<Extract<FromWorker, { type: T }>>((resolve) => {
          if (reply === undefined) return resolve(undefined as never);
          const on = (m: FromWorker) => {
            if (m.type !== reply) return;
            w.off('message', on);
            resolve(m as Extract<FromWorker, { type: T }>);
          };
          w.on('message', on);
        }),
    );
    for (const [i, w] of this.workers.entries()) w.postMessage(typeof message === 'function' ? message(i) : message);
    return Promise.all(answers);
  }

  resetProgress(): void {
    this.progress.clear();
  }

  async terminate(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** The seeded market plus the seq the servers give the latency symbol's quotes (one per published quote). */
class Ticker {
  private readonly market = new SimulatedMarket({ seed: SEED, instruments: SIMULATED_INSTRUMENTS });
  latencySeq = 0;
  step(): MarketTick[] {
    const ticks: MarketTick[] = [];
    this.market.step(Date.now(), ticks);
    return ticks;
  }
  /** Call for every tick a server is given: mirrors the server's per-topic seq of the latency topic. */
  count(tick: MarketTick): void {
    if (tick.kind === 'bbo' && tick.symbol === LATENCY_SYMBOL) this.latencySeq += 1;
  }
}

/** Closed-loop publishing for a fixed time; returns frames delivered to all clients per second. */
async function throughput(server: Server, pool: ClientPool, ticker: Ticker): Promise<number> {
  let publishedPerClient = 0;
  let stopped = false;
  let scheduled = false;
  const pump = () => {
    scheduled = false;
    if (stopped) return;
    let steps = 0;
    while (publishedPerClient - pool.minDelivered < WINDOW_FRAMES && steps < 8) {
      const ticks = ticker.step();
      for (const tick of ticks) ticker.count(tick);
      server.publish(ticks);
      publishedPerClient += ticks.length;
      steps += 1;
    }
    // Window full: wait for the next progress report instead of spinning.
    if (steps > 0 && !scheduled) {
      scheduled = true;
      setImmediate(pump);
    }
  };
  pool.onProgress = () => {
    if (!scheduled) {
      scheduled = true;
      setImmediate(pump);
    }
  };
  pool.resetProgress();
  await pool.all({ type: 'measure', on: true });
  pump();
  await sleep(WARMUP_MS);
  const t0 = performance.now();
  const d0 = pool.totalDelivered;
  await sleep(THROUGHPUT_MS);
  const delivered = pool.totalDelivered - d0;
  const seconds = (performance.now() - t0) / 1000;
  stopped = true;
  // Every client catches up before the latency phase, so no backlog inflates its first samples.
  await new Promise<void>((resolve) => {
    const deadline = performance.now() + CATCH_UP_MS_MAX;
    pool.onProgress = () => {
      if (pool.minDelivered >= publishedPerClient || performance.now() > deadline) resolve();
    };
  });
  pool.onProgress = () => {};
  await pool.all({ type: 'measure', on: false });
  return delivered / seconds;
}

/** One frame per LATENCY_PERIOD_MS; returns tick-to-client latencies in µs over all clients. */
async function latencies(server: Server, pool: ClientPool, ticker: Ticker): Promise<Float64Array> {
  const framesMax = Math.ceil(LATENCY_MS / LATENCY_PERIOD_MS) + 10;
  await pool.all({ type: 'latency', samplesMax: Math.ceil(CLIENTS / WORKERS) * framesMax, prefix: LATENCY_PREFIX });
  const sentNs = new Map<number, number>();
  const timer = setInterval(() => {
    const quote = ticker.step().find((t) => t.kind === 'bbo' && t.symbol === LATENCY_SYMBOL);
    if (quote === undefined) return;
    ticker.count(quote);
    sentNs.set(ticker.latencySeq, nowNs());
    server.publish([quote]);
  }, LATENCY_PERIOD_MS);
  await sleep(LATENCY_MS);
  clearInterval(timer);
  await sleep(DRAIN_MS);
  const batches = await pool.all({ type: 'collect' }, 'samples');
  const out: number[] = [];
  const firstUs = new Map<number, number>();
  for (const b of batches) {
    for (let i = 0; i < b.count; i++) {
      const seq = b.seqs[i] as number;
      const sent = sentNs.get(seq);
      if (sent === undefined) continue;
      const us = ((b.recvNs[i] as number) - sent) / 1000;
      out.push(us);
      firstUs.set(seq, Math.min(firstUs.get(seq) ?? Number.POSITIVE_INFINITY, us));
    }
  }
  // The first client of each frame shows the server's own delay; the rest adds the clients' time
  // to read 500 sockets on the same two cores, which dominates the overall figures.
  const first = Float64Array.from(firstUs.values()).sort();
  log(
    `${server.name}: first client per frame p50 ${percentile(first, 50).toFixed(0)} us, p99 ${percentile(first, 99).toFixed(0)} us`,
  );
  return Float64Array.from(out).sort();
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function measure(make: () => Promise<Server>, pool: ClientPool) {
  const server = await make();
  await pool.all(
    (i) => ({
      type: 'connect',
      port: server.port,
      path: server.path,
      count: Math.floor(CLIENTS / WORKERS) + (i < CLIENTS % WORKERS ? 1 : 0),
      subscribe: server.subscribe,
      initialFrames: server.initialFrames,
    }),
    'connected',
  );
  log(`${server.name}: ${CLIENTS} clients connected`);
  const ticker = new Ticker();
  const rate = await throughput(server, pool, ticker);
  log(`${server.name}: ${Math.round(rate).toLocaleString('en')} msg/s delivered`);
  const lat = await latencies(server, pool, ticker);
  const p50 = percentile(lat, 50);
  const p99 = percentile(lat, 99);
  log(`${server.name}: latency p50 ${p50.toFixed(0)} us, p99 ${p99.toFixed(0)} us over ${lat.length} samples`);
  await pool.all({ type: 'close' }, 'closed');
  await server.close();
  return { rate, p50, p99 };
}

function figure(metric: string, unit: string, ours: number, peer: number, biggerIsBetter: boolean): void {
  const round = (x: number) => Math.round(x * 10) / 10;
  const ratio = biggerIsBetter ? ours / peer : peer / ours;
  process.stdout.write(
    `${JSON.stringify({ suite: 'fanout', metric, value: round(ours), unit, peer: PEER, peer_value: round(peer), ratio: Math.round(ratio * 100) / 100, clients: CLIENTS })}\n`,
  );
}

async function main(): Promise<void> {
  const pool = new ClientPool();
  try {
    const core = await measure(coreServer, pool);
    const peer = await measure(wsServer, pool);
    figure('delivered_msgs_per_s', 'msg/s', Math.round(core.rate), Math.round(peer.rate), true);
    figure('tick_to_client_p50_us', 'us', core.p50, peer.p50, false);
    figure('tick_to_client_p99_us', 'us', core.p99, peer.p99, false);
  } finally {
    await pool.terminate();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    log(`failed: ${e instanceof Error ? e.stack : String(e)}`);
    process.exit(1);
  },
);
