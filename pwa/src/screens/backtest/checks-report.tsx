import type { PercentileRow, RunChecks } from '../../lib/backtest/research';
import { formatMetric } from './backtest-report';

const cells = (p: PercentileRow) =>
  [p.p5, p.p25, p.p50, p.p75, p.p95].map((v, i) => (
    <td key={['p5', 'p25', 'p50', 'p75', 'p95'][i]}>{formatMetric(v, 'ratio')}</td>
  ));

/** A server run's Monte Carlo of its trade sequence and its look-ahead check. */
export function ChecksReport({ checks }: { checks: RunChecks }) {
  const { monteCarlo: mc, lookAhead: la } = checks;
  return (
    <>
      {mc === null ? null : (
        <section class="bt-trades" data-testid="backtest-monte-carlo">
          <h3>
            Monte Carlo of the trade sequence ({mc.runs} {mc.method} runs)
          </h3>
          <table>
            <thead>
              <tr>
                <th />
                <th>p5</th>
                <th>p25</th>
                <th>p50</th>
                <th>p75</th>
                <th>p95</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>Total return</td>
                {cells(mc.totalReturnRatio)}
              </tr>
              <tr>
                <td>Max drawdown</td>
                {cells(mc.maxDrawdownRatio)}
              </tr>
            </tbody>
          </table>
          <p class="muted">Ruined runs: {formatMetric(mc.ruinRatio, 'ratio')}</p>
        </section>
      )}
      {la === null ? null : (
        <p data-testid="backtest-look-ahead" data-passed={String(la.passed)}>
          Look-ahead check:{' '}
          {la.error !== null
            ? `could not run (${la.error})`
            : la.passed
              ? `passed (${la.cuts} truncated reruns decided as the full run did)`
              : `FAILED: ${la.firstDifference}`}
        </p>
      )}
    </>
  );
}
