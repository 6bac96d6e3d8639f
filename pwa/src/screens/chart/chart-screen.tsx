import { effect, useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { hrefOfSymbol } from '../../app/router';
import { useServices } from '../../app/services-context';
import { OVERLAYS, type Overlay, PANES, type Pane } from '../../lib/chart/indicator-set';
import { CHART_INTERVALS, type ChartInterval, isChartInterval } from '../../lib/chart/intervals';
import type { KeyValueStorage } from '../../lib/storage/key-value-storage';
import { ChartLoader, type ChartUpdate } from './chart-loader';
import type { ChartView } from './chart-view';
import './chart.css';

const STUDY_LABELS: Record<Overlay | Pane, string> = {
  sma: 'SMA 20',
  ema: 'EMA 50',
  bb: 'Bollinger',
  rsi: 'RSI',
  macd: 'MACD',
};

/** `#/chart/<SYMBOL>`: candles and volume, intervals, studies, history scrolled in, live trades. */
export function ChartScreen({ symbol }: { symbol: string }) {
  const s = useServices();
  const interval = useSignal<ChartInterval>(savedInterval(s.storage, symbol));
  const overlays = useSignal<ReadonlySet<Overlay>>(new Set());
  const panes = useSignal<ReadonlySet<Pane>>(new Set());
  const count = useSignal(0);
  const status = useSignal<'loading' | 'ready' | 'error'>('loading');
  const note = useSignal<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const view = useRef<ChartView | null>(null);

  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    let closed = false;
    const iv = interval.value;
    // Remembered per symbol: a chart reopened (offline too) shows the interval last looked at.
    s.storage.setItem(`${INTERVAL_KEY}${symbol}`, iv);
    let loader: ChartLoader | null = null;
    status.value = 'loading';
    count.value = 0;
    const apply = (u: ChartUpdate) => {
      if (u.kind === 'all') view.current?.setData(u.bars, u.points, u.prepended);
      else view.current?.updateLast(u.bar, u.point);
      count.value = u.kind === 'all' ? u.bars.length : u.count;
    };
    const stopLive = { fn: () => {} };
    void import('./chart-view').then(async ({ createChartView }) => {
      if (closed) return;
      const l = new ChartLoader({ symbol, interval: iv, onChange: apply });
      loader = l;
      view.current = createChartView(el, {
        secondsVisible: iv === '1s',
        onNeedOlder: () => void l.loadOlder().catch(() => {}),
      });
      view.current.setStudies(overlays.peek(), panes.peek());
      try {
        await l.start(s.scheduler.nowMs());
        status.value = 'ready';
        note.value = l.partial ? `Some history is missing (${l.partial}).` : null;
      } catch {
        status.value = 'error';
      }
      stopLive.fn = followTrades(s.tape.of(symbol), l);
    });
    return () => {
      closed = true;
      loader?.close();
      stopLive.fn();
      view.current?.destroy();
      view.current = null;
    };
  }, [symbol, interval.value]);

  useEffect(() => view.current?.setStudies(overlays.value, panes.value), [overlays.value, panes.value]);

  const toggle = <K extends string>(set: { value: ReadonlySet<K> }, key: K) => {
    const next = new Set(set.value);
    if (!next.delete(key)) next.add(key);
    set.value = next;
  };
  const active = [...overlays.value, ...panes.value].join(',');
  return (
    <section class="chart" aria-labelledby="chart-title">
      <div class="chart-head">
        <a class="back" href={hrefOfSymbol(symbol)}>
          {symbol}
        </a>
        <h1 id="chart-title">Chart</h1>
        <fieldset class="chart-intervals">
          <legend class="chart-legend">Interval</legend>
          {CHART_INTERVALS.map((iv) => (
            <button type="button" key={iv} aria-pressed={interval.value === iv} onClick={() => (interval.value = iv)}>
              {iv}
            </button>
          ))}
        </fieldset>
        <fieldset class="chart-studies">
          <legend class="chart-legend">Studies</legend>
          {[...OVERLAYS.map((k) => ['o', k] as const), ...PANES.map((k) => ['p', k] as const)].map(([kind, k]) => (
            <label key={k}>
              <input
                type="checkbox"
                checked={kind === 'o' ? overlays.value.has(k as Overlay) : panes.value.has(k as Pane)}
                onChange={() => (kind === 'o' ? toggle(overlays, k as Overlay) : toggle(panes, k as Pane))}
              />
              {STUDY_LABELS[k]}
            </label>
          ))}
        </fieldset>
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
        data-studies={active}
      />
    </section>
  );
}

const INTERVAL_KEY = 'tw.chart.interval.';

function savedInterval(storage: KeyValueStorage, symbol: string): ChartInterval {
  const saved = storage.getItem(`${INTERVAL_KEY}${symbol}`);
  return saved !== null && isChartInterval(saved) ? saved : '1m';
}

/** Feeds the symbol's live trades (newest first in the tape) to the loader, each once, in order. */
function followTrades(
  tape: { value: readonly { seq: number; price: string; qty: string; ts: number }[] },
  loader: ChartLoader,
) {
  let lastSeq = -1;
  return effect(() => {
    const fresh = tape.value.filter((t) => t.seq > lastSeq).reverse();
    for (const t of fresh) loader.trade(t.price, t.qty, t.ts);
    const newest = tape.value[0];
    if (newest !== undefined) lastSeq = Math.max(lastSeq, newest.seq);
  });
}
