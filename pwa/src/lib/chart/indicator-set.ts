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
    return this.#point('update', close);
  }

  replace(close: number): StudyPoint {
    return this.#point('replace', close);
  }

  #point(op: 'update' | 'replace', close: number): StudyPoint {
    const n = (v: number | undefined) => v ?? Number.NaN;
    const bb = this.#bb[op](close);
    const macd = this.#macd[op](close);
    return {
      sma: n(this.#sma[op](close)),
      ema: n(this.#ema[op](close)),
      bbUpper: n(bb?.upper),
      bbMiddle: n(bb?.middle),
      bbLower: n(bb?.lower),
      rsi: n(this.#rsi[op](close)),
      macd: n(macd?.macd),
      macdSignal: n(macd?.signal),
      macdHist: n(macd?.histogram),
    };
  }
}
