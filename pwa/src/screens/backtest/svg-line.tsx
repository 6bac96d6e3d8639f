/** A small inline SVG line chart for the report (no chart library in this chunk). */
export function SvgLine(props: { times: readonly number[]; values: readonly number[]; label: string; color: string }) {
  const width = 600;
  const height = 140;
  const { times, values } = props;
  if (values.length < 2) return <p class="muted">Not enough points for a chart.</p>;
  const t0 = times[0] ?? 0;
  const t1 = times[times.length - 1] ?? t0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const x = (t: number) => (t1 === t0 ? width / 2 : ((t - t0) / (t1 - t0)) * width);
  const y = (v: number) => (hi === lo ? height / 2 : height - 4 - ((v - lo) / (hi - lo)) * (height - 8));
  const d = values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(times[i] ?? t0).toFixed(1)},${y(v).toFixed(1)}`).join('');
  return (
    <figure class="bt-chart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={props.label}>
        <path d={d} fill="none" stroke={props.color} stroke-width="1.5" vector-effect="non-scaling-stroke" />
      </svg>
      <figcaption class="muted">{props.label}</figcaption>
    </figure>
  );
}
