import { useEffect, useMemo } from 'preact/hooks';
import { hrefOf } from '../../app/router';
import type { Services } from '../../app/services';
import { useServices } from '../../app/services-context';
import { FormAlert } from '../../components/form-alert';
import { listState } from '../../lib/api/list-state';

type Alert = Awaited<ReturnType<Services['api']['alerts']['list']['query']>>[number];

const CONDITION_TEXT: Readonly<Record<Alert['condition'], string>> = {
  above: 'goes above',
  below: 'goes below',
  crosses: 'crosses',
};

/** State of the screen: the caller's alerts and the last error, one instance per mount. */
function alertsState(services: Services) {
  return listState(() => services.api.alerts.list.query());
}

/** Price alerts: "symbol goes above / below / crosses a price"; core fires each once and notifies. */
export function AlertsScreen({ symbol }: { symbol?: string }) {
  const services = useServices();
  const state = useMemo(() => alertsState(services), [services]);
  const signedIn = services.session.user.value !== null;
  useEffect(() => {
    if (signedIn) void state.refresh();
  }, [signedIn, state]);
  if (!signedIn) {
    return (
      <section class="alerts">
        <h1>Price alerts</h1>
        <p class="muted">
          <a href={hrefOf('login')}>Log in</a> to set price alerts.
        </p>
      </section>
    );
  }
  const onSubmit = (ev: Event) => {
    ev.preventDefault();
    const form = ev.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    void state
      .run(() =>
        services.api.alerts.create.mutate({
          symbol: String(data.get('symbol')),
          condition: String(data.get('condition')) as Alert['condition'],
          price: String(data.get('price')).trim(),
          note: String(data.get('note') ?? '').trim(),
        }),
      )
      .then((ok) => ok && form.reset());
  };
  return (
    <section class="alerts" aria-labelledby="alerts-title">
      <h1 id="alerts-title">Price alerts</h1>
      <form class="alert-form" onSubmit={onSubmit} data-testid="alert-form">
        <FormAlert message={state.error.value} />
        <label>
          Symbol
          <select name="symbol" defaultValue={symbol}>
            {services.instruments.value.map((i) => (
              <option key={i.symbol} value={i.symbol} selected={i.symbol === symbol}>
                {i.symbol}
              </option>
            ))}
          </select>
        </label>
        <label>
          When the price
          <select name="condition">
            <option value="crosses">crosses</option>
            <option value="above">goes above</option>
            <option value="below">goes below</option>
          </select>
        </label>
        <label>
          Price
          <input name="price" inputMode="decimal" required autocomplete="off" placeholder="100000.00" />
        </label>
        <label>
          Note
          <input name="note" maxLength={140} autocomplete="off" />
        </label>
        <button class="btn btn-primary btn-block" type="submit" disabled={state.busy.value}>
          Create alert
        </button>
      </form>
      {state.items.value.length === 0 && <p class="empty">No alerts yet.</p>}
      <ul class="alert-list" data-testid="alert-list">
        {state.items.value.map((a) => (
          <li key={a.id} class={a.status === 'active' ? 'alert-item' : 'alert-item is-done'} data-status={a.status}>
            <span>
              {a.symbol} {CONDITION_TEXT[a.condition]} {a.price}
              {a.note && <span class="muted"> — {a.note}</span>}
              {a.status === 'triggered' && <span class="muted"> (triggered)</span>}
            </span>
            <button
              type="button"
              class="btn btn-ghost btn-small"
              aria-label={`Delete alert ${a.symbol} ${a.price}`}
              disabled={state.busy.value}
              onClick={() => void state.run(() => services.api.alerts.delete.mutate({ id: a.id }))}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
