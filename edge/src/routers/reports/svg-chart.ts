/** Escapes text for HTML and SVG content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A self-contained line chart (no script, no external file) of `values` over `timeMs`, scaled
 * to the box; min/max are labelled. Used by the printable report; the PWA draws the same way.
 */
export function svgLineChart(
  timeMs: readonly number[],
  values: readonly number[],
  opts: { width: number; height: number; label: string; color: string },
): string {
  const { width, height } = opts;
  if (values.length === 0)
    return `<svg width="${width}" height="${height}" role="img"><text x="8" y="20">no data</text></svg>`;
  const t0 = timeMs[0] ?? 0;
  const t1 = timeMs[timeMs.length - 1] ?? t0;
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const x = (t: number) => (t1 === t0 ? width / 2 : ((t - t0) / (t1 - t0)) * (width - 60) + 50);
  const y = (v: number) => (hi === lo ? height / 2 : height - 20 - ((v - lo) / (hi - lo)) * (height - 40));
  const d = values.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(timeMs[i] ?? t0).toFixed(1)},${y(v).toFixed(1)}`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(opts.label)}">
<text x="4" y="14" font-size="11">${escapeHtml(String(hi))}</text><text x="4" y="${height - 6}" font-size="11">${escapeHtml(String(lo))}</text>
<path d="${d}" fill="none" stroke="${opts.color}" stroke-width="1.5"/></svg>`;
}
