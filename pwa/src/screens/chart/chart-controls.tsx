import type { Signal } from '@preact/signals';
import { OVERLAYS, type Overlay, PANES, type Pane } from '../../lib/chart/indicator-set';
import { CHART_INTERVALS, type ChartInterval } from '../../lib/chart/intervals';

const STUDY_LABELS: Record<Overlay | Pane, string> = {
  sma: 'SMA 20',
  ema: 'EMA 50',
  bb: 'Bollinger',
  rsi: 'RSI',
  macd: 'MACD',
};

function toggle<K extends string>(set: Signal<ReadonlySet<K>>, key: K): void {
  const next = new Set(set.value);
  if (!next.delete(key)) next.add(key);
  set.value = next;
}

/** The interval switch and the study toggles above a chart. */
export function ChartControls(p: {
  interval: Signal<ChartInterval>;
  overlays: Signal<ReadonlySet<Overlay>>;
  panes: Signal<ReadonlySet<Pane>>;
}) {
  const check = (k: Overlay | Pane, on: boolean, flip: () => void) => (
    <label key={k}>
      <input type="checkbox" checked={on} onChange={flip} />
      {STUDY_LABELS[k]}
    </label>
  );
  return (
    <>
      <fieldset class="chart-intervals">
        <legend class="chart-legend">Interval</legend>
        {CHART_INTERVALS.map((iv) => (
          <button type="button" key={iv} aria-pressed={p.interval.value === iv} onClick={() => (p.interval.value = iv)}>
            {iv}
          </button>
        ))}
      </fieldset>
      <fieldset class="chart-studies">
        <legend class="chart-legend">Studies</legend>
        {OVERLAYS.map((k) => check(k, p.overlays.value.has(k), () => toggle(p.overlays, k)))}
        {PANES.map((k) => check(k, p.panes.value.has(k), () => toggle(p.panes, k)))}
      </fieldset>
    </>
  );
}
