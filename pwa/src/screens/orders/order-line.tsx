import type { OrderView } from '@tradewind/shared/protocol';
import { formatDecimal } from '../../lib/format';
import { TYPE_LABELS } from '../../lib/trading/ticket';

/** One order's facts, shared by the open and history lists. */
export function OrderLine({ o }: { o: OrderView }) {
  const prices = [
    o.price && `@ ${formatDecimal(o.price)}`,
    o.triggerPrice && `trigger ${formatDecimal(o.triggerPrice)}`,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <div>
      <div>
        <span class={`tag tag-${o.side}`}>{o.side}</span> <strong>{o.symbol}</strong>{' '}
        <span class="num">{o.quantity}</span> <span class="num">{prices}</span>
      </div>
      <div class="meta">
        {TYPE_LABELS[o.type] ?? o.type} · {o.timeInForce} · filled {o.filledQuantity} ·{' '}
        <span data-testid="order-status">{o.status.replace('_', ' ')}</span>
        {o.reason ? ` · ${o.reason}` : ''} · #{o.orderId}
      </div>
    </div>
  );
}
