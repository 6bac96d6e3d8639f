import type { Bar1sFrame } from '@tradewind/shared/protocol';
import { type ChartBar, parseBars, prependBars, toChartBars } from '../../lib/chart/bars';
import { type CandlesAnswer, fetchCandles } from '../../lib/chart/candles-api';
import { IndicatorSet, type StudyPoint } from '../../lib/chart/indicator-set';
import { BARS_PER_PAGE, type ChartInterval, INTERVAL_MS, PAGES_MAX } from '../../lib/chart/intervals';
import { type FineBar, LiveBars } from '../../lib/chart/live-bars';

/**
 * The data side of one chart (symbol × interval): the first page of history from edge's
 * cached bars, the bar in progress rebuilt from finer bars, older pages scrolled in on demand,
 * and core's closed 1-second bars folded into the last bar. The screen draws what `onChange`
 * hands it; everything here is plain data, testable without a canvas.
 */
export type ChartUpdate =
  | { kind: 'all'; bars: readonly ChartBar[]; points: readonly StudyPoint[]; prepended: number }
  | { kind: 'last'; bar: ChartBar; point: StudyPoint; count: number };

/** A 1-second bar as core sends it (`bars1s.<SYM>`): decimal strings. */
export type WireBar1s = Pick<Bar1sFrame, 'openTimeMs' | 'open' | 'high' | 'low' | 'close' | 'volume'>;

/** Fine bars kept while the history is on its way (then folded in); past it the oldest go. */
export const PENDING_BARS_MAX = 3_600;

export type ChartLoaderOptions = {
  symbol: string;
  interval: ChartInterval;
  onChange(u: ChartUpdate): void;
  fetch?: typeof fetch;
  /**
   * Replay: the chart stands at a past moment, so the history stops strictly before it (edge
   * has the whole bar of that moment, future included) and is not kept for offline use.
   */
  replay?: boolean;
};

export class ChartLoader {
  readonly #o: ChartLoaderOptions;
  readonly #fetch: typeof fetch;
  readonly #indicators = new IndicatorSet();
  #bars: ChartBar[] = [];
  #live: LiveBars | null = null;
  #pending: FineBar[] = [];
  #pages = 0;
  #loadingOlder = false;
  #reachedStart = false;
  #closed = false;
  partial: CandlesAnswer['reason'] = null;

  constructor(o: ChartLoaderOptions) {
    this.#o = o;
    this.#fetch = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  get count(): number {
    return this.#bars.length;
  }

  async #candles(interval: ChartInterval, from: number, to: number, keepOffline: boolean) {
    const answer = await fetchCandles({ symbol: this.#o.symbol, interval, from, to }, this.#fetch, { keepOffline });
    return { answer, bars: toChartBars(parseBars(answer.bars), answer.tickSize, answer.lotSize) };
  }

  async #page(to: number, latest: boolean): Promise<ChartBar[]> {
    const from = Math.max(0, to - BARS_PER_PAGE * INTERVAL_MS[this.#o.interval]);
    const { answer, bars } = await this.#candles(this.#o.interval, from, to, latest && !this.#o.replay);
    this.partial = answer.reason;
    this.#pages += 1;
    return bars;
  }

  /**
   * The bar in progress at `nowMs`, from finer closed bars (edge stores a bar once it closed):
   * 1-second bars since it opened, or for a day 1-minute bars then the current minute's seconds.
   * Offline or failing, the bar simply starts with the next live one.
   */
  async #inProgress(nowMs: number): Promise<FineBar[]> {
    const iv = this.#o.interval;
    if (iv === '1s') return [];
    const open = Math.floor(nowMs / INTERVAL_MS[iv]) * INTERVAL_MS[iv];
    const minute = Math.floor(nowMs / 60_000) * 60_000;
    const parts: [ChartInterval, number, number][] =
      iv === '1d'
        ? [
            ['1m', open, minute],
            ['1s', minute, nowMs],
          ]
        : [['1s', open, nowMs]];
    const out: FineBar[] = [];
    for (const [fine, from, to] of parts) {
      if (to <= from) continue;
      const got = await this.#candles(fine, from, to, false).catch(() => null);
      for (const b of got?.bars ?? []) out.push({ ...b, timeMs: b.time * 1000 });
    }
    return out;
  }

  /** The history up to `nowMs` and the bar in progress; live bars that came meanwhile are folded after. */
  async start(nowMs: number): Promise<void> {
    const ms = INTERVAL_MS[this.#o.interval];
    const open = Math.floor(nowMs / ms) * ms;
    const history = await this.#page(this.#o.replay ? open : open + ms, true);
    const fine = await this.#inProgress(nowMs);
    if (this.#closed) return;
    this.#bars = history;
    const live = new LiveBars(ms, history.at(-1) ?? null);
    for (const b of [...fine, ...this.#pending]) this.#fold(live, b);
    this.#pending = [];
    this.#live = live;
    this.#redraw(0);
  }

  /** Asks for the page before the oldest bar shown; at most PAGES_MAX pages per chart. */
  async loadOlder(): Promise<void> {
    const first = this.#bars[0];
    if (this.#loadingOlder || this.#reachedStart || this.#pages >= PAGES_MAX || first === undefined) return;
    this.#loadingOlder = true;
    try {
      const older = await this.#page(first.time * 1000, false);
      if (this.#closed) return;
      if (older.length === 0) this.#reachedStart = true;
      const before = this.#bars.length;
      this.#bars = prependBars(older, this.#bars);
      this.#redraw(this.#bars.length - before);
    } finally {
      this.#loadingOlder = false;
    }
  }

  /** One closed 1-second bar from core. */
  bar(w: WireBar1s): void {
    const b: FineBar = {
      timeMs: w.openTimeMs,
      open: Number(w.open),
      high: Number(w.high),
      low: Number(w.low),
      close: Number(w.close),
      volume: Number(w.volume),
    };
    const live = this.#live;
    if (live === null) {
      this.#pending.push(b);
      if (this.#pending.length > PENDING_BARS_MAX) this.#pending.shift();
      return;
    }
    const applied = this.#fold(live, b);
    if (applied === null) return;
    const { bar, opened } = applied;
    const point = opened ? this.#indicators.push(bar.close) : this.#indicators.replace(bar.close);
    this.#o.onChange({ kind: 'last', bar, point, count: this.#bars.length });
  }

  close(): void {
    this.#closed = true;
  }

  #fold(live: LiveBars, b: FineBar) {
    const applied = live.apply(b);
    if (applied === null) return null;
    if (applied.opened) this.#bars.push(applied.bar);
    else this.#bars[this.#bars.length - 1] = applied.bar;
    return applied;
  }

  #redraw(prepended: number): void {
    const points = this.#indicators.reset(this.#bars.map((b) => b.close));
    this.#o.onChange({ kind: 'all', bars: this.#bars, points, prepended });
  }
}
