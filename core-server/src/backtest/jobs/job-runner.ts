import { Worker } from 'node:worker_threads';
import type { DbHandle } from '@tradewind/db';
import { EVENTS_MAX } from '@tradewind/shared/backtest';
import type { JobEnd } from './job-config';
import { type ClaimedJob, claimJob, finishJob, loadJobBars, requeueOrphans, writeProgress } from './job-store';
import type { JobWorkerData, JobWorkerMessage } from './job-worker';

// The worker is TypeScript: register tsx inside the thread, then load it (as the optimiser does).
const WORKER_BOOT = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(new URL('./job-worker.ts', import.meta.url).href)}); })`;

/** How often an idle runner looks for queued jobs. */
export const RUNNER_POLL_MS = 1_000;
/** Least time between two progress writes of one job (progress is also the cancel check). */
export const PROGRESS_WRITE_MS = 250;

export type JobOutcome = 'done' | 'failed' | 'cancelled' | 'halted';

/**
 * Claims the oldest queued job and runs it in a worker thread to its end: progress written back,
 * a cancel honoured at the next progress write (the thread is terminated). `null` when none is
 * queued. Core's event loop only moves rows and messages.
 */
export async function runNextJob(
  db: DbHandle,
  now: () => number = Date.now,
  halt: Halt = { halted: false, stop: null },
): Promise<{ id: string; outcome: JobOutcome } | null> {
  const job = await claimJob(db.sql);
  if (job === null) return null;
  const bars = await loadJobBars(db.sql, job.config, EVENTS_MAX + 1);
  const end = await runInWorker(db, job, { job: job.config, bars }, now, halt);
  // A shutdown leaves the job `running`: the next start requeues it (requeueOrphans).
  if (end === 'halted') return { id: job.id, outcome: 'halted' };
  await finishJob(db.sql, job.id, end, now());
  return { id: job.id, outcome: end.status };
}

/** Set by the runner's close: the job in flight is abandoned (its thread terminated), not failed. */
type Halt = { halted: boolean; stop: (() => void) | null };

type End = JobEnd;

function runInWorker(
  db: DbHandle,
  job: ClaimedJob,
  data: JobWorkerData,
  now: () => number,
  halt: Halt,
): Promise<End | 'halted'> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_BOOT, { eval: true, workerData: data });
    let settled = false;
    let lastWrite = Number.NEGATIVE_INFINITY;
    const settle = (end: End | 'halted') => {
      if (settled) return;
      settled = true;
      halt.stop = null;
      void worker.terminate();
      resolve(end);
    };
    halt.stop = () => settle('halted');
    if (halt.halted) settle('halted');
    worker.on('message', (m: JobWorkerMessage) => {
      if (m.kind === 'done') settle({ status: 'done', result: m.result });
      else if (m.kind === 'failed') settle({ status: 'failed', error: `${m.code}: ${m.message}` });
      else if (now() - lastWrite >= PROGRESS_WRITE_MS) {
        lastWrite = now();
        void writeProgress(db.sql, job.id, m.ratio).then(
          (cancel) => cancel && settle({ status: 'cancelled', error: 'cancelled by its owner' }),
          () => {},
        );
      }
    });
    worker.once('error', (e) => settle({ status: 'failed', error: `INTERNAL: ${e.message}` }));
    worker.once('exit', (code) => settle({ status: 'failed', error: `INTERNAL: worker exited with ${code}` }));
  });
}

export type BacktestRunner = { close(): Promise<void> };

/**
 * Core's backtest runner: requeues jobs a previous process left running, then runs queued jobs
 * one at a time (each on its own worker thread), polling every `pollMs` when idle.
 */
export function startBacktestRunner(
  db: DbHandle,
  options: { pollMs?: number; onError?(e: unknown): void } = {},
): BacktestRunner {
  let closed = false;
  const halt: Halt = { halted: false, stop: null };
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      while (!closed && (await runNextJob(db, Date.now, halt)) !== null) {}
    } catch (e) {
      options.onError?.(e);
    }
    if (!closed) timer = setTimeout(() => (current = tick()), options.pollMs ?? RUNNER_POLL_MS);
  };
  current = requeueOrphans(db.sql)
    .then(() => tick())
    .catch((e) => options.onError?.(e));
  return {
    async close() {
      closed = true;
      halt.halted = true;
      halt.stop?.();
      clearTimeout(timer);
      await current;
    },
  };
}

/** Core's wiring (one call in startCore): the runner on core's database, errors to its log. */
export function startBacktestJobs(db: DbHandle, log: { warn(o: object, msg: string): void }): BacktestRunner {
  return startBacktestRunner(db, { onError: (e) => log.warn({ err: e }, 'backtest runner') });
}
