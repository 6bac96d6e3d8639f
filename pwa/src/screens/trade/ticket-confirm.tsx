import type { OrderSpecInput, PlaceRequest } from '@tradewind/shared/protocol';
import { TYPE_LABELS } from '../../lib/trading/ticket';

type Props = {
  request: PlaceRequest;
  sending: boolean;
  offline: boolean;
  onConfirm: () => void;
  onEdit: () => void;
  /** Why the last attempt got no answer; confirming again retries with the same order id. */
  problem?: string | null;
};

/** The confirmation step: exactly what will be sent, in words, before anything is sent. */
export function TicketConfirm({ request, sending, offline, onConfirm, onEdit, problem }: Props) {
  const place = request.place;
  const order = place.kind === 'single' ? place.order : place.kind === 'bracket' ? place.entry : place.first;
  const rows: [string, string][] = [...orderRows(order)];
  if (place.kind === 'bracket') {
    rows.push(['Take-profit', place.takeProfitPrice]);
    rows.push([
      'Stop-loss',
      place.stopLossTriggerPrice + (place.stopLossLimitPrice ? ` (limit ${place.stopLossLimitPrice})` : ''),
    ]);
  }
  return (
    <div class="confirm" data-testid="order-confirm">
      <p>
        <strong>
          {order.side === 'buy' ? 'Buy' : 'Sell'} {order.quantity} {order.symbol}
        </strong>{' '}
        — please check and confirm.
      </p>
      <dl>{rows.flatMap(([k, v]) => [<dt key={`${k}-k`}>{k}</dt>, <dd key={`${k}-v`}>{v}</dd>])}</dl>
      {problem && (
        <div class="form-alert" role="alert" data-testid="order-no-answer">
          {problem}
        </div>
      )}
      <div class="actions">
        <button type="button" class="btn btn-primary" disabled={sending || offline} onClick={onConfirm}>
          {sending ? 'Sending…' : 'Confirm order'}
        </button>
        <button type="button" class="btn btn-ghost" disabled={sending} onClick={onEdit}>
          Edit
        </button>
      </div>
    </div>
  );
}

function orderRows(o: OrderSpecInput): [string, string][] {
  const rows: [string, string][] = [['Type', TYPE_LABELS[o.type]]];
  if (o.price) rows.push(['Limit price', o.price]);
  if (o.triggerPrice) rows.push(['Trigger price', o.triggerPrice]);
  if (o.trailAmount) rows.push(['Trailing offset', o.trailAmount]);
  if (o.trailPercent) rows.push(['Trailing offset', `${o.trailPercent}%`]);
  if (o.timeInForce) rows.push(['Time in force', o.timeInForce]);
  if (o.expireAtMs) rows.push(['Expires', new Date(o.expireAtMs).toLocaleString()]);
  const flags = [o.postOnly && 'post-only', o.reduceOnly && 'reduce-only'].filter(Boolean).join(', ');
  if (flags) rows.push(['Flags', flags]);
  return rows;
}
