import type { SavedRun } from '../../lib/backtest/saved-runs';

/** Line colours of the overlaid runs, in the order they were picked. */
const COLORS = ['#4ea1ff', '#ffb84e', '#7be38f', '#ff6b6b', '#c58cff', '#5ee0e0'];

/**
 * The picked runs' equity curves on one chart, each as growth of its own start (1 = the initial
 * cash), so runs with different cash compare; time spans are laid over a common axis.
 */
export function EquityOverlay({ runs }: { runs: readonly SavedRun[] }) {
  const width = 600;
  const height = 160;
  const curves = runs.map((r) => {
    const first = r.summary.equity[0]?.[1] ?? 1;
    return r.summary.equity.map(([t, v]) => [t, first > 0 ? v / first : 1] as const);
  });
  const all = curves.flat();
  if (all.length < 2) return null;
  let [t0, t1, lo, hi] = [
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  for (const [t, v] of all) {
    [t0, t1, lo, hi] = [Math.min(t0, t), Math.max(t1, t), Math.min(lo, v), Math.max(hi, v)];
  }
  const x = (t: number) => (t1 === t0 ? width / 2 : ((t - t0) / (t1 - t0)) * width);
  const y = (v: number) => (hi === lo ? height / 2 : height - 4 - ((v - lo) / (hi - lo)) * (height - 8));
  return (
    <figure class="bt-chart" data-testid="backtest-overlay" data-runs={runs.length}>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label="Equity of the picked runs">
        {curves.map((c, i) => (
          <path
            key={runs[i]?.id}
            d={c.map(([t, v], j) => `${j === 0 ? 'M' : 'L'}${x(t).toFixed(1)},${y(v).toFixed(1)}`).join('')}
            fill="none"
            stroke={COLORS[i % COLORS.length]}
            stroke-width="1.5"
            vector-effect="non-scaling-stroke"
          />
        ))}
      </svg>
      <figcaption class="muted">
        Equity, growth of 1 ·{' '}
        {runs.map((r, i) => (
          <span key={r.id} style={{ color: COLORS[i % COLORS.length] }}>
            {r.summary.request.strategy} {r.summary.request.symbol}{' '}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
