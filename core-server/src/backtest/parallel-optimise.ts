import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  type BacktestConfig,
  type CandidateScore,
  candidatesOf,
  inSampleBase,
  type ObjectiveSpec,
  type OptimiseRequest,
  type OptimiseResult,
  rankCandidates,
  type WalkForwardRequest,
  type WalkForwardResult,
  walkForwardPlan,
  walkForwardStitch,
} from '@tradewind/shared/backtest';
import type { WorkerReply, WorkerSetup, WorkerTask } from './optimise-worker';

// The worker is TypeScript: register tsx inside the thread, then load it (as the benches do).
const WORKER_BOOT = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(new URL('./optimise-worker.ts', import.meta.url).href)}); })`;

/** Worker threads of one optimisation (never the event loop that serves live trading). */
export const OPTIMISE_THREADS_MAX = 16;

/** Threads by default: every core but one, which stays with the process that asked. */
export const defaultThreads = (): number => Math.max(1, availableParallelism() - 1);

export type ParallelOptimiseError = {
  readonly code: 'SPACE_INVALID' | 'NO_CANDIDATE' | 'WINDOWS_INVALID' | 'STRATEGY_NOT_BUILTIN' | 'WORKER_FAILED';
  readonly message: string;
};
type Outcome<T> = { ok: true; value: T } | ({ ok: false } & ParallelOptimiseError);

/** Called as candidates finish: how many of how many backtests are done. */
export type OnEvaluated = (done: number, total: number) => void;

/**
 * Evaluates tasks on a pool of `threads` workers, each given the base config (and its bars) once;
 * a worker takes the next task as soon as it answers, so long and short candidates balance.
 * Scores come back in task order whatever the finishing order.
 */
export async function evaluateInWorkers(
  base: BacktestConfig,
  objective: ObjectiveSpec,
  tasks: readonly Omit<WorkerTask, 'tag'>[],
  threads: number,
  onEvaluated?: OnEvaluated,
): Promise<CandidateScore[]> {
  // Functions (progress, cancel token) do not cross threads; each worker runs its share silently.
  const { onProgress: _p, signal: _s, ...plain } = base;
  const setup: WorkerSetup = { base: plain as BacktestConfig, objective };
  const scores: (CandidateScore | undefined)[] = new Array(tasks.length);
  const n = Math.max(1, Math.min(OPTIMISE_THREADS_MAX, threads, tasks.length));
  const workers = Array.from({ length: n }, () => new Worker(WORKER_BOOT, { eval: true, workerData: setup }));
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const feed = (w: Worker) => {
        if (next < tasks.length) {
          w.postMessage({ ...tasks[next], tag: next });
          next += 1;
        } else if (done === tasks.length) resolve();
      };
      for (const w of workers) {
        w.on('message', (reply: WorkerReply) => {
          if ('error' in reply) return reject(new Error(reply.error));
          scores[reply.tag] = reply.score;
          done += 1;
          onEvaluated?.(done, tasks.length);
          feed(w);
        });
        w.once('error', reject);
        w.once('exit', (code) => reject(new Error(`optimiser worker exited with ${code}`)));
        feed(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return scores as CandidateScore[];
}

const failure = (code: ParallelOptimiseError['code'], message: string) => ({ ok: false as const, code, message });
const workerFailure = (e: unknown) => failure('WORKER_FAILED', e instanceof Error ? e.message : String(e));

/**
 * Grid or random search spread over worker threads: shared's `candidatesOf`, each worker runs
 * shared's `evaluateCandidate`, and shared's `rankCandidates` orders the lot — so the result
 * equals the single-thread `optimise` exactly. Only built-in strategies (by id) can cross a
 * thread boundary.
 */
export async function optimiseInWorkers(
  req: OptimiseRequest,
  threads = defaultThreads(),
  onEvaluated?: OnEvaluated,
): Promise<Outcome<OptimiseResult>> {
  if (typeof req.base.strategy !== 'string')
    return failure('STRATEGY_NOT_BUILTIN', 'workers run built-in strategies by id');
  const candidates = candidatesOf(req);
  if (!candidates.ok) return failure(candidates.code, candidates.message);
  if (candidates.value.length === 0) return failure('NO_CANDIDATE', 'no candidate');
  const { fromMs, toMs } = req.base;
  const tasks = candidates.value.map((params, index) => ({ index, params, fromMs, toMs }));
  try {
    const scores = await evaluateInWorkers(req.base, req.objective, tasks, threads, onEvaluated);
    return { ok: true, value: rankCandidates(scores) };
  } catch (e) {
    return workerFailure(e);
  }
}

/**
 * Walk-forward with every window's in-sample candidates evaluated over worker threads at once
 * (they are independent), then shared's `walkForwardStitch` runs the winners out of sample in
 * order on this thread. Equals shared's single-thread `walkForward` exactly.
 */
export async function walkForwardInWorkers(
  req: WalkForwardRequest,
  threads = defaultThreads(),
  onEvaluated?: OnEvaluated,
): Promise<Outcome<WalkForwardResult>> {
  if (typeof req.base.strategy !== 'string')
    return failure('STRATEGY_NOT_BUILTIN', 'workers run built-in strategies by id');
  const plan = walkForwardPlan(req);
  if (!plan.ok) return failure(plan.code, plan.message);
  const { windows, candidates } = plan.value;
  const tasks = windows.flatMap((w) => {
    const { fromMs, toMs } = inSampleBase(req.base, w);
    return candidates.map((params, index) => ({ index, params, fromMs, toMs }));
  });
  try {
    const scores = await evaluateInWorkers(req.base, req.objective, tasks, threads, onEvaluated);
    const per = candidates.length;
    const winners = windows.map((_, i) => rankCandidates(scores.slice(i * per, (i + 1) * per)).best);
    return { ok: true, value: walkForwardStitch(req, windows, winners) };
  } catch (e) {
    return workerFailure(e);
  }
}
