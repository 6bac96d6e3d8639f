import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { hrefOfSymbol } from '../../app/router';
import { useServices } from '../../app/services-context';
import type { Overlay, Pane } from '../../lib/chart/indicator-set';
import { type ChartInterval, isChartInterval } from '../../lib/chart/intervals';
import type { KeyValueStorage } from '../../lib/storage/key-value-storage';
import { ChartControls } from './chart-controls';
import { useChart } from './use-chart';
import './chart.css';

const INTERVAL_KEY = 'tw.chart.interval.';

/** The interval last looked at for this symbol (a chart reopened offline shows the one it kept). */
function savedInterval(storage: KeyValueStorage, symbol: string): ChartInterval {
  const saved = storage.getItem(`${INTERVAL_KEY}${symbol}`);
  return saved !== null && isChartInterval(saved) ? saved : '1m';
}

/** `#/chart/<SYMBOL>`: candles and volume, intervals, studies, history scrolled in, live trades. */
export function ChartScreen({ symbol }: { symbol: string }) {
  const s = useServices();
  const interval = useSignal<ChartInterval>(savedInterval(s.storage, symbol));
  const overlays = useSignal<ReadonlySet<Overlay>>(new Set());
  const panes = useSignal<ReadonlySet<Pane>>(new Set());
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => s.storage.setItem(`${INTERVAL_KEY}${symbol}`, interval.value), [symbol, interval.value]);
  const { count, status, note } = useChart(s, symbol, interval.value, box, { overlays, panes });
  return (
    <section class="chart" aria-labelledby="chart-title">
      <div class="chart-head">
        <a class="back" href={hrefOfSymbol(symbol)}>
          {symbol}
        </a>
        <h1 id="chart-title">Chart</h1>
        <ChartControls interval={interval} overlays={overlays} panes={panes} />
      </div>
      {status.value === 'error' ? <div class="empty">Could not load the chart. Check your connection.</div> : null}
      {note.value ? <div class="muted">{note.value}</div> : null}
      <div
        class="chart-box"
        ref={box}
        data-testid="chart"
        data-candles={count.value}
        data-interval={interval.value}
        data-status={status.value}
        data-studies={[...overlays.value, ...panes.value].join(',')}
      />
    </section>
  );
}
