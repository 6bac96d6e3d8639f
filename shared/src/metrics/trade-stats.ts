/**
 * Statistics of closed round trips. A trade's result is net of its fees (gross − fees): a trade
 * that made 10 and paid 12 in fees lost. Sums are exact (bigint); means are floats.
 */
import type { ClosedTrade, TradeStats } from './types';

export function netPnlMinorOf(trade: ClosedTrade): bigint {
  return trade.grossPnlMinor - trade.feesMinor;
}

export function tradeStats(trades: readonly ClosedTrade[]): TradeStats {
  let winCount = 0;
  let lossCount = 0;
  let winSumMinor = 0n;
  let lossSumMinor = 0n; // ≤ 0
  let grossPnlMinor = 0n;
  let tradeFeesMinor = 0n;
  for (const t of trades) {
    const net = netPnlMinorOf(t);
    grossPnlMinor += t.grossPnlMinor;
    tradeFeesMinor += t.feesMinor;
    if (net > 0n) {
      winCount += 1;
      winSumMinor += net;
    } else if (net < 0n) {
      lossCount += 1;
      lossSumMinor += net;
    }
  }
  const tradeCount = trades.length;
  const netPnlMinor = grossPnlMinor - tradeFeesMinor;
  const avgWinMinor = winCount > 0 ? Number(winSumMinor) / winCount : null;
  const avgLossMinor = lossCount > 0 ? Number(lossSumMinor) / lossCount : null;
  return {
    tradeCount,
    winCount,
    lossCount,
    winRatio: tradeCount > 0 ? winCount / tradeCount : null,
    profitFactor: lossCount > 0 ? Number(winSumMinor) / -Number(lossSumMinor) : null,
    noLosingTrades: tradeCount > 0 && lossCount === 0,
    expectancyMinor: tradeCount > 0 ? Number(netPnlMinor) / tradeCount : null,
    avgWinMinor,
    avgLossMinor,
    payoffRatio: avgWinMinor !== null && avgLossMinor !== null ? avgWinMinor / -avgLossMinor : null,
    netPnlMinor,
    grossPnlMinor,
    tradeFeesMinor,
  };
}

/**
 * Share of [startMs, endMs] during which at least one trade was open: the union of the trades'
 * [entry, exit] intervals (overlapping trades, e.g. on two symbols, count once), clipped to the
 * period, divided by its length. Only closed trades are known here, so a position still open at
 * the end is not counted. Null for an empty period.
 */
export function exposureRatio(trades: readonly ClosedTrade[], startMs: number, endMs: number): number | null {
  if (!(endMs > startMs)) return null;
  const intervals = trades
    .map((t) => [Math.max(t.entryTimeMs, startMs), Math.min(t.exitTimeMs, endMs)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let coveredMs = 0;
  let runStart = Number.NEGATIVE_INFINITY;
  let runEnd = Number.NEGATIVE_INFINITY;
  for (const [a, b] of intervals) {
    if (a > runEnd) {
      if (runEnd > runStart) coveredMs += runEnd - runStart;
      runStart = a;
      runEnd = b;
    } else if (b > runEnd) runEnd = b;
  }
  if (runEnd > runStart) coveredMs += runEnd - runStart;
  return coveredMs / (endMs - startMs);
}
