import { useSignal } from '@preact/signals';
import type { SavedRun } from '../../lib/backtest/saved-runs';
import { formatMetric, metricOf, REPORT_METRICS } from './backtest-report';
import { EquityOverlay } from './equity-overlay';

/**
 * The saved runs side by side: one column per run, one row per metric. Picking two or more
 * (the checkboxes) lays their equity curves over each other above the table.
 */
export function RunCompare(props: {
  runs: readonly SavedRun[];
  onShow(run: SavedRun): void;
  onRemove(id: string): void;
}) {
  const picked = useSignal<readonly string[]>([]);
  if (props.runs.length === 0) return null;
  const chosen = props.runs.filter((r) => picked.value.includes(r.id));
  const runs = props.runs;
  const toggle = (id: string) => {
    picked.value = picked.value.includes(id) ? picked.value.filter((p) => p !== id) : [...picked.value, id];
  };
  return (
    <section class="bt-compare">
      <h2>Recent runs</h2>
      <p class="muted">Pick two or more to compare them side by side.</p>
      {chosen.length >= 2 ? <EquityOverlay runs={chosen} /> : null}
      <div class="bt-trades">
        <table data-testid="backtest-compare">
          <thead>
            <tr>
              <th>Run</th>
              {runs.map((r) => (
                <th key={r.id}>
                  <input
                    type="checkbox"
                    aria-label="Pick for comparison"
                    checked={picked.value.includes(r.id)}
                    onChange={() => toggle(r.id)}
                  />
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
              {runs.map((r) => (
                <td key={r.id}>{JSON.stringify(r.summary.request.params)}</td>
              ))}
            </tr>
            {REPORT_METRICS.map(([path, label, kind]) => (
              <tr key={path}>
                <td>{label}</td>
                {runs.map((r) => (
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
