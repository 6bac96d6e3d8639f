import { type ChartBar, parseBars, prependBars, toChartBars } from '../../lib/chart/bars';
import { type CandlesAnswer, fetchCandles } from '../../lib/chart/candles-api';
import { IndicatorSet, type StudyPoint } from '../../lib/chart/indicator-set';
import { BARS_PER_PAGE, type ChartInterval, INTERVAL_MS, PAGES_MAX } from '../../lib/chart/intervals';
import { LiveBars } from '../../lib/chart/live-bars';

/**
 * The data side of one chart (symbol × interval): the first page of history, older pages
 * scrolled in on demand, and live trades folded into the last bar. The screen draws what
 * `onChange` hands it; everything here is plain data, testable without a canvas.
 */
export type ChartUpdate =
  | { kind: 'all'; bars: readonly ChartBar[]; points: readonly StudyPoint[]; prepended: number }
  | { kind: 'last'; bar: ChartBar; point: StudyPoint; count: number };

export class ChartLoader {
  readonly #symbol: string;
  readonly #interval: ChartInterval;
  readonly #onChange: (u: ChartUpdate) => void;
  readonly #fetch: typeof fetch;
  readonly #indicators = new IndicatorSet();
  #bars: ChartBar[] = [];
  #live: LiveBars;
  #pages = 0;
  #loadingOlder = false;
  #reachedStart = false;
  #closed = false;
  partial: CandlesAnswer['reason'] = null;

  constructor(o: { symbol: string; interval: ChartInterval; onChange(u: ChartUpdate): void; fetch?: typeof fetch }) {
    this.#symbol = o.symbol;
    this.#interval = o.interval;
    this.#onChange = o.onChange;
    this.#fetch = o.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#live = new LiveBars(INTERVAL_MS[o.interval], null);
  }

  get count(): number {
    return this.#bars.length;
  }

  async #page(to: number, latest: boolean): Promise<ChartBar[]> {
    const ms = INTERVAL_MS[this.#interval];
    const from = Math.max(0, to - BARS_PER_PAGE * ms);
    const query = { symbol: this.#symbol, interval: this.#interval, from, to };
    const answer = await fetchCandles(query, this.#fetch, { keepOffline: latest });
    this.partial = answer.reason;
    this.#pages += 1;
    return toChartBars(parseBars(answer.bars), answer.tickSize, answer.lotSize);
  }

  /** The latest page, up to and including the bar in progress. */
  async start(nowMs: number): Promise<void> {
    const ms = INTERVAL_MS[this.#interval];
    const history = await this.#page(Math.floor(nowMs / ms) * ms + ms, true);
    if (this.#closed) return;
    // Live trades may have opened bars while the page was on its way: keep the newer ones.
    this.#bars = prependBars(history, this.#bars);
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

  /** One live trade (decimal strings from core's `trades.<SYM>`). */
  trade(price: string, qty: string, tsMs: number): void {
    const applied = this.#live.apply(Number(price), Number(qty), tsMs);
    if (applied === null) return;
    const { bar, opened } = applied;
    if (opened) this.#bars.push(bar);
    else this.#bars[this.#bars.length - 1] = bar;
    const point = opened ? this.#indicators.push(bar.close) : this.#indicators.replace(bar.close);
    this.#onChange({ kind: 'last', bar, point, count: this.#bars.length });
  }

  close(): void {
    this.#closed = true;
  }

  #redraw(prepended: number): void {
    const points = this.#indicators.reset(this.#bars.map((b) => b.close));
    this.#live = new LiveBars(INTERVAL_MS[this.#interval], this.#bars.at(-1) ?? null);
    this.#onChange({ kind: 'all', bars: this.#bars, points, prepended });
  }
}
