import { minorToDecimal } from '@tradewind/shared/domain';
import type { ResearchSummary } from '../../lib/backtest/research';
import { formatMetric, metricOf } from './backtest-report';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
const paramsText = (p: Record<string, unknown> | null) =>
  p === null
    ? '—'
    : Object.entries(p)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(' ');

/** An optimisation's ranked candidates, or a walk-forward's windows, under the run's report. */
export function ResearchReport({ research }: { research: ResearchSummary }) {
  if (research.kind === 'optimise')
    return (
      <section class="bt-trades" data-testid="backtest-ranked">
        <h3>
          Ranked by {research.objective}: {research.ranked.length} of {research.candidateCount} candidates
          {research.unrankedCount > 0 ? ` (${research.unrankedCount} could not be ranked)` : ''}
        </h3>
        <table>
          <thead>
            <tr>
              <th>#</th>
              <th>Params</th>
              <th>Score</th>
              <th>Return</th>
              <th>Sharpe</th>
              <th>Max DD</th>
              <th>Trades</th>
            </tr>
          </thead>
          <tbody>
            {research.ranked.map((c, i) => (
              <tr key={paramsText(c.params)}>
                <td>{i + 1}</td>
                <td>{paramsText(c.params)}</td>
                <td>{formatMetric(c.score, 'number')}</td>
                <td>{formatMetric(metricOf(c.metrics, 'totalReturnRatio'), 'ratio')}</td>
                <td>{formatMetric(metricOf(c.metrics, 'sharpeAnnual'), 'number')}</td>
                <td>{formatMetric(metricOf(c.metrics, 'maxDrawdownRatio'), 'ratio')}</td>
                <td>{formatMetric(metricOf(c.metrics, 'trades.count'), 'count')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    );
  return (
    <section class="bt-trades" data-testid="backtest-windows">
      <h3>Walk-forward windows (in-sample winner by {research.objective}, then out of sample)</h3>
      <table>
        <thead>
          <tr>
            <th>Out of sample (UTC)</th>
            <th>Params</th>
            <th>In-sample score</th>
            <th>End equity</th>
            <th>Trades</th>
          </tr>
        </thead>
        <tbody>
          {research.windows.map((w) => (
            <tr key={w.outOfSampleFromMs}>
              <td>
                {day(w.outOfSampleFromMs)} – {day(w.outOfSampleToMs)}
              </td>
              <td>{paramsText(w.params)}</td>
              <td>{formatMetric(w.score, 'number')}</td>
              <td>{w.endEquityMinor === null ? '—' : minorToDecimal(BigInt(w.endEquityMinor), 2)}</td>
              <td>{w.tradeCount ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
