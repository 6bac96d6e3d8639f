import type { Step } from '@tradewind/shared';
import type { Bar } from '../../bar';
import { type BarInterval, INTERVAL_MS } from '../../intervals';
import { priceToTicks, volumeToLots } from '../grid';
import { type CsvLayout, detectLayout, type LayoutColumns } from './layouts';

/** Lines read from one file (header included); a longer file is refused whole. */
export const CSV_LINES_MAX = 200_000;
/** Errors listed in a rejection; the total count is always given. */
export const CSV_ERRORS_LISTED_MAX = 1_000;

/** `line` and `column` are 1-based, as an editor shows them; column 0 means the whole line. */
export type CsvError = { readonly line: number; readonly column: number; readonly message: string };

export type CsvParsed =
  | { ok: true; layout: CsvLayout; interval: BarInterval; bars: Bar[] }
  | { ok: false; errors: CsvError[]; errorCount: number };

type Grid = { readonly tick: Step; readonly lot: Step };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `2024-01-31` → ms at 00:00 UTC, or null when not a real calendar date. */
function dateToMs(text: string): number | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === text ? ms : null;
}

/** Binance times: ms (13 digits) or µs (16 digits, spot files since 2025). */
function epochToMs(text: string): number | null {
  if (/^\d{13}$/.test(text)) return Number(text);
  if (/^\d{16}$/.test(text)) return Number(text.slice(0, 13));
  return null;
}

class RowReader {
  constructor(
    readonly cols: LayoutColumns,
    readonly grid: Grid,
    readonly errors: CsvError[],
  ) {}

  fail(line: number, column: number, message: string): null {
    this.errors.push({ line, column, message });
    return null;
  }

  price(fields: readonly string[], i: number, line: number): number | null {
    const text = (fields[i] ?? '').trim();
    const ticks = priceToTicks(text, this.grid.tick);
    if (ticks !== null) return ticks;
    const name = this.cols.names[i];
    return this.fail(
      line,
      i + 1,
      `${name}: ${JSON.stringify(text)} is not a positive price on the ${this.grid.tick.text} tick grid`,
    );
  }

  integer(
    fields: readonly string[],
    i: number | null,
    line: number,
    what: (t: string) => number | null,
  ): number | null {
    if (i === null) return 0;
    const text = (fields[i] ?? '').trim();
    const n = what(text);
    return n !== null ? n : this.fail(line, i + 1, `${this.cols.names[i]}: ${JSON.stringify(text)} is not valid`);
  }

  /** One data row → a bar, or null after recording every problem it has. */
  row(fields: readonly string[], line: number, binance: boolean): Bar | null {
    const c = this.cols;
    if (fields.length !== c.width) return this.fail(line, 0, `expected ${c.width} columns, found ${fields.length}`);
    const before = this.errors.length;
    const timeText = (fields[c.time] ?? '').trim();
    const t = binance ? epochToMs(timeText) : dateToMs(timeText);
    if (t === null) this.fail(line, c.time + 1, `${c.names[c.time]}: ${JSON.stringify(timeText)} is not a valid time`);
    const [o, h, l, cl] = [c.open, c.high, c.low, c.close].map((i) => this.price(fields, i, line));
    const v = this.integer(fields, c.volume, line, (x) => volumeToLots(x, this.grid.lot));
    const n = this.integer(fields, c.count, line, (x) => (/^\d{1,9}$/.test(x) ? Number(x) : null));
    if (this.errors.length > before) return null;
    const bar = [t, o, h, l, cl, v, n] as unknown as Bar;
    if ((h as number) < Math.max(o as number, cl as number))
      return this.fail(line, c.high + 1, 'High is below Open or Close');
    if ((l as number) > Math.min(o as number, cl as number))
      return this.fail(line, c.low + 1, 'Low is above Open or Close');
    return bar;
  }
}

/** The interval of Binance rows from close_time − open_time + 1 ms. */
function binanceInterval(fields: readonly string[], cols: LayoutColumns): BarInterval | null {
  const open = epochToMs(fields[cols.time] ?? '');
  const close = epochToMs(fields[cols.closeTime ?? 0] ?? '');
  if (open === null || close === null) return null;
  const span = close - open + 1;
  const found = Object.entries(INTERVAL_MS).find(([, ms]) => ms === span);
  return found ? (found[0] as BarInterval) : null;
}

export function splitLines(text: string): string[] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lines = body.split(/\r?\n/);
  while (lines.length > 0 && lines.at(-1)?.trim() === '') lines.pop();
  return lines;
}

function rejected(errors: CsvError[]): CsvParsed {
  return { ok: false, errors: errors.slice(0, CSV_ERRORS_LISTED_MAX), errorCount: errors.length };
}

/** Bars in time order, with each interval boundary and duplicate checked. */
function finish(bars: { bar: Bar; line: number }[], interval: BarInterval, errors: CsvError[]): Bar[] {
  const ms = INTERVAL_MS[interval];
  const seen = new Map<number, number>();
  for (const { bar, line } of bars) {
    if (bar[0] % ms !== 0) errors.push({ line, column: 1, message: `time is not aligned to the ${interval} interval` });
    const first = seen.get(bar[0]);
    if (first !== undefined) errors.push({ line, column: 1, message: `duplicate time (first at line ${first})` });
    else seen.set(bar[0], line);
  }
  return bars.map((b) => b.bar).sort((a, b) => a[0] - b[0]);
}

/**
 * Parses a whole CSV file into bars on the instrument's grid. Every bad row is reported
 * with its line and column; a file with any error yields no bars at all.
 */
export function parseCsv(text: string, grid: Grid): CsvParsed {
  const lines = splitLines(text);
  if (lines.length === 0) return rejected([{ line: 1, column: 0, message: 'the file is empty' }]);
  if (lines.length > CSV_LINES_MAX) {
    return rejected([{ line: CSV_LINES_MAX + 1, column: 0, message: `more than ${CSV_LINES_MAX} lines` }]);
  }
  const detected = detectLayout((lines[0] as string).split(','));
  if (detected === null) {
    return rejected([{ line: 1, column: 0, message: 'unknown layout: expected a Binance kline, Yahoo or Stooq CSV' }]);
  }
  const { layout, columns, hasHeader } = detected;
  const start = hasHeader ? 1 : 0;
  if (lines.length <= start) return rejected([{ line: 2, column: 0, message: 'the file has a header and no rows' }]);
  const binance = layout === 'binance';
  const errors: CsvError[] = [];
  const interval = binance ? binanceInterval((lines[start] as string).split(','), columns) : '1d';
  if (interval === null) errors.push({ line: start + 1, column: 7, message: 'close_time does not match any interval' });
  const reader = new RowReader(columns, grid, errors);
  const rows: { bar: Bar; line: number }[] = [];
  for (let i = start; i < lines.length; i += 1) {
    const bar = reader.row((lines[i] as string).split(','), i + 1, binance);
    if (bar !== null) rows.push({ bar, line: i + 1 });
  }
  const bars = interval === null ? [] : finish(rows, interval, errors);
  if (errors.length > 0 || interval === null)
    return rejected(errors.sort((a, b) => a.line - b.line || a.column - b.column));
  return { ok: true, layout, interval, bars };
}
