import { type Signal, signal } from '@preact/signals';
import type { Services } from '../../app/services';
import { toApiError } from '../../lib/api/api-error';

type Api = Services['api']['reports'];
export type PerformanceView = Awaited<ReturnType<Api['performance']['query']>>;
export type TradesPage = Awaited<ReturnType<Api['trades']['query']>>;
export type TransactionsView = Awaited<ReturnType<Api['transactions']['query']>>;
export type TradeFilter = { symbol?: string; side?: 'buy' | 'sell' };
export type ScopesView = Awaited<ReturnType<Api['scopes']['query']>>;
/** What the report covers: an account or sub-account, with its sub-accounts (`family`), or one strategy deployment. */
export type ReportScope = { accountId: string; family?: boolean; deploymentId?: string };

/** The scope as query parameters of the downloads (only what is set). */
export function scopeQuery(scope: ReportScope): Record<string, string> {
  return {
    accountId: scope.accountId,
    ...(scope.family ? { family: 'true' } : {}),
    ...(scope.deploymentId ? { deploymentId: scope.deploymentId } : {}),
  };
}

export const PERIODS = [
  { key: '7d', label: '7 days', ms: 7 * 86_400_000 },
  { key: '30d', label: '30 days', ms: 30 * 86_400_000 },
  { key: '1y', label: '1 year', ms: 366 * 86_400_000 },
] as const;

export type ReportsState = {
  readonly performance: Signal<PerformanceView | null>;
  readonly transactions: Signal<TransactionsView | null>;
  readonly trades: Signal<TradesPage['items']>;
  readonly nextCursor: Signal<string | null>;
  readonly error: Signal<string | null>;
  readonly loading: Signal<boolean>;
  readonly scopes: Signal<ScopesView | null>;
  loadScopes(): Promise<void>;
  load(scope: ReportScope, periodMs: number, filter: TradeFilter): Promise<void>;
  loadTrades(scope: ReportScope, filter: TradeFilter, more: boolean): Promise<void>;
};

/** What the report screen shows, loaded for one account and period. */
export function reportsState(services: Services): ReportsState {
  const performance = signal<PerformanceView | null>(null);
  const transactions = signal<TransactionsView | null>(null);
  const trades = signal<TradesPage['items']>([]);
  const nextCursor = signal<string | null>(null);
  const error = signal<string | null>(null);
  const loading = signal(false);
  const scopes = signal<ScopesView | null>(null);

  const guard = async (work: () => Promise<void>) => {
    loading.value = true;
    try {
      await work();
      error.value = null;
    } catch (e) {
      error.value = toApiError(e).message;
    } finally {
      loading.value = false;
    }
  };
  const loadTrades = (scope: ReportScope, filter: TradeFilter, more: boolean) =>
    guard(async () => {
      const cursor = more ? (nextCursor.value ?? undefined) : undefined;
      const page = await services.api.reports.trades.query({ ...scope, ...filter, ...(cursor ? { cursor } : {}) });
      trades.value = more ? [...trades.value, ...page.items] : page.items;
      nextCursor.value = page.nextCursor;
    });
  const load = (scope: ReportScope, periodMs: number, filter: TradeFilter) =>
    guard(async () => {
      const toMs = Date.now();
      const [p, t] = await Promise.all([
        services.api.reports.performance.query({ ...scope, fromMs: toMs - periodMs, toMs }),
        services.api.reports.transactions.query({
          accountId: scope.accountId,
          ...(scope.family ? { family: true } : {}),
        }),
      ]);
      performance.value = p;
      transactions.value = t;
      await loadTrades(scope, filter, false);
    });
  const loadScopes = () =>
    guard(async () => {
      scopes.value = await services.api.reports.scopes.query();
    });
  return { performance, transactions, trades, nextCursor, error, loading, scopes, loadScopes, load, loadTrades };
}
