import { type BacktestConfig, type BacktestResult, runBacktest } from '@tradewind/shared/backtest';
import { decimalToSteps, INSTRUMENTS, parseStep } from '@tradewind/shared/domain';
import type { Bar, BarInterval } from '@tradewind/shared/market-data';
import type { WireBar } from '../chart/bars';
import type { ResearchSummary, RunChecks } from './research';

/**
 * The Web Worker's protocol and its pure parts: the page posts one `RunRequest` (candles as
 * edge sends them), the worker answers with `progress` messages and one `done` or `failed`.
 * Cancel is `worker.terminate()`: `runBacktest` is synchronous, so a worker busy in it never
 * reads a second message.
 */
export type RunRequest = {
  readonly strategy: string;
  readonly params: unknown;
  readonly symbol: string;
  readonly interval: BarInterval;
  readonly fromMs: number;
  readonly toMs: number;
  /** Initial cash as a decimal string in the quote currency ("10000.00"). */
  readonly cash: string;
  readonly bars: readonly WireBar[];
};

export type WorkerMessage =
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  | { readonly kind: 'done'; readonly summary: RunSummary }
  | { readonly kind: 'failed'; readonly code: string; readonly message: string };

/** Points kept for the report's charts (the full curve stays in the worker). */
export const CHART_POINTS_MAX = 400;
/** Round trips listed in the report. */
export const TRADES_LISTED_MAX = 200;

/** A finished run as the screen shows and stores it: JSON-safe (bigints as decimal strings). */
export type RunSummary = {
  readonly request: Omit<RunRequest, 'bars'>;
  readonly status: BacktestResult['status'];
  readonly failure: string | null;
  readonly barCount: number;
  readonly tradeCount: number;
  /** `performance.metrics` of the result, bigints as strings; null when the metrics refused the curve. */
  readonly metrics: Record<string, unknown> | null;
  readonly performanceError: string | null;
  readonly equity: readonly (readonly [number, number])[];
  readonly drawdown: readonly number[];
  readonly trades: readonly TradeRow[];
  readonly finalCashMinor: string;
  readonly feesMinor: string;
  readonly stateHash: string;
  /** A server optimisation's ranked candidates or a walk-forward's windows (absent: a single run). */
  readonly research?: ResearchSummary | null;
  /** A server run's Monte Carlo and look-ahead check (absent: a browser run). */
  readonly checks?: RunChecks;
};
export type TradeRow = readonly [
  entryMs: number,
  exitMs: number,
  side: string,
  lots: number,
  entry: number,
  exit: number,
  netMinor: string,
];

const CENT = parseStep('0.01');

/** Edge's tuples → the backtester's bars. */
export function barsFromWire(wire: readonly WireBar[], symbol: string, interval: BarInterval): Bar[] {
  return wire.map(([t, o, h, l, c, v, n]) => ({
    symbol,
    interval,
    openTimeMs: t,
    openTicks: o,
    highTicks: h,
    lowTicks: l,
    closeTicks: c,
    volumeLots: v,
    tradeCount: n,
  }));
}

export type ConfigAnswer = { ok: true; config: BacktestConfig } | { ok: false; code: string; message: string };

/** The backtest config of a request: the catalog's instrument, bars in range, cash in cents. */
export function configOf(req: RunRequest): ConfigAnswer {
  const instrument = INSTRUMENTS.find((i) => i.symbol === req.symbol);
  if (instrument === undefined) return { ok: false, code: 'SYMBOL_UNKNOWN', message: `unknown symbol ${req.symbol}` };
  const cash = decimalToSteps(req.cash, CENT);
  if (!cash.ok) return { ok: false, code: 'CASH_INVALID', message: `initial cash "${req.cash}" is not an amount` };
  const bars = barsFromWire(req.bars, req.symbol, req.interval).filter(
    (b) => b.openTimeMs >= req.fromMs && b.openTimeMs < req.toMs,
  );
  return {
    ok: true,
    config: {
      strategy: req.strategy,
      params: req.params,
      instruments: [instrument],
      data: { kind: 'bars', interval: req.interval, bars },
      fromMs: req.fromMs,
      toMs: req.toMs,
      initialCashMinor: cash.value,
    },
  };
}

/** Runs a request to its summary (what the worker does, callable in tests and in Node). */
export function runRequest(
  req: RunRequest,
  onProgress?: (done: number, total: number) => void,
): { ok: true; summary: RunSummary } | { ok: false; code: string; message: string } {
  const c = configOf(req);
  if (!c.ok) return c;
  const r = runBacktest({
    ...c.config,
    ...(onProgress ? { onProgress: (p) => onProgress(p.eventsDone, p.eventsTotal) } : {}),
  });
  if (!r.ok) return { ok: false, code: r.code, message: r.message };
  const { bars: _bars, ...request } = req;
  return { ok: true, summary: summarise(request, c.config, r.value) };
}

export function summarise(request: RunSummary['request'], config: BacktestConfig, r: BacktestResult): RunSummary {
  const series = r.performance?.series;
  const step = Math.max(1, Math.ceil(r.equity.length / CHART_POINTS_MAX));
  const picked = r.equity.filter((_, i) => i % step === 0 || i === r.equity.length - 1);
  const ddStep = Math.max(1, Math.ceil((series?.drawdownRatio.length ?? 0) / CHART_POINTS_MAX));
  return {
    request,
    status: r.status,
    failure: r.failure === null ? null : `${r.failure.handler}: ${r.failure.message}`,
    barCount: config.data.kind === 'bars' ? config.data.bars.length : 0,
    tradeCount: r.trades.length,
    metrics: r.performance === null ? null : jsonSafe(r.performance.metrics),
    performanceError: r.performanceError,
    equity: picked.map((p) => [p.timeMs, Number(p.equityMinor)] as const),
    drawdown: (series?.drawdownRatio ?? []).filter((_, i, a) => i % ddStep === 0 || i === a.length - 1),
    trades: r.trades
      .slice(0, TRADES_LISTED_MAX)
      .map((t) => [
        t.entryTimeMs,
        t.exitTimeMs,
        t.side,
        t.qtyLots,
        t.entryPriceTicks,
        t.exitPriceTicks,
        String(t.grossPnlMinor - t.feesMinor),
      ]),
    finalCashMinor: String(r.finalCashMinor),
    feesMinor: String(r.feesMinor),
    stateHash: r.stateHash,
  };
}

/** Bigints as decimal strings, so a result crosses JSON (storage, the e2e comparison). */
export function jsonSafe(value: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))) as Record<
    string,
    unknown
  >;
}
