/** A small inline SVG line chart (no chart library: the report screen stays a light chunk). */
export function LineChart(props: {
  timeMs: readonly number[];
  values: readonly number[];
  label: string;
  color: string;
  height?: number;
}) {
  const width = 600;
  const height = props.height ?? 160;
  const { timeMs, values } = props;
  if (values.length < 2) return <p class="muted">Not enough samples for a chart yet.</p>;
  const t0 = timeMs[0] ?? 0;
  const t1 = timeMs[timeMs.length - 1] ?? t0;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const x = (t: number) => (t1 === t0 ? width / 2 : ((t - t0) / (t1 - t0)) * width);
  const y = (v: number) => (hi === lo ? height / 2 : height - 4 - ((v - lo) / (hi - lo)) * (height - 8));
  const d = values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(timeMs[i] ?? t0).toFixed(1)},${y(v).toFixed(1)}`).join('');
  return (
    <figure class="report-chart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={props.label}>
        <path d={d} fill="none" stroke={props.color} stroke-width="1.5" vector-effect="non-scaling-stroke" />
      </svg>
      <figcaption class="muted">
        {props.label}: {lo.toLocaleString()} – {hi.toLocaleString()}
      </figcaption>
    </figure>
  );
}
