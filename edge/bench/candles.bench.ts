/**
 * Suite `candles`: cached candle queries through edge over HTTP, side by side with an
 * empty tRPC procedure on the same host in the same run (target: candles ≥ 80% of the
 * empty procedure's rate: caching makes data nearly free).
 *
 * Method: one node:http server on 127.0.0.1 with one fetch bridge. `/md/v1/candles` goes to
 * edge's candles route handler (the route charts use: bars spliced from the cache's
 * serialisation, no tRPC); `/trpc/*` goes to a bench-only tRPC router that mounts edge's
 * real `market.candles` procedure next to an empty query (same context: edge's services,
 * caches, PostgreSQL). All are asked the same way: unbatched GETs, a closed loop of
 * CONCURRENCY keep-alive connections driven from a worker thread. The candle query is a chart's first screen: 500 one-minute
 * bars of a closed range of recorded bars (one cache chunk), answered from the in-process
 * LRU after the warm-up. The two sides alternate in ROUNDS pairs of short runs; the figures
 * are medians over the pairs and the ratio the median of each pair's ratio, so load from
 * other processes on this shared machine hits both sides alike. Bounded: fixed durations × BENCH_SCALE; binds 127.0.0.1 only.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { connect, prepareDatabase, resolveDatabase } from '@tradewind/db';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import pino from 'pino';
import { createEdge } from '../src/edge';
import { requestInfo } from '../src/http/request-info';
import { candlesHttp } from '../src/market-data/http/candles-route';
import { CHUNK_BARS } from '../src/market-data/index';
import { candles } from '../src/routers/market/candles';
import { TEST_PASSWORD_HASH } from '../src/test-support/edge-harness';
import { publicProcedure, router } from '../src/trpc';
import type { LoadJob, LoadResult } from './http-load';

const SCALE = Number(process.env.BENCH_SCALE ?? '1') || 1;
const CONCURRENCY = 16;
const ROUND_MS = Math.round(1_000 * SCALE);
const WARMUP_MS = 200;
const ROUNDS = 5;
const BARS = 500;
const M = 60_000;
const log = (msg: string) => process.stderr.write(`[candles] ${msg}\n`);

/** Bench only: the real candles procedure next to an empty one; never mounted in production. */
const benchRouter = router({ candles, empty: publicProcedure.query(() => null) });

async function seedBars(url: string, fromMs: number): Promise<void> {
  const h = connect(url, { max: 1 });
  const rows = Array.from({ length: BARS }, (_, i) => {
    const c = 4_200_000 + ((i * 37) % 500);
    return {
      symbol: 'BTC-USD',
      interval: '1m',
      source: 'recorded',
      open_time: new Date(fromMs + i * M).toISOString(),
      open_ticks: c - 3,
      high_ticks: c + 9,
      low_ticks: c - 9,
      close_ticks: c,
      volume_lots: 1_000 + i,
      trade_count: 7,
    };
  });
  await h.sql`insert into market_bars ${h.sql(rows)}`;
  await h.close();
}

function serve(edge: ReturnType<typeof createEdge>): Promise<{ url: string; close(): Promise<void> }> {
  const s = edge.services;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, {
      method: 'GET',
      headers: req.headers as Record<string, string>,
    });
    // Both sides skip edge's outer request wrapper (metrics, logging) alike.
    const answer = request.url.includes('/md/')
      ? candlesHttp(s, new URL(request.url))
      : fetchRequestHandler({
          endpoint: '/trpc',
          req: request,
          router: benchRouter,
          createContext: ({ resHeaders }) => ({
            ...s,
            request: requestInfo(request, {}, false),
            resHeaders,
            auth: null,
          }),
        });
    void answer.then(async (response) => {
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise<void>((ok) => server.close(() => ok())),
      }),
    ),
  );
}

