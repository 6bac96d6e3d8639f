import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { hrefOf, hrefOfChart } from '../../app/router';
import { useServices } from '../../app/services-context';
import { formatDecimal } from '../../lib/format';
import { emptyTicket, type TicketFields } from '../../lib/trading/ticket';
import { DepthView } from './depth-view';
import { OrderTicket } from './order-ticket';
import { TradeTape } from './trade-tape';

const DASH = '\u2014';

/** A symbol: live quote, order ticket, depth and recent trades. */
export function TradeScreen({ symbol }: { symbol: string }) {
  const s = useServices();
  const fields = useSignal<TicketFields>(emptyTicket());
  // Tapping a level of the book puts its price in the ticket (a market order becomes a limit).
  const pick = (price: string) => {
    const f = fields.value;
    fields.value = { ...f, price, type: f.type === 'market' ? 'limit' : f.type };
  };
  useEffect(() => {
    s.focusSymbol.value = symbol;
    s.depth.focus(symbol);
    return () => {
      s.focusSymbol.value = null;
      s.depth.focus(null);
    };
  }, [s, symbol]);
  const info = s.instruments.value.find((i) => i.symbol === symbol);
  const q = s.prices.quote(symbol).value;
  return (
    <section class="trade" aria-labelledby="trade-title">
      <a class="back" href={hrefOf('market')}>
        Markets
      </a>
      <div class="trade-head">
        <h1 id="trade-title">{symbol}</h1>
        <a class="chart-link" href={hrefOfChart(symbol)} data-testid="chart-link">
          Chart
        </a>
        <span class="trade-last" data-testid="trade-last">
          {q.last ? formatDecimal(q.last) : DASH}
        </span>
        <span class="muted num">
          Bid <span data-testid="trade-bid">{q.bid ? formatDecimal(q.bid) : DASH}</span> · Ask{' '}
          <span data-testid="trade-ask">{q.ask ? formatDecimal(q.ask) : DASH}</span>
        </span>
      </div>
      {info ? (
        <div class="trade-grid">
          <OrderTicket info={info} fields={fields} />
          <div>
            <DepthView onPick={pick} />
            <TradeTape symbol={symbol} />
          </div>
        </div>
      ) : (
        <div class="empty">
          {s.instruments.value.length === 0 ? 'Loading instruments…' : `Unknown symbol ${symbol}.`}
        </div>
      )}
    </section>
  );
}
