import { useSignal } from '@preact/signals';
import { useServices } from '../../app/services-context';
import { AccountStrip } from './account-strip';
import { QuoteTable } from './quote-table';
import { StaleBanner } from './stale-banner';

type Filter = 'all' | 'crypto' | 'stock';
const FILTERS: readonly { id: Filter; label: string }[] = [
  { id: 'all', label: 'All' },
  { id: 'crypto', label: 'Crypto' },
  { id: 'stock', label: 'Stocks' },
];

export function MarketWatchScreen() {
  const { instruments } = useServices();
  const filter = useSignal<Filter>('all');
  const list = instruments.value.filter((i) => filter.value === 'all' || i.kind === filter.value);
  return (
    <section class="market" aria-labelledby="market-title">
      <div class="market-head">
        <h1 id="market-title">Markets</h1>
        <fieldset class="segmented" aria-label="Show">
          {FILTERS.map((f) => (
            <button
              key={f.id}
              type="button"
              class={filter.value === f.id ? 'seg is-on' : 'seg'}
              aria-pressed={filter.value === f.id}
              onClick={() => {
                filter.value = f.id;
              }}
            >
              {f.label}
            </button>
          ))}
        </fieldset>
      </div>
      <AccountStrip />
      <StaleBanner />
      {instruments.value.length === 0 ? <EmptyState /> : <QuoteTable list={list} />}
    </section>
  );
}

function EmptyState() {
  const status = useServices().connection.value;
  return (
    <div class="empty">
      {status === 'offline'
        ? 'You are offline and no market data has been saved on this device yet.'
        : 'Loading instruments…'}
    </div>
  );
}
