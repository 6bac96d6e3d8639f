/**
 * The CSV layouts we import, recognised by their header (or, for Binance's headerless
 * kline dumps, by the shape of the first row).
 *
 * - `binance`: data.binance.vision kline files, `open_time,open,high,low,close,volume,
 *   close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore`, with
 *   or without that header; times in ms (µs in spot files since 2025, detected by size).
 * - `yahoo`: Yahoo Finance daily history `Date,Open,High,Low,Close,Adj Close,Volume`.
 * - `stooq`: Stooq daily history `Date,Open,High,Low,Close,Volume` (indices omit Volume).
 */
export type CsvLayout = 'binance' | 'yahoo' | 'stooq';

/** Column positions (0-based) of the fields we read; `volume`/`count` may be absent. */
export type LayoutColumns = {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number | null;
  readonly count: number | null;
  /** Binance's close_time: tells the interval. */
  readonly closeTime: number | null;
  readonly width: number;
  readonly names: readonly string[];
};

const BINANCE_NAMES = [
  'open_time',
  'open',
  'high',
  'low',
  'close',
  'volume',
  'close_time',
  'quote_volume',
  'count',
  'taker_buy_volume',
  'taker_buy_quote_volume',
  'ignore',
];
const YAHOO_NAMES = ['Date', 'Open', 'High', 'Low', 'Close', 'Adj Close', 'Volume'];
const STOOQ_NAMES = ['Date', 'Open', 'High', 'Low', 'Close', 'Volume'];

export const LAYOUTS: Readonly<Record<CsvLayout, LayoutColumns>> = {
  binance: {
    time: 0,
    open: 1,
    high: 2,
    low: 3,
    close: 4,
    volume: 5,
    count: 8,
    closeTime: 6,
    width: 12,
    names: BINANCE_NAMES,
  },
  yahoo: {
    time: 0,
    open: 1,
    high: 2,
    low: 3,
    close: 4,
    volume: 6,
    count: null,
    closeTime: null,
    width: 7,
    names: YAHOO_NAMES,
  },
  stooq: {
    time: 0,
    open: 1,
    high: 2,
    low: 3,
    close: 4,
    volume: 5,
    count: null,
    closeTime: null,
    width: 6,
    names: STOOQ_NAMES,
  },
};

const STOOQ_NO_VOLUME: LayoutColumns = { ...LAYOUTS.stooq, volume: null, width: 5, names: STOOQ_NAMES.slice(0, 5) };

export type Detected = { layout: CsvLayout; columns: LayoutColumns; hasHeader: boolean };

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x.trim().toLowerCase() === (b[i] ?? '').toLowerCase());

/** The layout of a file from its first line, or null when it is none we know. */
export function detectLayout(firstLine: readonly string[]): Detected | null {
  if (same(firstLine, YAHOO_NAMES)) return { layout: 'yahoo', columns: LAYOUTS.yahoo, hasHeader: true };
  if (same(firstLine, STOOQ_NAMES)) return { layout: 'stooq', columns: LAYOUTS.stooq, hasHeader: true };
  if (same(firstLine, STOOQ_NO_VOLUME.names)) return { layout: 'stooq', columns: STOOQ_NO_VOLUME, hasHeader: true };
  if (same(firstLine, BINANCE_NAMES)) return { layout: 'binance', columns: LAYOUTS.binance, hasHeader: true };
  if (firstLine.length === 12 && /^\d{13}(\d{3})?$/.test(firstLine[0] ?? '')) {
    return { layout: 'binance', columns: LAYOUTS.binance, hasHeader: false };
  }
  return null;
}
