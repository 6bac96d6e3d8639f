import { INSTRUMENTS, minorToDecimal, stepsToDecimal } from '@tradewind/shared/domain';
import type { RunSummary } from '../../lib/backtest/protocol';
import { ChecksReport } from './checks-report';
import { ResearchReport } from './research-report';
import { SvgLine } from './svg-line';

type Kind = 'ratio' | 'number' | 'money' | 'count';
/** The report's metrics: [path in `metrics`, label, kind]. */
export const REPORT_METRICS: readonly (readonly [string, string, Kind])[] = [
  ['totalReturnRatio', 'Total return', 'ratio'],
  ['cagrRatio', 'CAGR', 'ratio'],
  ['volatilityAnnualRatio', 'Volatility (annual)', 'ratio'],
  ['sharpeAnnual', 'Sharpe', 'number'],
  ['sortinoAnnual', 'Sortino', 'number'],
  ['calmar', 'Calmar', 'number'],
  ['probabilisticSharpe', 'Probabilistic Sharpe (PSR)', 'ratio'],
  ['maxDrawdownRatio', 'Max drawdown', 'ratio'],
  ['trades.count', 'Trades', 'count'],
  ['trades.winRatio', 'Win rate', 'ratio'],
  ['trades.profitFactor', 'Profit factor', 'number'],
  ['exposureRatio', 'Exposure', 'ratio'],
  ['feesMinor', 'Fees', 'money'],
  ['endEquityMinor', 'End equity', 'money'],
];

export function metricOf(metrics: Record<string, unknown> | null, path: string): unknown {
  let v: unknown = metrics;
  for (const k of path.split('.'))
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

export function formatMetric(v: unknown, kind: Kind): string {
  if (v === null || v === undefined) return '—';
  if (kind === 'money') return minorToDecimal(BigInt(String(v)), 2);
  const n = Number(v);
  if (!Number.isFinite(n)) return '—';
  if (kind === 'count') return String(n);
  return kind === 'ratio' ? `${(n * 100).toFixed(2)} %` : n.toFixed(2);
}

const time = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** One run: equity and drawdown, the metrics (with PSR) and the round trips. */
export function BacktestReport({ summary }: { summary: RunSummary }) {
  const s = summary;
  const instrument = INSTRUMENTS.find((i) => i.symbol === s.request.symbol);
  const px = (ticks: number) => (instrument ? stepsToDecimal(ticks, instrument.tick) : String(ticks));
  const times = s.equity.map((p) => p[0]);
  return (
    <section class="bt-report" data-testid="backtest-report" data-summary={JSON.stringify(s)}>
      <h2>
        {s.research?.kind === 'optimise' ? 'Best of an optimisation: ' : ''}
        {s.research?.kind === 'walk-forward' ? 'Walk-forward: ' : ''}
        {s.request.strategy} on {s.request.symbol} {s.request.interval} · {s.status}
      </h2>
      <p class="muted">
        {s.barCount} bars, <span data-testid="trade-count">{s.tradeCount}</span> trades
        {s.failure ? ` · stopped: ${s.failure}` : ''}
        {s.performanceError ? ` · metrics: ${s.performanceError}` : ''}
      </p>
      <SvgLine
        times={times}
        values={s.equity.map((p) => p[1] / 100)}
        label={s.research?.kind === 'walk-forward' ? 'Out-of-sample equity (stitched)' : 'Equity'}
        color="#4ea1ff"
      />
      <SvgLine
        times={s.drawdown.map((_, i) => i)}
        values={s.drawdown.map((d) => d * 100)}
        label="Drawdown (%)"
        color="#ff6b6b"
      />
      <dl class="bt-metrics">
        {REPORT_METRICS.map(([path, label, kind]) => (
          <div key={path} data-metric={path}>
            <dt>{label}</dt>
            <dd>{formatMetric(metricOf(s.metrics, path), kind)}</dd>
          </div>
        ))}
      </dl>
      {s.research ? <ResearchReport research={s.research} /> : null}
      {s.checks ? <ChecksReport checks={s.checks} /> : null}
      <TradeTable summary={s} px={px} />
    </section>
  );
}

function TradeTable({ summary, px }: { summary: RunSummary; px: (ticks: number) => string }) {
  if (summary.trades.length === 0) return <p class="muted">No closed trades.</p>;
  return (
    <div class="bt-trades">
      <table>
        <thead>
          <tr>
            <th>Entry (UTC)</th>
            <th>Exit (UTC)</th>
            <th>Side</th>
            <th>Lots</th>
            <th>Entry</th>
            <th>Exit</th>
            <th>Net</th>
          </tr>
        </thead>
        <tbody>
          {summary.trades.map((t) => (
            <tr key={`${t[0]}-${t[1]}`}>
              <td>{time(t[0])}</td>
              <td>{time(t[1])}</td>
              <td>{t[2]}</td>
              <td>{t[3]}</td>
              <td>{px(t[4])}</td>
              <td>{px(t[5])}</td>
              <td>{minorToDecimal(BigInt(t[6]), 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
