import { useServices } from '../../app/services-context';
import { formatDecimal } from '../../lib/format';
import type { DepthLevel } from '../../lib/trading/depth-book';

/** The order book's top levels: bids on the left (best at top), asks on the right. */
export function DepthView({ onPick }: { onPick: (price: string) => void }) {
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
        <Side label="Bids" levels={view.bids} cls="bids" onPick={onPick} />
        <Side label="Asks" levels={view.asks} cls="asks" onPick={onPick} />
      </div>
    </section>
  );
}

type SideProps = { label: string; levels: readonly DepthLevel[]; cls: string; onPick: (price: string) => void };

function Side({ label, levels, cls, onPick }: SideProps) {
  return (
    <ol class={cls} aria-label={label}>
      {levels.length === 0 && <li class="muted">—</li>}
      {levels.map((l) => (
        <li key={l.price}>
          <button type="button" class="level" title="Use this price" onClick={() => onPick(l.price)}>
            <span>{formatDecimal(l.price)}</span>
            <span class="muted">{l.qty}</span>
          </button>
        </li>
      ))}
    </ol>
  );
}
