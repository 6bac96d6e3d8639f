import type { BacktestResult } from '@tradewind/shared/backtest';
import { CURRENCY_SCALE, type Instrument, minorToDecimal, stepsToDecimal } from '@tradewind/shared/domain';
import type { MonteCarloResult, PerformanceMetrics } from '@tradewind/shared/metrics';
import type { BarSource } from './bar-source';
import { svgChart } from './svg-chart';

/** Trades listed in the report (all of them are in the JSON result). */
export const REPORT_TRADES_MAX = 2_000;

export type ReportInput = {
  readonly result: BacktestResult;
  readonly instrument: Instrument;
  readonly interval: string;
  readonly source: BarSource;
  readonly monteCarlo: MonteCarloResult | null;
  readonly settings: Readonly<Record<string, string>>;
  /** An optimisation's ranked candidates or a walk-forward's windows (HTML, escaped by its maker). */
  readonly researchHtml?: string;
};

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)} %`);
const num = (v: number | null, digits = 2) => (v === null ? '—' : v.toFixed(digits));
const iso = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().replace('.000Z', 'Z'));

function sourceText(s: BarSource): string {
  switch (s.kind) {
    case 'csv':
      return `CSV file ${esc(s.file)}`;
    case 'database':
      return `PostgreSQL market_bars (source ${esc(s.source)})`;
    case 'generated':
      return `<strong>Generated bars</strong> (deterministic random walk, seed ${s.seed}): ${esc(s.reason)}. Not market data.`;
  }
}

function metricRows(m: PerformanceMetrics, money: (v: bigint | number | null) => string): [string, string][] {
  return [
    ['Start / end equity', `${money(m.startEquityMinor)} → ${money(m.endEquityMinor)}`],
    ['Total return', pct(m.totalReturnRatio)],
    ['CAGR', pct(m.cagrRatio)],
    ['Volatility (annual)', pct(m.volatilityAnnualRatio)],
    ['Sharpe (annual)', num(m.sharpeAnnual)],
    ['Probabilistic Sharpe ratio (vs 0)', pct(m.probabilisticSharpe)],
    ['Sortino (annual)', num(m.sortinoAnnual)],
    ['Calmar', num(m.calmar)],
    [
      'Max drawdown',
      `${pct(m.maxDrawdownRatio)}${m.maxDrawdown ? ` (peak ${iso(m.maxDrawdown.peakTimeMs)}, trough ${iso(m.maxDrawdown.troughTimeMs)})` : ''}`,
    ],
    ['Trades / win rate', `${m.trades.tradeCount} / ${pct(m.trades.winRatio)}`],
    ['Profit factor', m.trades.noLosingTrades ? 'no losing trade' : num(m.trades.profitFactor)],
    ['Expectancy per trade', money(m.trades.expectancyMinor === null ? null : Math.round(m.trades.expectancyMinor))],
    ['Exposure', pct(m.exposureRatio)],
    ['Fees / turnover', `${money(m.feesMinor)} / ${money(m.turnoverMinor)}`],
  ];
}

/** The self-contained HTML report: settings, data source, metrics, equity and drawdown plots (inline SVG), trades. */
export function renderReport(input: ReportInput): string {
  const { result, instrument } = input;
  const scale = CURRENCY_SCALE[instrument.quote] ?? 2;
  const money = (v: bigint | number | null) =>
    v === null ? '—' : `${minorToDecimal(BigInt(v), scale)} ${instrument.quote}`;
  const price = (ticks: number) => stepsToDecimal(ticks, instrument.tick);
  const perf = result.performance;
  const rows = perf === null ? [['Metrics', esc(result.performanceError ?? 'none')]] : metricRows(perf.metrics, money);
  const charts =
    perf === null
      ? ''
      : svgChart(
          { timeMs: perf.series.timeMs, values: perf.series.equityMinor.map((e) => Number(e) / 10 ** scale) },
          { title: `Equity (${instrument.quote})`, color: '#1f6feb', format: (v) => v.toFixed(0) },
        ) +
        svgChart(
          { timeMs: perf.series.timeMs, values: perf.series.drawdownRatio },
          { title: 'Drawdown', area: true, color: '#d1242f', format: (v) => `${(v * 100).toFixed(1)} %` },
        );
  const mc = input.monteCarlo;
  const mcRows =
    mc === null
      ? ''
      : `<h2>Monte Carlo of the trade sequence (${mc.runs} runs, ${mc.method}, seed ${mc.seed})</h2>
