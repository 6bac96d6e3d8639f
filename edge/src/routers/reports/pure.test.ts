import { parseStep } from '@tradewind/shared';
import { computePerformance } from '@tradewind/shared/metrics';
import type { FillView } from '@tradewind/shared/protocol';
import { describe, expect, test } from 'vitest';
import { CSV_BOM, csvField, toCsv } from './csv';
import { minorOf, notionalMinorOf } from './decimal-money';
import { htmlReport } from './html-report';
import { performanceOf } from './performance';
import { closedTripsIn, roundTripFillOf } from './round-trip-fills';
import { buildTransactionReport } from './transactions';

describe('CSV (RFC 4180, spreadsheet-safe)', () => {
  test('fields with commas, quotes and newlines are quoted with quotes doubled; plain ones are not', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    expect(csvField(null)).toBe('');
    expect(csvField(12.5)).toBe('12.5');
  });

  test('text that a spreadsheet would run as a formula gets a leading apostrophe; negative numbers stay numbers', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvField('+1+1')).toBe("'+1+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('-12.50')).toBe('-12.50');
    expect(csvField('-3')).toBe('-3');
  });

  test('a document starts with a BOM, ends every line with CRLF, and a field with a newline stays one record', () => {
    const doc = toCsv(
      ['a', 'b'],
      [
        ['1', 'x,y'],
        ['2', 'multi\nline'],
      ],
    );
    expect(doc).toBe(`${CSV_BOM}a,b\r\n1,"x,y"\r\n2,"multi\nline"\r\n`);
  });
});

describe('money of fills', () => {
  test('trade values round half to even at the currency scale, like the engine', () => {
    expect(notionalMinorOf('96500.00', '0.0010', 2)).toBe(9_650n);
    expect(notionalMinorOf('0.05', '0.1', 2)).toBe(0n); // 0.005 → 0.00 (half to even)
    expect(notionalMinorOf('0.15', '0.1', 2)).toBe(2n); // 0.015 → 0.02
    expect(minorOf('-12.34', 2)).toBe(-1_234n);
  });
});

const fill = (
  side: 'buy' | 'sell',
  price: string,
  quantity: string,
  fee: string,
  tsMs: number,
  id: number,
): FillView => ({
  tradeId: String(id),
  orderId: String(id),
  clientOrderId: `c${id}`,
  accountId: 'a',
  symbol: 'BTC-USD',
  side,
  price,
  quantity,
  fee,
  liquidity: 'taker',
  tsMs,
});

describe('transaction report', () => {
  const fills = [fill('buy', '100.00', '2.0000', '0.10', 1, 1), fill('sell', '110.00', '1.0000', '0.06', 2, 2)];
  const ledger = {
    currency: 'USD',
    currencyScale: 2,
    deposits: [{ accountId: 'a', atMs: 0, amountMinor: 1_000_00n }],
    transfers: [],
    projectedMinor: 909_84n,
    realisedPnl: ['10.00'],
  };

  test('deposit, fills with value and fee, running balance; the closing balance reconciles with the projected one', () => {
    const r = buildTransactionReport(ledger, fills, true);
    expect(r.rows.map((x) => [x.kind, x.amount, x.fee, x.balance])).toEqual([
      ['deposit', '1000.00', '0.00', '1000.00'],
      ['buy', '-200.00', '0.10', '799.90'],
      ['sell', '110.00', '0.06', '909.84'],
    ]);
    expect(r.totals).toEqual({
      deposits: '1000.00',
      transfers: '0.00',
      bought: '200.00',
      sold: '110.00',
      fees: '0.16',
      realisedPnl: '10.00',
      closingBalance: '909.84',
    });
    expect(r.reconciled).toBe(true);
  });

  test('a sub-account: no deposit, its allocation as a transfer in, in time order with its fills; the parent shows it going out', () => {
    const sub = buildTransactionReport(
      {
        ...ledger,
        deposits: [],
        transfers: [{ accountId: 's', atMs: 1, amountMinor: 500_00n }],
        projectedMinor: 409_84n,
      },
      fills.map((f) => ({ ...f, tsMs: f.tsMs + 1 })),
      true,
    );
    expect(sub.rows.map((x) => [x.kind, x.amount, x.balance])).toEqual([
      ['transfer', '500.00', '500.00'],
      ['buy', '-200.00', '299.90'],
      ['sell', '110.00', '409.84'],
    ]);
    expect(sub.reconciled).toBe(true);
    const parent = buildTransactionReport(
      { ...ledger, transfers: [{ accountId: 'a', atMs: 5, amountMinor: -500_00n }], projectedMinor: 500_00n },
      [],
      true,
    );
    expect(parent.rows.map((x) => [x.kind, x.amount, x.balance])).toEqual([
      ['deposit', '1000.00', '1000.00'],
      ['transfer', '-500.00', '500.00'],
    ]);
    expect(parent.totals.transfers).toBe('-500.00');
    expect(parent.reconciled).toBe(true);
  });

  test('a balance that does not match (a missing fill) is reported as not reconciled', () => {
    expect(buildTransactionReport(ledger, fills.slice(0, 1), true).reconciled).toBe(false);
    expect(buildTransactionReport(ledger, fills, false).reconciled).toBe(false);
  });
});

