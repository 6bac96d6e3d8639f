import { useServices } from '../../app/services-context';
import { formatAsOf, formatDecimal } from '../../lib/format';

/** Fills, newest first: price, quantity, fee, maker or taker. */
export function FillList() {
  const { trading, scheduler } = useServices();
  const fills = trading.fills.value;
  if (fills.length === 0) return <p class="muted">No fills yet.</p>;
  return (
    <>
      <ul class="list" data-testid="fills">
        {fills.map((f) => (
          <li key={`${f.tradeId}-${f.orderId}`} class="item">
            <div>
              <div>
                <span class={`tag tag-${f.side}`}>{f.side}</span> <strong>{f.symbol}</strong>{' '}
                <span class="num">
                  {f.quantity} @ {formatDecimal(f.price)}
                </span>
              </div>
              <div class="meta">
                fee {f.fee} · {f.liquidity} · order #{f.orderId}
              </div>
            </div>
            <div class="right meta">{formatAsOf(f.tsMs, scheduler.nowMs())}</div>
          </li>
        ))}
      </ul>
      {trading.fillsCursor.value && (
        <button type="button" class="btn btn-small more" onClick={() => void trading.loadMoreFills()}>
          Load more
        </button>
      )}
    </>
  );
}
