/**
 * A worker thread running one server backtest (never core's event loop): the job and its bars
 * arrive in workerData; progress is posted as it goes, then one `done` or `failed`. Cancel is
 * the runner terminating this thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runBacktest } from '@tradewind/shared/backtest';
import type { Bar } from '@tradewind/shared/market-data';
import { backtestConfigOf, type JobConfig, resultJson } from './job-config';

export type JobWorkerData = { readonly job: JobConfig; readonly bars: readonly Bar[] };
export type JobWorkerMessage =
  | { readonly kind: 'progress'; readonly ratio: number }
  | { readonly kind: 'done'; readonly result: Record<string, unknown> }
  | { readonly kind: 'failed'; readonly code: string; readonly message: string };

function run(data: JobWorkerData, post: (m: JobWorkerMessage) => void): JobWorkerMessage {
  const c = backtestConfigOf(data.job, data.bars);
  if (!c.ok) return { kind: 'failed', code: c.code, message: c.message };
  const r = runBacktest({
    ...c.config,
    onProgress: (p) => post({ kind: 'progress', ratio: p.eventsTotal === 0 ? 1 : p.eventsDone / p.eventsTotal }),
  });
  if (!r.ok) return { kind: 'failed', code: r.code, message: r.message };
  return { kind: 'done', result: resultJson(r.value, data.bars.length) };
}

const port = parentPort;
if (port !== null) {
  const post = (m: JobWorkerMessage) => port.postMessage(m);
  try {
    post(run(workerData as JobWorkerData, post));
  } catch (e) {
    post({ kind: 'failed', code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) });
  }
}
