import { useServices } from '../../app/services-context';
import { OrderLine } from './order-line';

/** Done orders (filled, cancelled, rejected, expired), newest first, paged from edge. */
export function HistoryList() {
  const { trading } = useServices();
  const orders = trading.doneOrders.value;
  if (orders.length === 0) return <p class="muted">No past orders yet.</p>;
  return (
    <>
      <ul class="list" data-testid="order-history">
        {orders.map((o) => (
          <li key={o.orderId} class="item" data-testid={`history-order-${o.orderId}`}>
            <OrderLine o={o} />
          </li>
        ))}
      </ul>
      {trading.historyCursor.value && (
        <button type="button" class="btn btn-small more" onClick={() => void trading.loadMoreHistory()}>
          Load more
        </button>
      )}
    </>
  );
}
