import { Bollinger, Ema, Macd, Rsi, Sma } from '@tradewind/shared/indicators';

/** The studies a chart offers: overlays on the price pane, and panes of their own. */
export const OVERLAYS = ['sma', 'ema', 'bb'] as const;
export const PANES = ['rsi', 'macd'] as const;
export type Overlay = (typeof OVERLAYS)[number];
export type Pane = (typeof PANES)[number];

/** One time's study values; NaN while an indicator warms up. */
export type StudyPoint = {
  sma: number;
  ema: number;
  bbUpper: number;
  bbMiddle: number;
  bbLower: number;
  rsi: number;
  macd: number;
  macdSignal: number;
  macdHist: number;
};

export const STUDY_PARAMS = { sma: 20, ema: 50, bb: [20, 2], rsi: 14, macd: [12, 26, 9] } as const;

/**
 * The streaming indicators of one chart (shared/indicators: O(1) per update). History goes
 * through `push`; a live tick of the forming bar uses `replace`, a new bar `push`.
 */
export class IndicatorSet {
  #sma = new Sma(STUDY_PARAMS.sma);
  #ema = new Ema(STUDY_PARAMS.ema);
  #bb = new Bollinger(...STUDY_PARAMS.bb);
  #rsi = new Rsi(STUDY_PARAMS.rsi);
  #macd = new Macd(...STUDY_PARAMS.macd);

  /** Starts over from a whole history of closes; returns each bar's values. */
  reset(closes: readonly number[]): StudyPoint[] {
    this.#sma = new Sma(STUDY_PARAMS.sma);
    this.#ema = new Ema(STUDY_PARAMS.ema);
    this.#bb = new Bollinger(...STUDY_PARAMS.bb);
    this.#rsi = new Rsi(STUDY_PARAMS.rsi);
    this.#macd = new Macd(...STUDY_PARAMS.macd);
    return closes.map((c) => this.push(c));
  }

  push(close: number): StudyPoint {
    const sma = this.#sma.next(close);
    const ema = this.#ema.next(close);
    this.#bb.next(close);
    const rsi = this.#rsi.next(close);
    this.#macd.next(close);
    return this.#point(sma, ema, rsi);
  }

  replace(close: number): StudyPoint {
    const sma = this.#sma.replaceNext(close);
    const ema = this.#ema.replaceNext(close);
    this.#bb.replaceNext(close);
    const rsi = this.#rsi.replaceNext(close);
    this.#macd.replaceNext(close);
    return this.#point(sma, ema, rsi);
  }

  // `next`/`replaceNext` and the multi-line getters: plain numbers, NaN while an indicator warms
  // up, which is exactly what a StudyPoint holds (nothing to map, nothing allocated but the point).
  #point(sma: number, ema: number, rsi: number): StudyPoint {
    const bb = this.#bb;
    const macd = this.#macd;
    return {
      sma,
      ema,
      bbUpper: bb.upper,
      bbMiddle: bb.middle,
      bbLower: bb.lower,
      rsi,
      macd: macd.macd,
      macdSignal: macd.signal,
      macdHist: macd.histogram,
    };
  }
}
