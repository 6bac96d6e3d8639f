/**
 * What the market watch knows about one symbol. Prices stay the core's exact decimal
 * strings; nothing here is ever a float.
 */
export type Direction = 'up' | 'down';

export type Quote = {
  readonly symbol: string;
  readonly last: string | null;
  readonly bid: string | null;
  readonly ask: string | null;
  /** The price change is measured from: the first trade seen in the current UTC day. */
  readonly ref: string | null;
  /** UTC day number (days since 1970-01-01) of `ref`. */
  readonly refDay: number | null;
  /** The last trade against the one before it; null when flat or unknown. */
  readonly direction: Direction | null;
  /** Trades applied in this page's life: a new value restarts the flash. */
  readonly flashSeq: number;
  /** Venue time of the newest frame, ms since the epoch. */
  readonly updatedAtMs: number | null;
  /** True once a frame arrived on the current live connection; false for remembered prices. */
  readonly fresh: boolean;
};

export const emptyQuote = (symbol: string): Quote => ({
  symbol,
  last: null,
  bid: null,
  ask: null,
  ref: null,
  refDay: null,
  direction: null,
  flashSeq: 0,
  updatedAtMs: null,
  fresh: false,
});

export const MS_PER_DAY = 86_400_000;
export const utcDay = (ms: number): number => Math.floor(ms / MS_PER_DAY);
