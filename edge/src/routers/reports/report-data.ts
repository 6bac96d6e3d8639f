import type { Database } from '@tradewind/db';
import { assert, CURRENCY_SCALE } from '@tradewind/shared';
import type { FillView } from '@tradewind/shared/protocol';
import { REPORT_FILLS_MAX, type TradeFilter } from '../../data/owned-reports';
import { type AccountView, ownedBy } from '../../data/owner-scope';
import { minorOf, notionalMinorOf } from './decimal-money';
import { type PerformanceView, performanceOf } from './performance';
import { closedTripsIn, instrumentSteps } from './round-trip-fills';
import { buildTransactionReport, type TransactionReport } from './transactions';

export type Caller = { readonly db: Database; readonly userId: string };

function scaleOf(currency: string): number {
  const scale = CURRENCY_SCALE[currency];
  assert(scale !== undefined, `unknown currency ${currency}`);
  return scale;
}

/** What a report covers: an account (or sub-account); `family`: with its sub-accounts; `deploymentId`: one live strategy. */
export type ScopeInput = { readonly accountId: string; readonly family?: boolean; readonly deploymentId?: string };

export type Scope = {
  readonly account: AccountView;
  /** The accounts read: the account, and its sub-accounts for a family report. */
  readonly accountIds: readonly string[];
  readonly deploymentId?: string;
  /** Set when the equity curve is wider than the trades (a strategy on an account also traded by hand). */
  readonly equityNote: string | null;
};

/**
 * The caller's scope, or undefined (NOT_FOUND) for someone else's account, or a deployment that is
 * not the caller's or does not trade in these accounts. A deployment on its own sub-account
 * makes that sub-account's equity curve the strategy's; on a shared account, the account's.
 */
export async function resolveScope(c: Caller, input: ScopeInput): Promise<Scope | undefined> {
  const owner = ownedBy(c.db, c.userId);
  const account = await owner.account(input.accountId);
  if (account === undefined) return undefined;
  const scopes = owner.reportScopes();
  const all = await scopes.accounts();
  const children = input.family ? all.filter((a) => a.parentId === account.id).map((a) => a.id) : [];
  const accountIds = [account.id, ...children];
  if (input.deploymentId === undefined) return { account, accountIds, equityNote: null };
  const [deployment] = await scopes.deployments(input.deploymentId);
  if (deployment === undefined || !accountIds.includes(deployment.accountId)) return undefined;
  const ownSubAccount = accountIds.length === 1 && all.some((a) => a.id === account.id && a.parentId !== null);
  return {
    account,
    accountIds,
    deploymentId: deployment.id,
    equityNote: ownSubAccount
      ? null
      : "The equity curve is the whole account's; trades and trade statistics are the strategy's.",
  };
}

/** Metrics, equity/drawdown series, monthly returns and round-trip statistics of a scope over [fromMs, toMs]. */
export async function loadPerformance(
  c: Caller,
  scope: Scope,
  fromMs: number,
  toMs: number,
): Promise<PerformanceView & { equityNote: string | null; openPositions: number; tradesComplete: boolean }> {
  const reports = ownedBy(c.db, c.userId).reports(scope.accountIds);
  const scale = scaleOf(scope.account.currency);
  const deployment = scope.deploymentId === undefined ? {} : { deploymentId: scope.deploymentId };
  const [points, fills, steps] = await Promise.all([
    reports.equity(fromMs, toMs),
    reports.allFills({ toMs: toMs + 1, ...deployment }),
    instrumentSteps(c.db),
  ]);
  let feesMinor = 0n;
  let turnoverMinor = 0n;
  for (const f of fills) {
    if (f.tsMs < fromMs) continue;
    feesMinor += minorOf(f.fee, scale);
    turnoverMinor += notionalMinorOf(f.price, f.quantity, scale);
  }
  const tradesComplete = fills.length <= REPORT_FILLS_MAX;
  const trips = closedTripsIn(fills.slice(0, REPORT_FILLS_MAX), steps, scale, fromMs, toMs);
  const view = performanceOf(points, scope.account.currency, scale, { feesMinor, turnoverMinor }, trips.trades);
  return { ...view, equityNote: scope.equityNote, openPositions: trips.openPositions, tradesComplete };
}

/** The transaction report of a scope's accounts, reconciled against their balances (transfers inside a family cancel). */
export async function loadTransactions(c: Caller, scope: Scope): Promise<TransactionReport> {
  const reports = ownedBy(c.db, c.userId).reports(scope.accountIds);
  const [ledger, fills] = await Promise.all([reports.ledger(), reports.allFills()]);
  const scale = scaleOf(scope.account.currency);
  const inScope = new Set(scope.accountIds);
  const transfers = ledger.allocations.flatMap((a) => {
    if (inScope.has(a.accountId) && inScope.has(a.parentId)) return []; // inside the family: nets to zero
    if (inScope.has(a.accountId)) return [{ accountId: a.accountId, atMs: a.atMs, amountMinor: a.amountMinor }];
    return [{ accountId: a.parentId, atMs: a.atMs, amountMinor: -a.amountMinor }];
  });
  return buildTransactionReport(
    {
      currency: scope.account.currency,
      currencyScale: scale,
      deposits: ledger.accounts
        .filter((a) => BigInt(a.cashMinor) > 0n)
        .map((a) => ({ accountId: a.id, atMs: a.createdAt.getTime(), amountMinor: BigInt(a.cashMinor) })),
      transfers,
      projectedMinor: ledger.accounts.reduce(
        (sum, a) => sum + (a.balance === null ? BigInt(a.cashMinor) : minorOf(a.balance, scale)),
        0n,
      ),
      realisedPnl: ledger.positions.map((p) => p.realisedPnl),
    },
    fills.slice(0, REPORT_FILLS_MAX),
    fills.length <= REPORT_FILLS_MAX,
  );
}

/** Trade history rows for the CSV: every fill matching the filter (newest first, bounded). */
export async function loadTradesForExport(c: Caller, scope: Scope, filter: TradeFilter): Promise<FillView[]> {
  const deployment = scope.deploymentId === undefined ? {} : { deploymentId: scope.deploymentId };
  return ownedBy(c.db, c.userId)
    .reports(scope.accountIds)
    .trades({ ...filter, ...deployment }, REPORT_FILLS_MAX);
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
  'account_id',
  'deployment_id',
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
    f.accountId,
    f.deploymentId ?? '',
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
  'account_id',
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
    r.accountId,
  ]);
}
