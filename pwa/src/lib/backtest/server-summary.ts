import type { RunSummary, TradeRow } from './protocol';
import { CHART_POINTS_MAX, TRADES_LISTED_MAX } from './protocol';
import { checksOf, researchOf, type StoredResearch } from './research';

/** A server job's stored result (core's `resultJson`): JSON, bigints as decimal strings. */
export type ServerResult = StoredResearch &
  Parameters<typeof checksOf>[0] & {
    /** An optimisation's best params (the run the report shows). */
    params?: Record<string, unknown>;
    status: RunSummary['status'];
    failure: { handler: string; message: string } | null;
    barCount: number;
    tradeCount: number;
    metrics: Record<string, unknown> | null;
    performanceError: string | null;
    equity: { timeMs: number; equityMinor: string }[];
    trades: {
      entryTimeMs: number;
      exitTimeMs: number;
      side: string;
      qtyLots: number;
      entryPriceTicks: number;
      exitPriceTicks: number;
      grossPnlMinor: string;
      feesMinor: string;
    }[];
    finalCashMinor: string;
    feesMinor: string;
    stateHash: string;
  };

/**
 * A server result in the shape the report and the comparison use, so server and browser runs
 * sit side by side. The drawdown is computed from the stored (thinned) equity curve.
 */
export function summaryOfServerResult(request: RunSummary['request'], r: ServerResult): RunSummary {
  const research = researchOf(r);
  const checks = checksOf(r);
  const step = Math.max(1, Math.ceil(r.equity.length / CHART_POINTS_MAX));
  const equity = r.equity
    .filter((_, i) => i % step === 0 || i === r.equity.length - 1)
    .map((p) => [p.timeMs, Number(p.equityMinor)] as const);
  let peak = Number.NEGATIVE_INFINITY;
  const drawdown = equity.map(([, v]) => {
    peak = Math.max(peak, v);
    return peak > 0 ? v / peak - 1 : 0;
  });
  const trades: TradeRow[] = r.trades
    .slice(0, TRADES_LISTED_MAX)
    .map((t) => [
      t.entryTimeMs,
      t.exitTimeMs,
      t.side,
      t.qtyLots,
      t.entryPriceTicks,
      t.exitPriceTicks,
      String(BigInt(t.grossPnlMinor) - BigInt(t.feesMinor)),
    ]);
  return {
    request: r.params === undefined ? request : { ...request, params: r.params },
    status: r.status,
    failure: r.failure === null ? null : `${r.failure.handler}: ${r.failure.message}`,
    barCount: r.barCount,
    tradeCount: r.tradeCount,
    metrics: r.metrics,
    performanceError: r.performanceError,
    equity,
    drawdown,
    trades,
    finalCashMinor: r.finalCashMinor,
    feesMinor: r.feesMinor,
    stateHash: r.stateHash,
    ...(research === null ? {} : { research }),
    ...(checks === null ? {} : { checks }),
  };
}
