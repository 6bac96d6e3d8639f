import { useServices } from '../../app/services-context';
import { formatDecimal } from '../../lib/format';
import type { InstrumentInfo } from '../../lib/market/instrument-list';
import { formatScaledAt, mulScaled, parseDecimal } from '../../lib/trading/decimal-math';
import type { TicketFields } from '../../lib/trading/ticket';

/** What the order is worth at its limit price, or at the touch for other types (display only). */
export function TicketEstimate({ info, f }: { info: InstrumentInfo; f: TicketFields }) {
  const q = useServices().prices.quote(info.symbol).value;
  const touch = f.side === 'buy' ? q.ask : q.bid;
  const price = f.type === 'limit' || f.type === 'stop_limit' || f.type === 'take_profit_limit' ? f.price : touch;
  const qty = parseDecimal(f.quantity.trim());
  const px = price ? parseDecimal(price.trim()) : undefined;
  if (!qty || !px || qty.units <= 0n) return null;
  return (
    <p class="field-hint" data-testid="ticket-estimate">
      Order value ≈ {formatDecimal(formatScaledAt(mulScaled(qty, px), 2))} {info.quote}
    </p>
  );
}