describe('performance of a hand-checkable equity curve', () => {
  const day = 86_400_000;
  const t0 = Date.UTC(2026, 0, 30);
  // 1000 → 1100 (+10 %) → 990 (−10 % from the peak) → 1089 (+10 %): three daily returns.
  const points = [1_000_00n, 1_100_00n, 990_00n, 1_089_00n].map((equityMinor, i) => ({
    timeMs: t0 + i * day,
    equityMinor,
  }));

  test('total return, max drawdown and the drawdown series are what arithmetic says, money as decimals', () => {
    const p = performanceOf(points, 'USD', 2, { feesMinor: 0n, turnoverMinor: 0n });
    expect(p.metrics?.totalReturnRatio).toBeCloseTo(0.089, 12);
    expect(p.metrics?.maxDrawdownRatio).toBeCloseTo(0.1, 12);
    expect(p.metrics?.startEquityMinor).toBe('1000.00');
    expect(p.metrics?.endEquityMinor).toBe('1089.00');
    expect(p.series.equity).toEqual(['1000.00', '1100.00', '990.00', '1089.00']);
    expect(p.series.drawdownRatio.map((d) => Number(d.toFixed(12)))).toEqual([0, 0, -0.1, -0.01]);
    // Jan 30 → Jan 31 is January (+10 %); February: from the last January point 1100 to 1089 (−1 %).
    expect(p.monthly.map((m) => [m.month, Number(m.returnRatio?.toFixed(12))])).toEqual([
      [1, 0.1],
      [2, -0.01],
    ]);
    const direct = computePerformance({ equity: points, trades: [], feesMinor: 0n, turnoverMinor: 0n });
    expect(direct.ok && direct.value.metrics.sharpeAnnual).toBe(p.metrics?.sharpeAnnual);
  });

  test('an empty curve has no metrics and says why; the printable report still renders, self-contained', () => {
    const empty = performanceOf([], 'USD', 2, { feesMinor: 0n, turnoverMinor: 0n });
    const html = htmlReport({
      accountName: '<script>x</script>',
      fromMs: t0,
      toMs: t0 + day,
      performance: empty,
      transactions: buildTransactionReport(
        { currency: 'USD', currencyScale: 2, deposits: [], transfers: [], projectedMinor: 0n, realisedPnl: [] },
        [],
        true,
      ),
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toMatch(/src=|href=/);
    expect(html).toContain('reconciles with');
    const full = htmlReport({
      accountName: 'Paper',
      fromMs: t0,
      toMs: t0 + 3 * day,
      performance: performanceOf(points, 'USD', 2, { feesMinor: 0n, turnoverMinor: 0n }),
      transactions: buildTransactionReport(
        { currency: 'USD', currencyScale: 2, deposits: [], transfers: [], projectedMinor: 0n, realisedPnl: [] },
        [],
        true,
      ),
    });
    expect(full.match(/<svg /g)).toHaveLength(2);
    expect(full).toContain('<path d="M');
  });
});

describe('round-trip statistics of live fills', () => {
  const steps = new Map([['BTC-USD', { tick: parseStep('0.01'), lot: parseStep('0.0001') }]]);
  const t0 = Date.UTC(2026, 10, 2);
  // Bought 0.0100 @ 100.00 (fee 0.10), sold half @ 110.00 (0.06) and half @ 90.00 (0.05): FIFO
  // makes two trips of the one lot: +0.05 gross −0.06 fees (entry fee split 0.05/0.05) and −0.05 − 0.10.
  const fills: FillView[] = [
    fill('buy', '100.00', '0.0100', '0.10', t0, 1),
    fill('sell', '110.00', '0.0050', '0.06', t0 + 1000, 2),
    fill('sell', '90.00', '0.0050', '0.05', t0 + 2000, 3),
  ];

  test('fills become ticks, lots and the settled value; an off-grid fill is left out', () => {
    expect(roundTripFillOf(fills[0] as FillView, steps, 2)).toEqual({
      key: 'a:BTC-USD',
      timeMs: t0,
      orderId: '1',
      side: 'buy',
      qtyLots: 100,
      priceTicks: 10_000,
      valueMinor: 100n,
      feeMinor: 10n,
    });
    expect(roundTripFillOf({ ...(fills[0] as FillView), price: '100.001' }, steps, 2)).toBeUndefined();
    expect(roundTripFillOf({ ...(fills[0] as FillView), symbol: 'NOPE' }, steps, 2)).toBeUndefined();
  });

  test('only trips that closed in the period count; win rate and profit factor are net of fees', () => {
    const all = closedTripsIn(fills, steps, 2, t0, t0 + 2000);
    expect(all.trades.map((t) => [t.grossPnlMinor, t.feesMinor])).toEqual([
      [5n, 11n],
      [-5n, 10n],
    ]);
    expect(all.openPositions).toBe(0);
    const late = closedTripsIn(fills, steps, 2, t0 + 1500, t0 + 2000);
    expect(late.trades).toHaveLength(1);
    const early = closedTripsIn(fills.slice(0, 2), steps, 2, t0, t0 + 1000);
    expect(early.openPositions).toBe(1);
    const view = performanceOf([], 'USD', 2, { feesMinor: 0n, turnoverMinor: 0n }, all.trades);
    expect(view.trades).toMatchObject({
      tradeCount: 2,
      winCount: 0,
      lossCount: 2,
      winRatio: 0,
      profitFactor: 0,
      expectancy: '-0.10', // −10.5 cents per trip, to the cent (half up)
      netPnl: '-0.21',
      grossPnl: '0.00',
      fees: '0.21',
    });
  });
});
