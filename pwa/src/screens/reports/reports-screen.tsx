import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { hrefOf } from '../../app/router';
import type { Services } from '../../app/services';
import { useServices } from '../../app/services-context';
import { FormAlert } from '../../components/form-alert';
import { chooseAccount } from '../../lib/trading/account-choice';
import { fetchReport, openBlob, saveBlob } from './download';
import { LineChart } from './line-chart';
import {
  PERIODS,
  type PerformanceView,
  type ReportScope,
  type ReportsState,
  reportsState,
  scopeQuery,
  type TradeFilter,
  type TransactionsView,
} from './reports-state';
import { ScopePicker } from './scope-picker';
import './reports.css';
import { TradeStats } from './trade-stats';

const METRICS: readonly (readonly [string, string, 'ratio' | 'number' | 'money'])[] = [
  ['totalReturnRatio', 'Total return', 'ratio'],
  ['cagrRatio', 'CAGR', 'ratio'],
  ['maxDrawdownRatio', 'Max drawdown', 'ratio'],
  ['volatilityAnnualRatio', 'Volatility (annual)', 'ratio'],
  ['sharpeAnnual', 'Sharpe', 'number'],
  ['sortinoAnnual', 'Sortino', 'number'],
  ['calmar', 'Calmar', 'number'],
  ['endEquityMinor', 'Equity', 'money'],
];

function fmt(v: number | string | null | undefined, kind: 'ratio' | 'number' | 'money'): string {
  if (v === null || v === undefined) return '—';
  if (kind === 'money') return String(v);
  const n = Number(v);
  return kind === 'ratio' ? `${(n * 100).toFixed(2)} %` : n.toFixed(2);
}

/**
 * Reports of an account, a sub-account, an account with its sub-accounts, or one live strategy:
 * metrics, equity and drawdown charts, monthly returns, round trips, histories, downloads.
 */
