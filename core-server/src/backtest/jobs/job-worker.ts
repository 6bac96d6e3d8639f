/**
 * A worker thread running one server backtest (never core's event loop): the job and its bars
 * arrive in workerData; progress is posted as it goes, then one `done` or `failed`. A single run
 * runs here; an optimisation or walk-forward spreads its candidates over further worker threads
 * from here (research-job.ts). Cancel is the runner terminating this thread, which ends the
 * threads it started too.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runBacktest } from '@tradewind/shared/backtest';
import type { Bar } from '@tradewind/shared/market-data';
import { backtestConfigOf, type JobConfig, jsonSafe, lookAheadOf, resultJson } from './job-config';
import { runOptimiseJob, runWalkForwardJob } from './research-job';

export type JobWorkerData = { readonly job: JobConfig; readonly bars: readonly Bar[] };
export type JobWorkerMessage =
  | { readonly kind: 'progress'; readonly ratio: number }
  | { readonly kind: 'done'; readonly result: Record<string, unknown> }
  | { readonly kind: 'failed'; readonly code: string; readonly message: string };

async function run(data: JobWorkerData, post: (m: JobWorkerMessage) => void): Promise<JobWorkerMessage> {
  const c = backtestConfigOf(data.job, data.bars);
  if (!c.ok) return { kind: 'failed', code: c.code, message: c.message };
  const kind = data.job.kind ?? 'single';
  const search = data.job.search;
  if (kind !== 'single') {
    if (search === undefined) return { kind: 'failed', code: 'SPACE_INVALID', message: `${kind} needs a search` };
    const progress = (done: number, total: number) => post({ kind: 'progress', ratio: done / total });
    const runner = kind === 'optimise' ? runOptimiseJob : runWalkForwardJob;
    const r = await runner(data.job, search, c.config, data.bars.length, progress);
    return r.ok ? { kind: 'done', result: r.result } : { kind: 'failed', code: r.code, message: r.message };
  }
  const r = runBacktest({
    ...c.config,
    onProgress: (p) => post({ kind: 'progress', ratio: p.eventsTotal === 0 ? 1 : p.eventsDone / p.eventsTotal }),
  });
  if (!r.ok) return { kind: 'failed', code: r.code, message: r.message };
  const result = resultJson(r.value, data.bars.length);
  if (data.job.lookAhead !== true) return { kind: 'done', result };
  return { kind: 'done', result: { ...result, lookAhead: jsonSafe(lookAheadOf(c.config)) } };
}

const port = parentPort;
if (port !== null) {
  const post = (m: JobWorkerMessage) => port.postMessage(m);
  run(workerData as JobWorkerData, post).then(post, (e: unknown) =>
    post({ kind: 'failed', code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) }),
  );
}
