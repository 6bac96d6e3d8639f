/** Points drawn per chart: longer series are thinned (min and max of each bucket kept, so spikes show). */
export const CHART_POINTS_MAX = 1_200;

export type ChartSeries = { readonly timeMs: readonly number[]; readonly values: readonly number[] };

const W = 900;
const H = 240;
const PAD = { l: 70, r: 10, t: 10, b: 24 };

/** Thins a series to ≤ CHART_POINTS_MAX points: per bucket its min and its max, in time order. */
export function thin(s: ChartSeries): [number, number][] {
  const n = s.values.length;
  const pts: [number, number][] = [];
  if (n <= CHART_POINTS_MAX) {
    for (let i = 0; i < n; i++) pts.push([s.timeMs[i] as number, s.values[i] as number]);
    return pts;
  }
  const buckets = Math.floor(CHART_POINTS_MAX / 2);
  for (let b = 0; b < buckets; b++) {
    const lo = Math.floor((b * n) / buckets);
    const hi = Math.floor(((b + 1) * n) / buckets);
    let iMin = lo;
    let iMax = lo;
    for (let i = lo; i < hi; i++) {
      if ((s.values[i] as number) < (s.values[iMin] as number)) iMin = i;
      if ((s.values[i] as number) > (s.values[iMax] as number)) iMax = i;
    }
    for (const i of iMin <= iMax ? [iMin, iMax] : [iMax, iMin])
      pts.push([s.timeMs[i] as number, s.values[i] as number]);
  }
  return pts;
}

const fmtDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * An inline SVG line (or area down to zero) chart with min/max labels and the first/last dates:
 * no script, no external resource, so the report is one self-contained file.
 */
export function svgChart(
  s: ChartSeries,
  opts: { title: string; area?: boolean; color: string; format: (v: number) => string },
): string {
  const pts = thin(s);
  if (pts.length === 0) return `<p>${opts.title}: no data</p>`;
  const t0 = (pts[0] as [number, number])[0];
  const t1 = (pts[pts.length - 1] as [number, number])[0];
  let lo = Math.min(...pts.map((p) => p[1]));
  let hi = Math.max(...pts.map((p) => p[1]));
  if (opts.area === true) hi = Math.max(hi, 0);
  if (hi === lo) [lo, hi] = [lo - 1, hi + 1];
  const x = (t: number) => PAD.l + ((t - t0) / Math.max(1, t1 - t0)) * (W - PAD.l - PAD.r);
  const y = (v: number) => PAD.t + ((hi - v) / (hi - lo)) * (H - PAD.t - PAD.b);
  const path = pts.map(([t, v], i) => `${i === 0 ? 'M' : 'L'}${x(t).toFixed(1)},${y(v).toFixed(1)}`).join('');
  const fill =
    opts.area === true
      ? `<path d="${path}L${x(t1).toFixed(1)},${y(0).toFixed(1)}L${x(t0).toFixed(1)},${y(0).toFixed(1)}Z" fill="${opts.color}" fill-opacity="0.25" stroke="none"/>`
      : '';
  return `<figure><figcaption>${opts.title}</figcaption><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="${opts.title}">
<rect x="${PAD.l}" y="${PAD.t}" width="${W - PAD.l - PAD.r}" height="${H - PAD.t - PAD.b}" fill="none" stroke="#ccc"/>
${fill}<path d="${path}" fill="none" stroke="${opts.color}" stroke-width="1.2"/>
<text x="${PAD.l - 6}" y="${y(hi) + 4}" text-anchor="end" font-size="11">${opts.format(hi)}</text>
<text x="${PAD.l - 6}" y="${y(lo) + 4}" text-anchor="end" font-size="11">${opts.format(lo)}</text>
<text x="${PAD.l}" y="${H - 6}" font-size="11">${fmtDate(t0)}</text>
<text x="${W - PAD.r}" y="${H - 6}" text-anchor="end" font-size="11">${fmtDate(t1)}</text>
</svg></figure>`;
}
