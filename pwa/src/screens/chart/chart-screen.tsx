import { type Signal, useSignal } from '@preact/signals';
import type { ReplayStatusFrame } from '@tradewind/shared/protocol';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { hrefOf, hrefOfChart, hrefOfSymbol } from '../../app/router';
import { useServices } from '../../app/services-context';
import type { Overlay, Pane } from '../../lib/chart/indicator-set';
import { type ChartInterval, isChartInterval } from '../../lib/chart/intervals';
import type { KeyValueStorage } from '../../lib/storage/key-value-storage';
import { ChartControls } from './chart-controls';
import { PracticePanel } from './practice-lazy';
import { ReplayPanel } from './replay-lazy';
import { type ChartSubject, useChart } from './use-chart';
import './chart.css';

const INTERVAL_KEY = 'tw.chart.interval.';

/** The interval last looked at for this symbol (a chart reopened offline shows the one it kept). */
function savedInterval(storage: KeyValueStorage, symbol: string): ChartInterval {
  const saved = storage.getItem(`${INTERVAL_KEY}${symbol}`);
  return saved !== null && isChartInterval(saved) ? saved : '1m';
}

/** Remembers the interval a chart should open at (the import screen opens the imported one). */
export function saveChartInterval(storage: KeyValueStorage, symbol: string, iv: ChartInterval): void {
  storage.setItem(`${INTERVAL_KEY}${symbol}`, iv);
}

/** A replay session as the screen knows it: its status from its topic, or from edge at first. */
export type ReplayWatch = { id: string; status: Signal<ReplayStatusFrame | null>; reload: Signal<number> };

/**
 * `#/chart/<SYMBOL>`: candles and volume, intervals, studies, history scrolled in, live bars.
 * `#/chart/<SYMBOL>/replay/<id>`: the same chart standing in a past day that plays back, with
 * the replay's controls and progress (the replay panel is a lazy chunk).
 */
export function ChartScreen({ symbol, replay }: { symbol: string; replay?: string | undefined }) {
  const s = useServices();
  const interval = useSignal<ChartInterval>(savedInterval(s.storage, symbol));
  const overlays = useSignal<ReadonlySet<Overlay>>(new Set());
  const panes = useSignal<ReadonlySet<Pane>>(new Set());
  const replayOpen = useSignal(false);
  const status = useSignal<ReplayStatusFrame | null>(null);
  const reload = useSignal(0);
  useEffect(() => saveChartInterval(s.storage, symbol, interval.value), [symbol, interval.value]);
  useEffect(() => {
    status.value = null;
  }, [replay]);
  const watch = useMemo(() => (replay === undefined ? null : { id: replay, status, reload }), [replay]);
  return (
    <section class="chart" aria-labelledby="chart-title">
      <div class="chart-head">
        <a class="back" href={hrefOfSymbol(symbol)}>
          {symbol}
        </a>
        <h1 id="chart-title">{replay === undefined ? 'Chart' : 'Replay'}</h1>
        <ChartControls interval={interval} overlays={overlays} panes={panes} />
        {replay === undefined ? (
          <button type="button" aria-expanded={replayOpen.value} onClick={() => (replayOpen.value = !replayOpen.value)}>
            Replay a day
          </button>
        ) : (
          <a href={hrefOfChart(symbol)}>Back to live</a>
        )}
        <a href={hrefOf('import')}>Import CSV</a>
      </div>
      {replay === undefined && replayOpen.value ? <ReplayPanel symbol={symbol} watch={null} /> : null}
      {watch !== null ? <ReplayPanel symbol={symbol} watch={watch} /> : null}
      {watch === null || status.value !== null ? (
        <ChartBody symbol={symbol} watch={watch} interval={interval} overlays={overlays} panes={panes} />
      ) : null}
      {watch !== null && status.value !== null ? <PracticePanel symbol={symbol} id={watch.id} /> : null}
    </section>
  );
}

/** The chart itself; in replay mode it mounts once the session's status is known (its position). */
function ChartBody(p: {
  symbol: string;
  watch: ReplayWatch | null;
  interval: Signal<ChartInterval>;
  overlays: Signal<ReadonlySet<Overlay>>;
  panes: Signal<ReadonlySet<Pane>>;
}) {
  const s = useServices();
  const box = useRef<HTMLDivElement>(null);
  const w = p.watch;
  const subject: ChartSubject =
    w === null
      ? { kind: 'live', symbol: p.symbol }
      : {
          kind: 'replay',
          symbol: p.symbol,
          replaySymbol: `${p.symbol}@${w.id}`,
          status: w.status,
          reload: w.reload,
          fromMs: w.status.peek()?.fromMs ?? 0,
        };
  const { count, status, note } = useChart(s, subject, p.interval.value, box, {
    overlays: p.overlays,
    panes: p.panes,
  });
  return (
    <>
      {status.value === 'error' ? <div class="empty">Could not load the chart. Check your connection.</div> : null}
      {note.value ? <div class="muted">{note.value}</div> : null}
      <div
        class="chart-box"
        ref={box}
        data-testid="chart"
        data-candles={count.value}
        data-interval={p.interval.value}
        data-status={status.value}
        data-studies={[...p.overlays.value, ...p.panes.value].join(',')}
      />
    </>
  );
}
