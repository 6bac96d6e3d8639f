import type { PerformanceView } from './performance';
import { escapeHtml, svgLineChart } from './svg-chart';
import type { TransactionReport } from './transactions';

const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);

function metricsTable(p: PerformanceView): string {
  if (p.metrics === null) return `<p>No metrics: ${escapeHtml(p.reason ?? 'no equity samples in this period')}</p>`;
  const rows = Object.entries(p.metrics)
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v === null ? '—' : String(v))}</td></tr>`)
    .join('');
  return `<table>${rows}</table>`;
}

function tradesTable(p: PerformanceView): string {
  const t = p.trades;
  const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)} %`);
  const cells: [string, string][] = [
    ['Round trips closed', String(t.tradeCount)],
    ['Win rate', pct(t.winRatio)],
    [
      'Profit factor',
      t.profitFactor === null ? (t.noLosingTrades ? 'no losing trade' : '—') : t.profitFactor.toFixed(2),
    ],
    ['Expectancy', t.expectancy ?? '—'],
    ['Average win', t.avgWin ?? '—'],
    ['Average loss', t.avgLoss ?? '—'],
    ['Net PnL (after fees)', t.netPnl],
    ['Fees', t.fees],
  ];
  const rows = cells.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('');
  return `<table>${rows}</table>`;
}

function monthlyTable(p: PerformanceView): string {
  const rows = p.monthly
    .map((m) => {
      const r = m.returnRatio === null ? '—' : `${(m.returnRatio * 100).toFixed(2)} %`;
      return `<tr><td>${m.year}-${String(m.month).padStart(2, '0')}</td><td>${r}</td></tr>`;
    })
    .join('');
  return `<table><tr><th>Month</th><th>Return</th></tr>${rows}</table>`;
}

function transactionsTable(t: TransactionReport): string {
  const head =
    '<tr><th>Time (UTC)</th><th>Kind</th><th>Symbol</th><th>Qty</th><th>Price</th><th>Amount</th><th>Fee</th><th>Balance</th></tr>';
  const rows = t.rows
    .map((r) =>
      [iso(r.tsMs), r.kind, r.symbol, r.quantity, r.price, r.amount, r.fee, r.balance]
        .map((c) => `<td>${escapeHtml(c)}</td>`)
        .join(''),
    )
    .map((cells) => `<tr>${cells}</tr>`)
    .join('');
  const check = t.reconciled ? 'reconciles with' : 'DOES NOT reconcile with';
  return `<table>${head}${rows}</table><p>Closing balance ${escapeHtml(t.totals.closingBalance)} ${check} the account balance ${escapeHtml(t.projectedBalance)} ${escapeHtml(t.currency)}.</p>`;
}

/** A printable, self-contained report: inline CSS and SVG, no script, no external resource. */
export function htmlReport(input: {
  accountName: string;
  fromMs: number;
  toMs: number;
  performance: PerformanceView;
  transactions: TransactionReport;
}): string {
  const p = input.performance;
  const equity = p.series.equity.map(Number);
  const title = `Tradewind report — ${input.accountName}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:13px system-ui,sans-serif;margin:24px;color:#111}table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ccc;padding:2px 6px;text-align:right}th{text-align:left}@media print{a{display:none}}</style>
</head><body><h1>${escapeHtml(title)}</h1><p>${iso(input.fromMs)} — ${iso(input.toMs)} UTC · ${escapeHtml(p.currency)}</p>
<h2>Equity</h2>${svgLineChart(p.series.timeMs, equity, { width: 720, height: 220, label: 'equity', color: '#1565c0' })}
<h2>Drawdown</h2>${svgLineChart(p.series.timeMs, p.series.drawdownRatio, { width: 720, height: 140, label: 'drawdown', color: '#c62828' })}
<h2>Metrics</h2>${metricsTable(p)}<h2>Trades (round trips, FIFO, net of fees)</h2>${tradesTable(p)}<h2>Monthly returns</h2>${monthlyTable(p)}
<h2>Transactions</h2>${transactionsTable(input.transactions)}</body></html>`;
}
