import { parseStep } from '@tradewind/shared';
import { expect, test } from 'vitest';
import { CSV_ERRORS_LISTED_MAX, CSV_LINES_MAX, parseCsv } from './parse-csv';

const BTC = { tick: parseStep('0.01'), lot: parseStep('0.0001') };
const AAPL = { tick: parseStep('0.01'), lot: parseStep('1') };
const D = Date.UTC(2024, 0, 2);

const errorsOf = (r: ReturnType<typeof parseCsv>) => (r.ok ? [] : r.errors.map((e) => [e.line, e.column]));

test('Yahoo daily: Date,Open,High,Low,Close,Adj Close,Volume', () => {
  const csv = [
    'Date,Open,High,Low,Close,Adj Close,Volume',
    '2024-01-03,184.22,185.88,183.43,184.25,183.50,58414500',
    '2024-01-02,187.15,188.44,183.89,185.64,184.89,82488700',
  ].join('\n');
  expect(parseCsv(csv, AAPL)).toEqual({
    ok: true,
    layout: 'yahoo',
    interval: '1d',
    bars: [
      [D, 18715, 18844, 18389, 18564, 82488700, 0],
      [D + 86_400_000, 18422, 18588, 18343, 18425, 58414500, 0],
    ],
  });
});

test('Stooq daily, with and without Volume, CRLF and a BOM', () => {
  const withVolume = '\uFEFFDate,Open,High,Low,Close,Volume\r\n2024-01-02,187.15,188.44,183.89,185.64,82488700\r\n';
  expect(parseCsv(withVolume, AAPL)).toMatchObject({
    ok: true,
    layout: 'stooq',
    bars: [[D, 18715, 18844, 18389, 18564, 82488700, 0]],
  });
  const index = 'Date,Open,High,Low,Close\n2024-01-02,4745.2,4754.33,4722.67,4742.83\n';
  expect(parseCsv(index, AAPL)).toMatchObject({
    ok: true,
    layout: 'stooq',
    bars: [[D, 474520, 475433, 472267, 474283, 0, 0]],
  });
});

test('Binance klines, headerless in ms and with header in µs; interval from close_time; volume truncated to lots', () => {
  const t = 1_704_153_600_000; // 2024-01-02T00:00Z
  const row = (ms: number, unit: 'ms' | 'us') => {
    const f = (x: number) => (unit === 'us' ? `${x}000` : String(x));
    return `${f(ms)},42000.10,42010.00,41990.00,42005.50,1.23456789,${f(ms + 59_999)},51000.1,17,0.5,21000.0,0`;
  };
  expect(parseCsv([row(t, 'ms'), row(t + 60_000, 'ms')].join('\n'), BTC)).toEqual({
    ok: true,
    layout: 'binance',
    interval: '1m',
    bars: [
      [t, 4200010, 4201000, 4199000, 4200550, 12345, 17],
      [t + 60_000, 4200010, 4201000, 4199000, 4200550, 12345, 17],
    ],
  });
  const header =
    'open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore';
  expect(parseCsv(`${header}\n${row(t, 'us')}\n`, BTC)).toMatchObject({
    ok: true,
    interval: '1m',
    bars: [[t, 4200010, 4201000, 4199000, 4200550, 12345, 17]],
  });
});

test('every bad row is reported with its line and column, and nothing is returned', () => {
  const csv = [
    'Date,Open,High,Low,Close,Adj Close,Volume',
    '2024-01-02,187.15,188.44,183.89,185.64,184.89,82488700', // good
    '2024-13-02,187.15,188.44,183.89,185.64,184.89,1', // bad month: line 3 col 1
    '2024-01-04,187.155,188.44,183.89,185.64,184.89,1', // off the tick grid: line 4 col 2
    '2024-01-05,null,null,null,null,null,null', // Yahoo's missing day: line 5 cols 2-5, 7
    '2024-01-06,187.15,186.00,183.89,185.64,184.89,1', // high below open: line 6 col 3
    '2024-01-07,187.15,188.44,183.89', // short row: line 7 col 0
    '2024-01-02,187.15,188.44,183.89,185.64,184.89,1', // duplicate date: line 8 col 1
    '2024-01-09,187.15,188.44,-1,185.64,184.89,1', // negative low: line 9 col 4
    '2024-01-10,187.15,188.44,183.89,185.64,184.89,1.5', // volume finer than a lot is truncated (1 lot), not an error
  ].join('\n');
  const r = parseCsv(csv, AAPL);
  expect(r.ok).toBe(false);
  expect(errorsOf(r)).toEqual([
    [3, 1],
    [4, 2],
    [5, 2],
    [5, 3],
    [5, 4],
    [5, 5],
    [5, 7],
    [6, 3],
    [7, 0],
    [8, 1],
    [9, 4],
  ]);
  if (!r.ok) {
    expect(r.errorCount).toBe(11);
    expect(r.errors[1]?.message).toContain('0.01 tick grid');
    expect(r.errors[10]?.message).toContain('Low');
  }
});

test('unknown layout, empty file, header only, unaligned Binance times, unknown interval', () => {
  expect(errorsOf(parseCsv('a,b,c\n1,2,3', BTC))).toEqual([[1, 0]]);
  expect(errorsOf(parseCsv('', BTC))).toEqual([[1, 0]]);
  expect(errorsOf(parseCsv('Date,Open,High,Low,Close,Volume\n', AAPL))).toEqual([[2, 0]]);
  const t = 1_704_153_600_000;
  const unaligned = `${t + 1},1.00,1.00,1.00,1.00,1,${t + 60_000},1,1,1,1,0`;
  expect(errorsOf(parseCsv(unaligned, BTC))).toEqual([[1, 1]]);
  const odd = `${t},1.00,1.00,1.00,1.00,1,${t + 12_345},1,1,1,1,0`;
  expect(errorsOf(parseCsv(odd, BTC))).toEqual([[1, 7]]);
});

test(`a file of ${CSV_LINES_MAX} lines is read; one more is refused whole`, () => {
  const header = 'Date,Open,High,Low,Close,Volume';
  const rows = (n: number) =>
    Array.from(
      { length: n },
      (_, i) => `${new Date(D + i * 86_400_000).toISOString().slice(0, 10)},1.00,1.00,1.00,1.00,1`,
    );
  const atLimit = parseCsv([header, ...rows(CSV_LINES_MAX - 1)].join('\n'), AAPL);
  expect(atLimit.ok && atLimit.bars.length).toBe(CSV_LINES_MAX - 1);
  const past = parseCsv([header, ...rows(CSV_LINES_MAX)].join('\n'), AAPL);
  expect(errorsOf(past)).toEqual([[CSV_LINES_MAX + 1, 0]]);
});

test(`at most ${CSV_ERRORS_LISTED_MAX} errors are listed; the count is always exact`, () => {
  const rows = (n: number) => Array.from({ length: n }, () => 'x');
  const at = parseCsv(['Date,Open,High,Low,Close,Volume', ...rows(CSV_ERRORS_LISTED_MAX)].join('\n'), AAPL);
  const past = parseCsv(['Date,Open,High,Low,Close,Volume', ...rows(CSV_ERRORS_LISTED_MAX + 1)].join('\n'), AAPL);
  expect(at.ok === false && [at.errors.length, at.errorCount]).toEqual([CSV_ERRORS_LISTED_MAX, CSV_ERRORS_LISTED_MAX]);
  expect(past.ok === false && [past.errors.length, past.errorCount]).toEqual([
    CSV_ERRORS_LISTED_MAX,
    CSV_ERRORS_LISTED_MAX + 1,
  ]);
});
