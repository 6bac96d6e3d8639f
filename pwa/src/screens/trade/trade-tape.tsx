import { useServices } from '../../app/services-context';
import { formatClock, formatDecimal } from '../../lib/format';

/** The newest trades of the symbol, newest first, coloured by the aggressor's side. */
export function TradeTape({ symbol }: { symbol: string }) {
  const trades = useServices().tape.of(symbol).value;
  return (
    <section class="panel" aria-labelledby="tape-title">
      <h2 id="tape-title">Recent trades</h2>
      {trades.length === 0 ? (
        <p class="muted">Waiting for trades…</p>
      ) : (
        <ol class="tape" data-testid="tape">
          {trades.map((t) => (
            <li key={t.seq} class="tape-row">
              <span class={t.side === 'buy' ? 'up' : 'down'}>{formatDecimal(t.price)}</span>
              <span class="muted">{t.qty}</span>
              <span class="muted">{formatClock(t.ts)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
