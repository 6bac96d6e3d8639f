import { useSignal } from '@preact/signals';
import { hrefOf } from '../../app/router';
import { useServices } from '../../app/services-context';
import { TradingOfflineBanner } from '../../components/trading-offline';
import { FillList } from './fill-list';
import { HistoryList } from './history-list';
import { OpenOrderList } from './open-order-list';

type Tab = 'open' | 'history' | 'fills';
const TABS: readonly { id: Tab; label: string }[] = [
  { id: 'open', label: 'Open' },
  { id: 'history', label: 'History' },
  { id: 'fills', label: 'Fills' },
];

/** Open orders (modify, cancel), order history and fills of the signed-in account. */
export function OrdersScreen() {
  const { session, trading } = useServices();
  const tab = useSignal<Tab>('open');
  if (!session.user.value) {
    return (
      <section class="orders">
        <h1>Orders</h1>
        <p class="muted">
          <a href={hrefOf('login')}>Log in</a> to see your orders.
        </p>
      </section>
    );
  }
  return (
    <section class="orders" aria-labelledby="orders-title">
      <div class="market-head">
        <h1 id="orders-title">Orders</h1>
        <fieldset class="segmented" aria-label="Show">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              class={tab.value === t.id ? 'seg is-on' : 'seg'}
              aria-pressed={tab.value === t.id}
              onClick={() => {
                tab.value = t.id;
              }}
            >
              {t.label}
              {t.id === 'open' ? ` (${trading.openOrders.value.length})` : ''}
            </button>
          ))}
        </fieldset>
      </div>
      <TradingOfflineBanner />
      <div class="panel">
        {tab.value === 'open' && <OpenOrderList />}
        {tab.value === 'history' && <HistoryList />}
        {tab.value === 'fills' && <FillList />}
      </div>
    </section>
  );
}
