import { useServices } from '../../app/services-context';
import { formatDecimal } from '../../lib/format';
import type { DepthLevel } from '../../lib/trading/depth-book';

/** The order book's top levels: bids on the left (best at top), asks on the right. */
export function DepthView() {
  const view = useServices().depth.view.value;
  return (
    <section class="panel" aria-labelledby="depth-title">
      <h2 id="depth-title">
        Order book{' '}
        {!view.inSync && (
          <span class="muted" data-testid="depth-syncing">
            · syncing…
          </span>
        )}
      </h2>
      <div class="depth" data-testid="depth">
        <Side label="Bids" levels={view.bids} cls="bids" />
        <Side label="Asks" levels={view.asks} cls="asks" />
      </div>
    </section>
  );
}

function Side({ label, levels, cls }: { label: string; levels: readonly DepthLevel[]; cls: string }) {
  return (
    <ol class={cls} aria-label={label}>
      {levels.length === 0 && <li class="muted">—</li>}
      {levels.map((l) => (
        <li key={l.price}>
          <span>{formatDecimal(l.price)}</span>
          <span class="muted">{l.qty}</span>
        </li>
      ))}
    </ol>
  );
}
