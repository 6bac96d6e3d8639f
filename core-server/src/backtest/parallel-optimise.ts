import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  type BacktestConfig,
  type CandidateScore,
  candidatesOf,
  type OptimiseRequest,
  type OptimiseResult,
  rankCandidates,
} from '@tradewind/shared/backtest';
import type { WorkerJob, WorkerReply } from './optimise-worker';

// The worker is TypeScript: register tsx inside the thread, then load it (as the benches do).
const WORKER_BOOT = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(new URL('./optimise-worker.ts', import.meta.url).href)}); })`;

/** Worker threads of one optimisation (never the event loop that serves live trading). */
export const OPTIMISE_THREADS_MAX = 16;

export type ParallelOptimiseError = {
  readonly code: 'SPACE_INVALID' | 'NO_CANDIDATE' | 'STRATEGY_NOT_BUILTIN' | 'WORKER_FAILED';
  readonly message: string;
};

/**
 * Grid or random search spread over worker threads: the candidates (shared's `candidatesOf`)
 * are dealt round-robin to `threads` workers, each runs `evaluateCandidate` on its share, and the
 * scores are ranked by shared's `rankCandidates` — so the result equals the single-thread
 * `optimise` exactly. Only built-in strategies (by id) can cross a thread boundary.
 */
export async function optimiseInWorkers(
  req: OptimiseRequest,
  threads = Math.max(1, availableParallelism() - 1),
): Promise<{ ok: true; value: OptimiseResult } | ({ ok: false } & ParallelOptimiseError)> {
  if (typeof req.base.strategy !== 'string')
    return { ok: false, code: 'STRATEGY_NOT_BUILTIN', message: 'workers run built-in strategies by id' };
  const candidates = candidatesOf(req);
  if (!candidates.ok) return { ok: false, code: candidates.code, message: candidates.message };
  if (candidates.value.length === 0) return { ok: false, code: 'NO_CANDIDATE', message: 'no candidate' };
  const n = Math.max(1, Math.min(OPTIMISE_THREADS_MAX, threads, candidates.value.length));
  // Functions (progress, cancel token) do not cross threads; each worker runs its share silently.
  const { onProgress: _p, signal: _s, ...base } = req.base;
  const shares = Array.from({ length: n }, (_, w) =>
    candidates.value.map((params, index) => ({ index, params })).filter((c) => c.index % n === w),
  );
  try {
    const replies = await Promise.all(
      shares.map((share) => runWorker({ base: base as BacktestConfig, objective: req.objective, candidates: share })),
    );
    return { ok: true, value: rankCandidates(replies.flat()) };
  } catch (e) {
    return { ok: false, code: 'WORKER_FAILED', message: e instanceof Error ? e.message : String(e) };
  }
}

function runWorker(job: WorkerJob): Promise<readonly CandidateScore[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_BOOT, { eval: true, workerData: job });
    worker.once('message', (reply: WorkerReply) => {
      void worker.terminate();
      if ('error' in reply) reject(new Error(reply.error));
      else resolve(reply.scores);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`optimiser worker exited with ${code}`));
    });
  });
}
