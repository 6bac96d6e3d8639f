import type { PerformanceView } from './reports-state';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)} %`);

/** Statistics of the round trips closed in the period (FIFO lots, net of fees), from edge. */
export function TradeStats({ view }: { view: PerformanceView }) {
  const t = view.trades;
  const rows: [string, string][] = [
    ['Round trips', String(t.tradeCount)],
    ['Win rate', pct(t.winRatio)],
    ['Profit factor', t.profitFactor === null ? (t.noLosingTrades ? 'no loss' : '—') : t.profitFactor.toFixed(2)],
    ['Expectancy', t.expectancy ?? '—'],
    ['Avg win', t.avgWin ?? '—'],
    ['Avg loss', t.avgLoss ?? '—'],
    ['Net PnL', t.netPnl],
    ['Trade fees', t.fees],
  ];
  return (
    <div class="report-trade-stats">
      <h2>Round trips</h2>
      <dl class="report-metrics" data-testid="report-trade-stats">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {view.openPositions > 0 && (
        <p class="muted">{view.openPositions} position(s) still open: they count once closed.</p>
      )}
      {view.equityNote !== null && <p class="muted">{view.equityNote}</p>}
    </div>
  );
}