/** Node 20 resolves a worker's .ts entry before `--import tsx` applies: register tsx first, then import. */
const WORKER_BOOT = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(
  new URL('./http-load.ts', import.meta.url).href,
)}); })`;

function load(job: LoadJob): Promise<LoadResult> {
  const worker = new Worker(WORKER_BOOT, { eval: true, workerData: job });
  return new Promise((resolve, reject) => {
    worker.once('message', (r: LoadResult) => void worker.terminate().then(() => resolve(r)));
    worker.once('error', reject);
  });
}

const job = (url: string): LoadJob => ({ url, concurrency: CONCURRENCY, durationMs: ROUND_MS, warmupMs: WARMUP_MS });

function summary(r: LoadResult) {
  const sorted = Float64Array.from(r.latenciesMs).sort();
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? Number.NaN;
  return { rate: (r.requests / r.elapsedMs) * 1000, p99Ms: p99, errors: r.errors };
}

const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function out(metric: string, value: number, unit: string, peerValue: number, ratio: number): void {
  const line = {
    suite: 'candles',
    metric,
    value,
    unit,
    peer: 'empty tRPC procedure',
    peer_value: peerValue,
    ratio: Number(ratio.toFixed(3)),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** Medians over the rounds; each ratio is the median of the rounds' own ratios (same load on both sides). */
function report(runs: Record<'http' | 'trpc' | 'empty', ReturnType<typeof summary>>[]): void {
  const emptyRate = Math.round(median(runs.map((r) => r.empty.rate)));
  const emptyP99 = Number(median(runs.map((r) => r.empty.p99Ms)).toFixed(3));
  for (const [name, metric] of [
    ['http', 'cached_candles'],
    ['trpc', 'cached_candles_trpc'],
  ] as const) {
    out(
      `${metric}_req_per_s`,
      Math.round(median(runs.map((r) => r[name].rate))),
      'req/s',
      emptyRate,
      median(runs.map((r) => r[name].rate / r.empty.rate)),
    );
    out(
      `${metric}_p99_ms`,
      Number(median(runs.map((r) => r[name].p99Ms)).toFixed(3)),
      'ms',
      emptyP99,
      median(runs.map((r) => r.empty.p99Ms / r[name].p99Ms)),
    );
  }
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'tw-bench-candles-'));
  const { url: dbUrl, embedded } = await resolveDatabase({ dataDir: dir });
  const setup = connect(dbUrl, { max: 1 });
  await prepareDatabase(dbUrl, setup.db);
  await setup.close();
  const fromMs = Math.floor(Date.UTC(2026, 9, 1) / (CHUNK_BARS * M)) * CHUNK_BARS * M;
  await seedBars(dbUrl, fromMs);
  const edge = createEdge(
    {
      databaseUrl: dbUrl,
      host: '127.0.0.1',
      port: 0,
      coreWsUrl: 'ws://127.0.0.1:1/v1/ws',
      pwaDist: dir,
      cookieSecure: false,
      trustProxy: false,
      logLevel: 'silent',
      passwordHash: TEST_PASSWORD_HASH,
    },
    { logger: pino({ level: 'silent' }) },
  );
  const http = await serve(edge);
  try {
    const q = { symbol: 'BTC-USD', interval: '1m', from: fromMs, to: fromMs + BARS * M };
    const urls = {
      http: `${http.url}/md/v1/candles?${new URLSearchParams(Object.entries(q).map(([k, v]): [string, string] => [k, String(v)]))}`,
      trpc: `${http.url}/trpc/candles?input=${encodeURIComponent(JSON.stringify(q))}`,
      empty: `${http.url}/trpc/empty`,
    };
    const check = (await (await fetch(urls.http)).json()) as { bars: unknown[]; partial: boolean };
    if (check.bars.length !== BARS || check.partial) throw new Error('bench data not served');
    type Run = Record<keyof typeof urls, ReturnType<typeof summary>>;
    const runs: Run[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const run = {} as Run;
      for (const name of ['http', 'empty', 'trpc'] as const) {
        const r = summary(await load(job(urls[name])));
        if (r.errors > 0) throw new Error(`${name}: ${r.errors} failed requests`);
        log(`round ${round + 1} ${name}: ${Math.round(r.rate)} req/s, p99 ${r.p99Ms.toFixed(2)} ms`);
        run[name] = r;
      }
      runs.push(run);
    }
    report(runs);
  } finally {
    await http.close();
    await edge.close();
    await embedded?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