<table><tr><th></th><th>p5</th><th>p25</th><th>p50</th><th>p75</th><th>p95</th></tr>
<tr><td>Total return</td>${[mc.totalReturnRatio.p5, mc.totalReturnRatio.p25, mc.totalReturnRatio.p50, mc.totalReturnRatio.p75, mc.totalReturnRatio.p95].map((v) => `<td>${pct(v)}</td>`).join('')}</tr>
<tr><td>Max drawdown</td>${[mc.maxDrawdownRatio.p5, mc.maxDrawdownRatio.p25, mc.maxDrawdownRatio.p50, mc.maxDrawdownRatio.p75, mc.maxDrawdownRatio.p95].map((v) => `<td>${pct(v)}</td>`).join('')}</tr></table><p>Ruined runs: ${pct(mc.ruinRatio)}</p>`;
  const trades = result.trades
    .slice(0, REPORT_TRADES_MAX)
    .map(
      (t, i) =>
        `<tr><td>${i + 1}</td><td>${iso(t.entryTimeMs)}</td><td>${iso(t.exitTimeMs)}</td><td>${t.side}</td><td>${stepsToDecimal(t.qtyLots, instrument.lot)}</td><td>${price(t.entryPriceTicks)}</td><td>${price(t.exitPriceTicks)}</td><td>${money(t.grossPnlMinor - t.feesMinor)}</td></tr>`,
    );
  const status =
    result.status === 'completed'
      ? 'completed'
      : `<strong>${result.status}</strong>${result.failure ? `: ${esc(result.failure.handler)} threw “${esc(result.failure.message)}” at ${iso(result.failure.timeMs)}` : ''}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Backtest ${esc(result.strategyId)} ${esc(instrument.symbol)}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em auto;max-width:960px;color:#222}table{border-collapse:collapse}td,th{padding:2px 10px;border-bottom:1px solid #eee;text-align:left}figure{margin:1em 0}figcaption{font-weight:600}</style></head><body>
<h1>Backtest: ${esc(result.strategyId)} on ${esc(instrument.symbol)} (${esc(input.interval)})</h1>
<p>${iso(result.fromMs)} → ${iso(result.toMs)} · ${result.eventsDone} of ${result.eventsTotal} bars · status ${status}</p>
<p>Data: ${sourceText(input.source)}</p>
<h2>Settings</h2><table>${Object.entries({ params: JSON.stringify(result.params), ...input.settings })
    .map(([k, v]) => `<tr><td>${esc(k)}</td><td><code>${esc(v)}</code></td></tr>`)
    .join('')}</table>
<h2>Metrics</h2><table>${rows.map(([k, v]) => `<tr><td>${k}</td><td>${v}</td></tr>`).join('')}</table>
${charts}${input.researchHtml ?? ''}${mcRows}
<h2>Trades (${result.trades.length}${result.trades.length > REPORT_TRADES_MAX ? `, first ${REPORT_TRADES_MAX} shown` : ''})</h2>
<table><tr><th>#</th><th>entry</th><th>exit</th><th>side</th><th>qty</th><th>entry price</th><th>exit price</th><th>net PnL</th></tr>${trades.join('')}</table>
<p>Engine state hash ${esc(result.stateHash)} · rejections ${result.rejections}</p></body></html>
`;
}
