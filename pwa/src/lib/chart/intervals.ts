/** The intervals a chart offers (edge's bar intervals), and how much history a first load asks for. */
export const CHART_INTERVALS = ['1s', '1m', '5m', '15m', '1h', '1d'] as const;
export type ChartInterval = (typeof CHART_INTERVALS)[number];

export const INTERVAL_MS: Readonly<Record<ChartInterval, number>> = {
  '1s': 1_000,
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
};

/** Bars per request: the first screenful and each page scrolled in (edge allows 5,000). */
export const BARS_PER_PAGE = 500;
/** Pages scrolled in per chart before it stops asking (bounds memory: 20 × 500 bars). */
export const PAGES_MAX = 20;

export function isChartInterval(v: string): v is ChartInterval {
  return (CHART_INTERVALS as readonly string[]).includes(v);
}
