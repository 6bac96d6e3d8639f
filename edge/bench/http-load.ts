/**
 * The load side of the candles bench, in a worker thread so it does not share the event
 * loop with the server: a closed loop of `concurrency` keep-alive connections, each
 * sending the next GET as soon as the previous answer is fully read. Returns the count
 * and every latency (ms), so the main thread computes rate and percentiles.
 */
import { Agent, get } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

export type LoadJob = { url: string; concurrency: number; durationMs: number; warmupMs: number };
export type LoadResult = { requests: number; errors: number; elapsedMs: number; latenciesMs: number[] };

/** Latencies kept per run; beyond this they are sampled no more (bounded memory). */
const LATENCIES_MAX = 2_000_000;

function once(agent: Agent, url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get(url, { agent }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('error', () => resolve(false));
  });
}

async function run(job: LoadJob): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const warmEnd = performance.now() + job.warmupMs;
  let end = 0;
  let start = 0;
  const latenciesMs: number[] = [];
  let requests = 0;
  let errors = 0;
  async function loop(): Promise<void> {
    while (true) {
      const t0 = performance.now();
      if (end !== 0 && t0 >= end) return;
      const ok = await once(agent, job.url);
      const t1 = performance.now();
      if (t0 < warmEnd) continue;
      if (start === 0) {
        start = t0;
        end = start + job.durationMs;
      }
      requests += 1;
      if (!ok) errors += 1;
      if (latenciesMs.length < LATENCIES_MAX) latenciesMs.push(t1 - t0);
    }
  }
  await Promise.all(Array.from({ length: job.concurrency }, loop));
  agent.destroy();
  return { requests, errors, elapsedMs: performance.now() - start, latenciesMs };
}

if (parentPort) {
  const port = parentPort;
  run(workerData as LoadJob).then((r) => port.postMessage(r));
}
