import type { NewBusEvent } from '@tradewind/db/bus';
import {
  type BacktestConfig,
  type BacktestResult,
  type LookAheadReport,
  lookAheadCheck,
  type ObjectiveSpec,
  type OptimiseMethod,
  type ParamSpace,
  tradeMonteCarlo,
} from '@tradewind/shared/backtest';
import { decimalToSteps, INSTRUMENTS, parseStep } from '@tradewind/shared/domain';
import type { Bar, BarInterval } from '@tradewind/shared/market-data';
import { MONTE_CARLO_DRAWS_MAX, type MonteCarloResult } from '@tradewind/shared/metrics';

/** A server backtest as edge queues it (`backtest_jobs.config`), already checked against the strategy's schema. */
export type JobConfig = {
  readonly strategy: string;
  readonly params: unknown;
  readonly symbol: string;
  readonly interval: BarInterval;
  readonly fromMs: number;
  readonly toMs: number;
  /** Initial cash, a decimal string of the quote currency ("10000.00"). */
  readonly cash: string;
  /** Absent or `single`: one run of `params`. */
  readonly kind?: JobKind;
  /** For `optimise` and `walk-forward`: what to vary, how, and what to rank by. */
  readonly search?: JobSearch;
  /** For `walk-forward`: the rolling windows. */
  readonly walkForward?: { readonly inSampleMs: number; readonly outOfSampleMs: number };
  /** For `single`: rerun on the data cut at LOOK_AHEAD_CUTS points and compare the signals. */
  readonly lookAhead?: boolean;
};

export const JOB_KINDS = ['single', 'optimise', 'walk-forward'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** A parameter search as a job stores it (shared/backtest's optimiser vocabulary). */
export type JobSearch = {
  readonly space: ParamSpace;
  readonly method: OptimiseMethod;
  readonly objective: ObjectiveSpec;
};

const CENT = parseStep('0.01');

/** The backtester's config for a job on the given bars; a typed error for what the backtester cannot check itself. */
export function backtestConfigOf(
  job: JobConfig,
  bars: readonly Bar[],
): { ok: true; config: BacktestConfig } | { ok: false; code: string; message: string } {
  const instrument = INSTRUMENTS.find((i) => i.symbol === job.symbol);
  if (instrument === undefined) return { ok: false, code: 'SYMBOL_UNKNOWN', message: `unknown symbol ${job.symbol}` };
  const cash = decimalToSteps(job.cash, CENT);
  if (!cash.ok) return { ok: false, code: 'CASH_INVALID', message: `initial cash "${job.cash}" is not an amount` };
  return {
    ok: true,
    config: {
      strategy: job.strategy,
      params: job.params,
      instruments: [instrument],
      data: { kind: 'bars', interval: job.interval, bars },
      fromMs: job.fromMs,
      toMs: job.toMs,
      initialCashMinor: cash.value,
    },
  };
}

/** Points of the equity curve kept in a stored result (the report's chart). */
export const RESULT_EQUITY_POINTS_MAX = 400;
/** Round trips kept in a stored result. */
export const RESULT_TRADES_MAX = 200;

/** Runs of the Monte Carlo of the trade sequence in every stored run (fewer when the trades are many). */
export const RESULT_MONTE_CARLO_RUNS = 1_000;
/** Truncated reruns of a job's look-ahead check. */
export const LOOK_AHEAD_CUTS = 5;

/** A bootstrap Monte Carlo of the run's round trips (seed 1: the same run, the same distribution); null without trades. */
export function monteCarloOf(r: BacktestResult): MonteCarloResult | null {
  if (r.trades.length === 0) return null;
  const runs = Math.min(RESULT_MONTE_CARLO_RUNS, Math.floor(MONTE_CARLO_DRAWS_MAX / r.trades.length));
  const mc = runs < 1 ? null : tradeMonteCarlo(r, runs, 1);
  return mc?.ok ? mc.value : null;
}

/** The look-ahead check of a job's run: the same config on its bars cut at LOOK_AHEAD_CUTS points. */
export function lookAheadOf(config: BacktestConfig): LookAheadReport | { error: string } {
  if (config.data.kind !== 'bars') return { error: 'the look-ahead check runs on bars' };
  const data = config.data;
  const r = lookAheadCheck(data.bars, (bars) => ({ ...config, data: { ...data, bars } }), LOOK_AHEAD_CUTS);
  return r.ok ? r.value : { error: `${r.code}: ${r.message}` };
}

/** A result as stored (`backtest_jobs.result`): JSON-safe, bigints as decimal strings. */
export function resultJson(r: BacktestResult, barCount: number): Record<string, unknown> {
  const step = Math.max(1, Math.ceil(r.equity.length / RESULT_EQUITY_POINTS_MAX));
  return jsonSafe({
    status: r.status,
    failure: r.failure,
    barCount,
    tradeCount: r.trades.length,
    metrics: r.performance?.metrics ?? null,
    performanceError: r.performanceError,
    equity: r.equity.filter((_, i) => i % step === 0 || i === r.equity.length - 1),
    trades: r.trades.slice(0, RESULT_TRADES_MAX),
    finalCashMinor: r.finalCashMinor,
    feesMinor: r.feesMinor,
    stateHash: r.stateHash,
    monteCarlo: monteCarloOf(r),
  });
}

export function jsonSafe(value: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))) as Record<
    string,
    unknown
  >;
}

/** How a job ended, as the runner stores it. */
export type JobEnd =
  | { readonly status: 'done'; readonly result: Record<string, unknown> }
  | { readonly status: 'failed' | 'cancelled'; readonly error: string };

/** "+12.34 %" from a ratio. */
function percent(ratio: unknown): string {
  if (typeof ratio !== 'number') return '—';
  return `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(2)} %`;
}

/** "fast=5 slow=20" */
function paramsLine(params: unknown): string {
  if (typeof params !== 'object' || params === null) return '';
  return Object.entries(params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ')
    .slice(0, 60);
}

const KIND_LABEL: Record<JobKind, string> = { single: '', optimise: ' optimisation', 'walk-forward': ' walk-forward' };

/** One line about a finished job: its return, trades and Sharpe ratio, or why it failed. */
export function jobSummary(end: JobEnd): string {
  if (end.status !== 'done') return end.error.slice(0, 100);
  const r = end.result;
  const m = (r.metrics ?? {}) as { totalReturnRatio?: unknown; sharpeAnnual?: unknown };
  const sharpe = typeof m.sharpeAnnual === 'number' ? `, Sharpe ${m.sharpeAnnual.toFixed(2)}` : '';
  const status = r.status === 'completed' ? '' : ` (${String(r.status)})`;
  const best = r.kind === 'optimise' && r.params !== undefined ? `best ${paramsLine(r.params)}: ` : '';
  const oos = r.kind === 'walk-forward' ? 'out of sample ' : '';
  return `${best}${oos}return ${percent(m.totalReturnRatio)}, ${Number(r.tradeCount ?? 0)} trades${sharpe}${status}`;
}

/** The bus event that tells a job's owner it is done or failed (edge's notifications map it). */
export function jobFinishedEvent(
  id: string,
  userId: string,
  job: JobConfig,
  end: JobEnd,
  occurredAtMs: number,
): NewBusEvent {
  return {
    type: 'backtest.finished',
    userId,
    occurredAtMs,
    payload: {
      backtestId: id,
      status: end.status,
      name: `${job.strategy}${KIND_LABEL[job.kind ?? 'single']} on ${job.symbol} ${job.interval}`,
      summary: jobSummary(end),
    },
  };
}
