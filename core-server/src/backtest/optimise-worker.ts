/**
 * A worker thread of the parallel optimiser: evaluates the candidates in its workerData (each a
 * full backtest on this thread) and posts their scores back, once. Pure shared code does the work.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  type BacktestConfig,
  type CandidateScore,
  evaluateCandidate,
  type ObjectiveSpec,
  type ParamSet,
} from '@tradewind/shared/backtest';

export type WorkerJob = {
  readonly base: BacktestConfig;
  readonly objective: ObjectiveSpec;
  readonly candidates: readonly { readonly index: number; readonly params: ParamSet }[];
};
export type WorkerReply = { readonly scores: readonly CandidateScore[] } | { readonly error: string };

function run(job: WorkerJob): WorkerReply {
  try {
    return { scores: job.candidates.map((c) => evaluateCandidate(job.base, c.params, c.index, job.objective)) };
  } catch (e) {
    return { error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

parentPort?.postMessage(run(workerData as WorkerJob));
