import {
  CandlestickSeries,
  createChart,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  LineSeries,
  type LogicalRange,
  type SeriesType,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { ChartBar } from '../../lib/chart/bars';
import type { Overlay, Pane, StudyPoint } from '../../lib/chart/indicator-set';

/**
 * The drawing side of the chart screen, and the only module that imports
 * lightweight-charts: the screen loads it with `import()`, so the library is a chunk of
 * its own, fetched when a chart is first opened (and precached for offline use).
 */
export type ChartView = {
  setData(bars: readonly ChartBar[], points: readonly StudyPoint[], prepended?: number): void;
  updateLast(bar: ChartBar, point: StudyPoint): void;
  setStudies(overlays: ReadonlySet<Overlay>, panes: ReadonlySet<Pane>): void;
  destroy(): void;
};

/** When fewer bars than this are left of the visible range, older history is asked for. */
const SCROLL_BACK_MARGIN_BARS = 20;
const UP = '#26a69a';
const DOWN = '#ef5350';

type Study = { key: keyof StudyPoint; series: ISeriesApi<SeriesType> };

const t = (sec: number) => sec as UTCTimestamp as Time;
const value = (time: number, v: number) => (Number.isNaN(v) ? { time: t(time) } : { time: t(time), value: v });

export function createChartView(el: HTMLElement, o: { secondsVisible: boolean; onNeedOlder(): void }): ChartView {
  const chart: IChartApi = createChart(el, {
    autoSize: true,
    layout: { background: { color: 'transparent' }, textColor: '#9aa4b2', attributionLogo: false },
    grid: { vertLines: { color: '#1c2330' }, horzLines: { color: '#1c2330' } },
    timeScale: { timeVisible: true, secondsVisible: o.secondsVisible },
  });
  const candles = chart.addSeries(CandlestickSeries, {
    upColor: UP,
    downColor: DOWN,
    wickUpColor: UP,
    wickDownColor: DOWN,
    borderVisible: false,
  });
  const volume = chart.addSeries(HistogramSeries, { priceScaleId: 'vol', priceFormat: { type: 'volume' } });
  chart.priceScale('vol').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
  let bars: readonly ChartBar[] = [];
  let points: readonly StudyPoint[] = [];
  let studies: Study[] = [];
  const volumeOf = (b: ChartBar) => ({
    time: t(b.time),
    value: b.volume,
    color: b.close >= b.open ? `${UP}66` : `${DOWN}66`,
  });
  const candleOf = (b: ChartBar) => ({ time: t(b.time), open: b.open, high: b.high, low: b.low, close: b.close });
  const fillStudies = () => {
    for (const s of studies) s.series.setData(bars.map((b, i) => value(b.time, (points[i] as StudyPoint)[s.key])));
  };
  const onRange = (range: LogicalRange | null) => {
    if (range !== null && bars.length > 0 && range.from < SCROLL_BACK_MARGIN_BARS) o.onNeedOlder();
  };
  chart.timeScale().subscribeVisibleLogicalRangeChange(onRange);
  return {
    setData(next, nextPoints, prepended = 0) {
      const visible = chart.timeScale().getVisibleLogicalRange();
      bars = next;
      points = nextPoints;
      candles.setData(bars.map(candleOf));
      volume.setData(bars.map(volumeOf));
      fillStudies();
      // Keep the view where it was when older bars were put in front of it.
      if (prepended > 0 && visible !== null) {
        chart.timeScale().setVisibleLogicalRange({ from: visible.from + prepended, to: visible.to + prepended });
      }
    },
    updateLast(bar, point) {
      const last = bars.at(-1);
      bars = last !== undefined && last.time === bar.time ? [...bars.slice(0, -1), bar] : [...bars, bar];
      points = bars.length > points.length ? [...points, point] : [...points.slice(0, -1), point];
      candles.update(candleOf(bar));
      volume.update(volumeOf(bar));
      for (const s of studies) s.series.update(value(bar.time, point[s.key]));
    },
    setStudies(overlays, panes) {
      for (const s of studies) chart.removeSeries(s.series);
      studies = buildStudies(chart, overlays, panes);
      while (chart.panes().length > 1 + panes.size) chart.removePane(chart.panes().length - 1);
      fillStudies();
    },
    destroy() {
      chart.timeScale().unsubscribeVisibleLogicalRangeChange(onRange);
      chart.remove();
    },
  };
}

function buildStudies(chart: IChartApi, overlays: ReadonlySet<Overlay>, panes: ReadonlySet<Pane>): Study[] {
  const line = (key: keyof StudyPoint, color: string, pane = 0, lineWidth: 1 | 2 = 1): Study => ({
    key,
    series: chart.addSeries(LineSeries, { color, lineWidth, priceLineVisible: false, lastValueVisible: false }, pane),
  });
  const out: Study[] = [];
  if (overlays.has('sma')) out.push(line('sma', '#f5c542', 0, 2));
  if (overlays.has('ema')) out.push(line('ema', '#7e57c2', 0, 2));
  if (overlays.has('bb'))
    out.push(line('bbUpper', '#42a5f5'), line('bbMiddle', '#42a5f580'), line('bbLower', '#42a5f5'));
  let pane = 1;
  if (panes.has('rsi')) out.push(line('rsi', '#ffa726', pane++));
  if (panes.has('macd')) {
    const hist = chart.addSeries(
      HistogramSeries,
      { color: '#90a4ae', priceLineVisible: false, lastValueVisible: false },
      pane,
    );
    out.push({ key: 'macdHist', series: hist }, line('macd', '#29b6f6', pane), line('macdSignal', '#ef6c00', pane));
  }
  return out;
}
