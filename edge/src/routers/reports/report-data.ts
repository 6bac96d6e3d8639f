import type { Database } from '@tradewind/db';
import { assert, CURRENCY_SCALE } from '@tradewind/shared';
import type { FillView } from '@tradewind/shared/protocol';
import { REPORT_FILLS_MAX, type TradeFilter } from '../../data/owned-reports';
import { ownedBy } from '../../data/owner-scope';
import { minorOf, notionalMinorOf } from './decimal-money';
import { type PerformanceView, performanceOf } from './performance';
import { buildTransactionReport, type TransactionReport } from './transactions';

export type Caller = { readonly db: Database; readonly userId: string };

function scaleOf(currency: string): number {
  const scale = CURRENCY_SCALE[currency];
  assert(scale !== undefined, `unknown currency ${currency}`);
  return scale;
}

/** Metrics, equity/drawdown series and monthly returns of one of the caller's accounts; undefined for anyone else's. */
export async function loadPerformance(
  c: Caller,
  accountId: string,
  fromMs: number,
  toMs: number,
): Promise<PerformanceView | undefined> {
  const owner = ownedBy(c.db, c.userId);
  const account = await owner.account(accountId);
  if (account === undefined) return undefined;
  const reports = owner.reports(accountId);
  const scale = scaleOf(account.currency);
  const [points, fills] = await Promise.all([
    reports.equity(fromMs, toMs),
    reports.trades({ fromMs, toMs: toMs + 1 }, REPORT_FILLS_MAX),
  ]);
  let feesMinor = 0n;
  let turnoverMinor = 0n;
  for (const f of fills) {
    feesMinor += minorOf(f.fee, scale);
    turnoverMinor += notionalMinorOf(f.price, f.quantity, scale);
  }
  return performanceOf(points, account.currency, scale, { feesMinor, turnoverMinor });
}

/** The transaction report of one of the caller's accounts (reconciled against its balance); undefined for anyone else's. */
export async function loadTransactions(c: Caller, accountId: string): Promise<TransactionReport | undefined> {
  const reports = ownedBy(c.db, c.userId).reports(accountId);
  const ledger = await reports.ledger();
  if (ledger === undefined) return undefined;
  const fills = await reports.allFills();
  const complete = fills.length <= REPORT_FILLS_MAX;
  return buildTransactionReport(
    {
      currency: ledger.account.currency,
      currencyScale: scaleOf(ledger.account.currency),
      openedAtMs: ledger.account.createdAt.getTime(),
      openingMinor: BigInt(ledger.account.cashMinor),
      projectedBalance: ledger.balance,
      realisedPnl: ledger.positions.map((p) => p.realisedPnl),
    },
    fills.slice(0, REPORT_FILLS_MAX),
    complete,
  );
}

/** Trade history rows for the CSV: every fill matching the filter (newest first, bounded). */
export async function loadTradesForExport(
  c: Caller,
  accountId: string,
  filter: TradeFilter,
): Promise<FillView[] | undefined> {
  const owner = ownedBy(c.db, c.userId);
  if ((await owner.account(accountId)) === undefined) return undefined;
  return owner.reports(accountId).trades(filter, REPORT_FILLS_MAX);
}

export const TRADES_CSV_HEADER = [
  'time_utc',
  'trade_id',
  'order_id',
  'client_order_id',
  'symbol',
  'side',
  'quantity',
  'price',
  'fee',
  'liquidity',
];

export function tradeCsvRow(f: FillView): string[] {
  return [
    new Date(f.tsMs).toISOString(),
    f.tradeId,
    f.orderId,
    f.clientOrderId,
    f.symbol,
    f.side,
    f.quantity,
    f.price,
    f.fee,
    f.liquidity,
  ];
}

export const TRANSACTIONS_CSV_HEADER = [
  'time_utc',
  'kind',
  'symbol',
  'quantity',
  'price',
  'amount',
  'fee',
  'balance',
  'trade_id',
];

export function transactionCsvRows(t: TransactionReport): string[][] {
  return t.rows.map((r) => [
    new Date(r.tsMs).toISOString(),
    r.kind,
    r.symbol,
    r.quantity,
    r.price,
    r.amount,
    r.fee,
    r.balance,
    r.tradeId,
  ]);
}