export function ReportsScreen() {
  const services = useServices();
  const state = useMemo(() => reportsState(services), [services]);
  const period = useSignal<number>(PERIODS[1].ms);
  const filter = useSignal<TradeFilter>({});
  // The account the trading screens work on (the user's choice, kept across reloads), not simply the first.
  const defaultAccount = chooseAccount(services.me.value?.accounts ?? [], services.chosenAccountId.value)?.id ?? null;
  const chosen = useSignal<ReportScope | null>(null);
  const scope = chosen.value ?? (defaultAccount ? { accountId: defaultAccount } : null);
  const scopeKey = scope ? JSON.stringify(scope) : '';
  useEffect(() => {
    if (defaultAccount) void state.loadScopes();
  }, [defaultAccount, state]);
  useEffect(() => {
    if (scope) void state.load(scope, period.value, filter.value);
  }, [scopeKey, state, period.value]);
  if (services.session.user.value === null || scope === null) {
    return (
      <section class="reports">
        <h1>Reports</h1>
        <p class="muted">
          <a href={hrefOf('login')}>Log in</a> to see your reports.
        </p>
      </section>
    );
  }
  // Transactions are per account or family: a strategy's cash is its account's.
  const ledgerScope = { accountId: scope.accountId, ...(scope.family ? { family: true } : {}) };
  const download = (file: string, name: string, extra: Record<string, string> = {}) =>
    void fetchReport(services, file, { ...scopeQuery(file === 'transactions.csv' ? ledgerScope : scope), ...extra })
      .then((blob) => (file.endsWith('.html') ? openBlob(blob) : saveBlob(blob, name)))
      .catch((e: Error) => {
        state.error.value = e.message;
      });
  const csvFilter = Object.fromEntries(Object.entries(filter.value).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
  return (
    <section class="reports" aria-labelledby="reports-title">
      <div class="market-head">
        <h1 id="reports-title">Reports</h1>
        {state.scopes.value && (
          <ScopePicker scopes={state.scopes.value} value={scope} onChange={(next) => (chosen.value = next)} />
        )}
        <select aria-label="Period" onChange={(e) => (period.value = Number((e.target as HTMLSelectElement).value))}>
          {PERIODS.map((p) => (
            <option key={p.key} value={p.ms} selected={p.ms === period.value}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <FormAlert message={state.error.value} />
      <Performance view={state.performance.value} />
      <div class="report-downloads">
        <button
          type="button"
          class="btn btn-small"
          data-testid="download-trades"
          onClick={() => download('trades.csv', 'trades.csv', csvFilter)}
        >
          Trades CSV
        </button>
        <button type="button" class="btn btn-small" onClick={() => download('transactions.csv', 'transactions.csv')}>
          Transactions CSV
        </button>
        <button
          type="button"
          class="btn btn-small"
          onClick={() =>
            download('report.html', 'report.html', {
              fromMs: String(Date.now() - period.value),
              toMs: String(Date.now()),
            })
          }
        >
          Printable report
        </button>
      </div>
      <TradeHistory services={services} state={state} scope={scope} filter={filter} />
      <Transactions view={state.transactions.value} />
    </section>
  );
}

function Performance({ view }: { view: PerformanceView | null }) {
  if (view === null) return null;
  const equity = view.series.equity.map(Number);
  return (
    <div class="report-performance">
      {view.metrics === null && (
        <p class="muted">No metrics yet: {view.reason ?? 'no equity samples in this period'}.</p>
      )}
      <dl class="report-metrics" data-testid="report-metrics">
        {METRICS.map(([key, label, kind]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd>{fmt(view.metrics?.[key], kind)}</dd>
          </div>
        ))}
      </dl>
      <LineChart timeMs={view.series.timeMs} values={equity} label={`Equity (${view.currency})`} color="#1565c0" />
      <LineChart
        timeMs={view.series.timeMs}
        values={view.series.drawdownRatio}
        label="Drawdown"
        color="#c62828"
        height={100}
      />
      <TradeStats view={view} />
      {view.monthly.length > 0 && (
        <table class="report-monthly">
          <tbody>
            {view.monthly.map((m) => (
              <tr key={`${m.year}-${m.month}`}>
                <th>{`${m.year}-${String(m.month).padStart(2, '0')}`}</th>
                <td>{fmt(m.returnRatio, 'ratio')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function TradeHistory(props: {
  services: Services;
  state: ReportsState;
  scope: ReportScope;
  filter: { value: TradeFilter };
}) {
  const { state, scope, filter } = props;
  const setFilter = (next: TradeFilter) => {
    filter.value = next;
    void state.loadTrades(scope, next, false);
  };
  return (
    <div class="report-trades">
      <h2>Trade history</h2>
      <div class="report-filters">
        <select
          aria-label="Symbol"
          onChange={(e) => setFilter({ ...filter.value, symbol: (e.target as HTMLSelectElement).value || undefined })}
        >
          <option value="">All symbols</option>
          {props.services.instruments.value.map((i) => (
            <option key={i.symbol} value={i.symbol}>
              {i.symbol}
            </option>
          ))}
        </select>
        <select
          aria-label="Side"
          onChange={(e) =>
            setFilter({
              ...filter.value,
              side: ((e.target as HTMLSelectElement).value || undefined) as TradeFilter['side'],
            })
          }
        >
          <option value="">Buys and sells</option>
          <option value="buy">Buys</option>
          <option value="sell">Sells</option>
        </select>
      </div>
      <table class="report-table" data-testid="trade-history">
        <thead>
          <tr>
            <th>Time</th>
            <th>Symbol</th>
            <th>Side</th>
            <th>Qty</th>
            <th>Price</th>
            <th>Fee</th>
          </tr>
        </thead>
        <tbody>
          {state.trades.value.map((f) => (
            <tr key={`${f.tradeId}:${f.orderId}`}>
              <td>{new Date(f.tsMs).toLocaleString()}</td>
              <td>{f.symbol}</td>
              <td>{f.side}</td>
              <td>{f.quantity}</td>
              <td>{f.price}</td>
              <td>{f.fee}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {state.trades.value.length === 0 && <p class="empty">No trades in this selection.</p>}
      {state.nextCursor.value !== null && (
        <button
          type="button"
          class="btn btn-ghost btn-block"
          onClick={() => void state.loadTrades(scope, filter.value, true)}
        >
          Older trades
        </button>
      )}
    </div>
  );
}

function Transactions({ view }: { view: TransactionsView | null }) {
  if (view === null) return null;
  const t = view.totals;
  return (
    <div class="report-transactions">
      <h2>Transactions</h2>
      <dl class="report-metrics">
        <div>
          <dt>Deposits</dt>
          <dd>{t.deposits}</dd>
        </div>
        <div>
          <dt>Transfers</dt>
          <dd>{t.transfers}</dd>
        </div>
        <div>
          <dt>Bought</dt>
          <dd>{t.bought}</dd>
        </div>
        <div>
          <dt>Sold</dt>
          <dd>{t.sold}</dd>
        </div>
        <div>
          <dt>Fees</dt>
          <dd>{t.fees}</dd>
        </div>
        <div>
          <dt>Realised PnL</dt>
          <dd>{t.realisedPnl}</dd>
        </div>
        <div>
          <dt>Balance</dt>
          <dd>
            {t.closingBalance} {view.currency}
          </dd>
        </div>
      </dl>
      <p class={view.reconciled ? 'muted' : 'form-alert'} data-testid="reconciled">
        {view.reconciled
          ? 'Reconciles with the account balance.'
          : `Does not reconcile with the balance ${view.projectedBalance}.`}
      </p>
    </div>
  );
}
