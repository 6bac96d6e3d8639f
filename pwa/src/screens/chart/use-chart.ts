import { type Signal, useSignal } from '@preact/signals';
import type { ReplayStatusFrame } from '@tradewind/shared/protocol';
import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { Services } from '../../app/services';
import type { Overlay, Pane } from '../../lib/chart/indicator-set';
import type { ChartInterval } from '../../lib/chart/intervals';
import type { TimerHandle } from '../../lib/util/scheduler';
import { ChartLoader, type ChartUpdate } from './chart-loader';
import type { ChartView } from './chart-view';

export type ChartState = {
  readonly count: Signal<number>;
  readonly status: Signal<'loading' | 'ready' | 'error'>;
  readonly note: Signal<string | null>;
};

type Studies = { overlays: Signal<ReadonlySet<Overlay>>; panes: Signal<ReadonlySet<Pane>> };

/** What the chart shows: the live market, or a replay session standing at its own moment. */
export type ChartSubject =
  | { readonly kind: 'live'; readonly symbol: string }
  | {
      readonly kind: 'replay';
      readonly symbol: string;
      /** `<SYM>@<id>`: the session's topics. */
      readonly replaySymbol: string;
      /** The session's last status (written here from its topic; the screen draws the progress). */
      readonly status: Signal<ReplayStatusFrame | null>;
      /** Bumped by the screen after a seek: the chart reloads at the new position. */
      readonly reload: Signal<number>;
      readonly fromMs: number;
    };

/** After a gap, one reload per this long at most (a replay at max speed conflates often). */
export const RESYNC_MS_MIN = 1_000;

/**
 * One chart's life: loads lightweight-charts (a lazy chunk) and the history from edge's cached
 * bars, then follows core's closed 1-second bars (`bars1s.<SYM>`, or the replay's own topic);
 * a gap in them reloads the history. Redone when the subject or interval changes.
 */
export function useChart(
  s: Services,
  subject: ChartSubject,
  iv: ChartInterval,
  box: RefObject<HTMLDivElement | null>,
  studies: Studies,
): ChartState {
  const count = useSignal(0);
  const status = useSignal<'loading' | 'ready' | 'error'>('loading');
  const note = useSignal<string | null>(null);
  const view = useRef<ChartView | null>(null);
  const feedSymbol = subject.kind === 'live' ? subject.symbol : subject.replaySymbol;
  const reload = subject.kind === 'replay' ? subject.reload.value : 0;
  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const chart = new ChartRun(s, subject, iv, { count, status, note }, view);
    void import('./chart-view').then(({ createChartView }) => chart.begin(el, createChartView, studies));
    return () => chart.end();
  }, [feedSymbol, iv, reload]);
  useEffect(
    () => view.current?.setStudies(studies.overlays.value, studies.panes.value),
    [studies.overlays.value, studies.panes.value],
  );
  return { count, status, note };
}

/** The loader, the view and the live feed of one chart, from `begin` to `end`. */
class ChartRun {
  #loader: ChartLoader | null = null;
  #closed = false;
  #stopFeed = () => {};
  #resync: TimerHandle | undefined;
  #lastResyncMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly s: Services,
    private readonly subject: ChartSubject,
    private readonly iv: ChartInterval,
    private readonly state: ChartState,
    private readonly view: { current: ChartView | null },
  ) {}

  begin(el: HTMLDivElement, create: typeof import('./chart-view').createChartView, studies: Studies): void {
    if (this.#closed) return;
    this.view.current = create(el, {
      secondsVisible: this.iv === '1s',
      onNeedOlder: () => void this.#loader?.loadOlder().catch(() => {}),
    });
    this.view.current.setStudies(studies.overlays.peek(), studies.panes.peek());
    const subject = this.subject;
    const feed = subject.kind === 'live' ? subject.symbol : subject.replaySymbol;
    this.#stopFeed = this.s.chart.follow(feed, {
      onBar: (f) => this.#loader?.bar(f),
      onGap: () => this.#scheduleResync(),
      onStatus: (f) => {
        if (subject.kind === 'replay') subject.status.value = f;
      },
    });
    void this.#load();
  }

  end(): void {
    this.#closed = true;
    this.#loader?.close();
    this.#stopFeed();
    if (this.#resync) this.s.scheduler.clearTimeout(this.#resync);
    this.view.current?.destroy();
    this.view.current = null;
  }

  /** Where the chart stands: now, or the replay's position. */
  #nowMs(): number {
    const subject = this.subject;
    if (subject.kind === 'live') return this.s.scheduler.nowMs();
    return subject.status.peek()?.positionMs ?? subject.fromMs;
  }

  async #load(): Promise<void> {
    this.#loader?.close();
    const apply = (u: ChartUpdate) => {
      if (u.kind === 'all') this.view.current?.setData(u.bars, u.points, u.prepended);
      else this.view.current?.updateLast(u.bar, u.point);
      this.state.count.value = u.kind === 'all' ? u.bars.length : u.count;
    };
    const replay = this.subject.kind === 'replay';
    const loader = new ChartLoader({ symbol: this.subject.symbol, interval: this.iv, onChange: apply, replay });
    this.#loader = loader;
    try {
      await loader.start(this.#nowMs());
      if (this.#closed || this.#loader !== loader) return;
      this.state.status.value = 'ready';
      this.state.note.value = loader.partial ? `Some history is missing (${loader.partial}).` : null;
    } catch {
      if (!this.#closed && this.#loader === loader) this.state.status.value = 'error';
    }
  }

  #scheduleResync(): void {
    if (this.#resync !== undefined || this.#closed) return;
    const waitMs = Math.max(0, this.#lastResyncMs + RESYNC_MS_MIN - this.s.scheduler.nowMs());
    this.#resync = this.s.scheduler.setTimeout(() => {
      this.#resync = undefined;
      this.#lastResyncMs = this.s.scheduler.nowMs();
      void this.#load();
    }, waitMs);
  }
}
