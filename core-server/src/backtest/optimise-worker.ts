/**
 * A worker thread of the parallel optimiser. It gets the run to vary once (workerData: the base
 * config with its bars, and the objective), then evaluates one candidate per message — params
 * and the span to run on — and posts each score back. Pure shared code does the work.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  type BacktestConfig,
  type CandidateScore,
  evaluateCandidate,
  type ObjectiveSpec,
  type ParamSet,
} from '@tradewind/shared/backtest';

export type WorkerSetup = { readonly base: BacktestConfig; readonly objective: ObjectiveSpec };
/** One candidate on [fromMs, toMs) (a walk-forward's windows share one base and its bars). */
export type WorkerTask = {
  readonly tag: number;
  readonly index: number;
  readonly params: ParamSet;
  readonly fromMs: number;
  readonly toMs: number;
};
export type WorkerReply =
  | { readonly tag: number; readonly score: CandidateScore }
  | { readonly tag: number; readonly error: string };

const setup = workerData as WorkerSetup;
const port = parentPort;
port?.on('message', (task: WorkerTask) => {
  try {
    const base = { ...setup.base, fromMs: task.fromMs, toMs: task.toMs };
    port.postMessage({ tag: task.tag, score: evaluateCandidate(base, task.params, task.index, setup.objective) });
  } catch (e) {
    port.postMessage({ tag: task.tag, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
