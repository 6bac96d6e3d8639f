import { effect, type Signal, useSignal } from '@preact/signals';
import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Services } from '../../app/services';
import type { Overlay, Pane } from '../../lib/chart/indicator-set';
import type { ChartInterval } from '../../lib/chart/intervals';
import { ChartLoader, type ChartUpdate } from './chart-loader';
import type { ChartView } from './chart-view';

export type ChartState = {
  readonly count: Signal<number>;
  readonly status: Signal<'loading' | 'ready' | 'error'>;
  readonly note: Signal<string | null>;
};

type Studies = { overlays: Signal<ReadonlySet<Overlay>>; panes: Signal<ReadonlySet<Pane>> };

/**
 * One chart's life: loads lightweight-charts (a lazy chunk), the latest history page, then
 * live trades; redone when the symbol or interval changes, torn down on leaving.
 */
export function useChart(
  s: Services,
  symbol: string,
  iv: ChartInterval,
  box: RefObject<HTMLDivElement | null>,
  studies: Studies,
): ChartState {
  const count = useSignal(0);
  const status = useSignal<'loading' | 'ready' | 'error'>('loading');
  const note = useSignal<string | null>(null);
  const view = useRef<ChartView | null>(null);
  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    let closed = false;
    let loader: ChartLoader | null = null;
    let stopLive = () => {};
    status.value = 'loading';
    count.value = 0;
    const apply = (u: ChartUpdate) => {
      if (u.kind === 'all') view.current?.setData(u.bars, u.points, u.prepended);
      else view.current?.updateLast(u.bar, u.point);
      count.value = u.kind === 'all' ? u.bars.length : u.count;
    };
    void import('./chart-view').then(async ({ createChartView }) => {
      if (closed) return;
      const l = new ChartLoader({ symbol, interval: iv, onChange: apply });
      loader = l;
      view.current = createChartView(el, {
        secondsVisible: iv === '1s',
        onNeedOlder: () => void l.loadOlder().catch(() => {}),
      });
      view.current.setStudies(studies.overlays.peek(), studies.panes.peek());
      try {
        await l.start(s.scheduler.nowMs());
        status.value = 'ready';
        note.value = l.partial ? `Some history is missing (${l.partial}).` : null;
      } catch {
        status.value = 'error';
      }
      if (!closed) stopLive = followTrades(s.tape.of(symbol), l);
    });
    return () => {
      closed = true;
      loader?.close();
      stopLive();
      view.current?.destroy();
      view.current = null;
    };
  }, [symbol, iv]);
  useEffect(
    () => view.current?.setStudies(studies.overlays.value, studies.panes.value),
    [studies.overlays.value, studies.panes.value],
  );
  return { count, status, note };
}

type Tape = { value: readonly { seq: number; price: string; qty: string; ts: number }[] };

/** Feeds the symbol's live trades (newest first in the tape) to the loader, each once, in order. */
function followTrades(tape: Tape, loader: ChartLoader): () => void {
  let lastSeq = -1;
  return effect(() => {
    const fresh = tape.value.filter((t) => t.seq > lastSeq).reverse();
    for (const t of fresh) loader.trade(t.price, t.qty, t.ts);
    const newest = tape.value[0];
    if (newest !== undefined) lastSeq = Math.max(lastSeq, newest.seq);
  });
}
