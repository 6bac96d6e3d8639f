import type { Reconciled } from '../lib/trading/pending-orders';
import { useServices } from './services-context';

/** "Buy 0.01 BTC-USD limit 95000.00" */
function describe(r: Reconciled): string {
  const p = r.pending.request.place;
  const o = p.kind === 'single' ? p.order : p.kind === 'bracket' ? p.entry : p.first;
  const kind = p.kind === 'single' ? '' : ` (${p.kind})`;
  return `${o.side === 'buy' ? 'Buy' : 'Sell'} ${o.quantity} ${o.symbol} ${o.type.replace('_', ' ')}${o.price ? ` ${o.price}` : ''}${kind}`;
}

/**
 * Orders an earlier page sent without getting the answer (reload, crash, closed tab), once edge
 * has said what became of them (R5): placed, or not sent with a choice to send it now (same
 * client order id: it can never make a second order) or to discard it.
 */
export function PendingOrdersBanner() {
  const { pending } = useServices();
  const items = pending.items.value;
  if (items.length === 0) return null;
  return (
    <section
      class="panel pending-orders"
      aria-label="Orders sent before the page reloaded"
      data-testid="pending-orders"
    >
      {items.map((r) => (
        <PendingRow key={r.pending.clientOrderId} r={r} />
      ))}
    </section>
  );
}

function PendingRow({ r }: { r: Reconciled }) {
  const { pending, trading } = useServices();
  const cid = r.pending.clientOrderId;
  const what = describe(r);
  const dismiss = (
    <button type="button" class="btn btn-ghost btn-small" onClick={() => pending.dismiss(cid)}>
      OK
    </button>
  );
  switch (r.state) {
    case 'checking':
    case 'sending':
      return (
        <p data-testid="pending-order" data-state={r.state}>
          {r.state === 'checking' ? 'Checking' : 'Sending'} an order from before the page reloaded: {what}…
        </p>
      );
    case 'placed':
      return (
        <p data-testid="pending-order" data-state="placed">
          Your order was placed before the page reloaded: {what}
          {r.order?.orderId
            ? ` (#${r.order.orderId}${r.order.status ? `, ${r.order.status.replace('_', ' ')}` : ''})`
            : ''}
          . {dismiss}
        </p>
      );
    case 'rejected':
      return (
        <p data-testid="pending-order" data-state="rejected">
          Not placed: {what}. {r.error?.message} {dismiss}
        </p>
      );
    case 'not-sent':
    case 'unknown':
      return (
        <div data-testid="pending-order" data-state={r.state}>
          <p>
            {r.state === 'not-sent'
              ? `This order was not sent: the page reloaded before it reached the venue. ${what}.`
              : `We could not check an order sent before the page reloaded: ${what}. ${r.error?.message ?? ''}`}
            {r.error && r.state === 'not-sent' ? ` ${r.error.message}` : ''}
          </p>
          <div class="actions">
            {r.state === 'not-sent' ? (
              <button
                type="button"
                class="btn btn-primary btn-small"
                onClick={() => void pending.sendAgain(r.pending).then(() => trading.reload())}
              >
                Send it now
              </button>
            ) : (
              <button type="button" class="btn btn-primary btn-small" onClick={() => void pending.check(r.pending)}>
                Check again
              </button>
            )}
            <button type="button" class="btn btn-ghost btn-small" onClick={() => pending.discard(cid)}>
              Discard
            </button>
          </div>
        </div>
      );
  }
}
