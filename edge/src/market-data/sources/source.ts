import type { Step } from '@tradewind/shared';
import type { Bar } from '../bar';
import type { BarInterval } from '../intervals';

/**
 * Where bars come from, behind one interface: the platform's own recorded bars, an
 * exchange through ccxt, or an imported CSV file. The id is also the `source` column of
 * `market_bars`: sources never overwrite each other's rows.
 */
export type SourceId = 'recorded' | 'csv' | `ccxt:${string}`;

/** Why a source answered less than was asked: the answer is then marked `partial`. */
export type SourceFailure =
  | 'SOURCE_TIMEOUT'
  | 'SOURCE_RATE_LIMITED'
  | 'SOURCE_BAD_RESPONSE'
  | 'SOURCE_UNAVAILABLE'
  | 'SOURCE_PAGE_LIMIT';

/** The grid of an instrument: bars from any source are converted to it exactly. */
export type InstrumentGrid = {
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly tick: Step;
  readonly lot: Step;
};

/** Bars with open time in `[fromMs, toMs)`. */
export type BarQuery = {
  readonly instrument: InstrumentGrid;
  readonly interval: BarInterval;
  readonly fromMs: number;
  readonly toMs: number;
};

/** Bars sorted by open time, all valid and inside the range, plus what went wrong if anything did. */
export type SourceAnswer = { readonly bars: Bar[]; readonly failure: SourceFailure | null };

export type BarSource = {
  readonly id: SourceId;
  fetchBars(query: BarQuery): Promise<SourceAnswer>;
};

export const SOURCE_ID_PATTERN = /^(recorded|csv|ccxt:[a-z0-9]+)$/;

export function isSourceId(value: string): value is SourceId {
  return SOURCE_ID_PATTERN.test(value);
}
