import type { SavedRun } from '../../lib/backtest/saved-runs';
import { formatMetric, metricOf, REPORT_METRICS } from './backtest-report';

/** The saved runs side by side: one column per run, one row per metric. */
export function RunCompare(props: {
  runs: readonly SavedRun[];
  onShow(run: SavedRun): void;
  onRemove(id: string): void;
}) {
  if (props.runs.length === 0) return null;
  return (
    <section class="bt-compare">
      <h2>Recent runs</h2>
      <div class="bt-trades">
        <table data-testid="backtest-compare">
          <thead>
            <tr>
              <th>Run</th>
              {props.runs.map((r) => (
                <th key={r.id}>
                  <button type="button" class="btn btn-small btn-ghost" onClick={() => props.onShow(r)}>
                    {r.summary.request.strategy} {r.summary.request.symbol} {r.summary.request.interval}
                  </button>
                  <button
                    type="button"
                    class="btn btn-small btn-ghost"
                    aria-label="Remove run"
                    onClick={() => props.onRemove(r.id)}
                  >
                    ×
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>Params</td>
              {props.runs.map((r) => (
                <td key={r.id}>{JSON.stringify(r.summary.request.params)}</td>
              ))}
            </tr>
            {REPORT_METRICS.map(([path, label, kind]) => (
              <tr key={path}>
                <td>{label}</td>
                {props.runs.map((r) => (
                  <td key={r.id}>{formatMetric(metricOf(r.summary.metrics, path), kind)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
