import { useSignal } from '@preact/signals';
import { modifyRequestSchema, type OrderView } from '@tradewind/shared/protocol';
import { useServices } from '../../app/services-context';
import { FormAlert } from '../../components/form-alert';
import { useTradingOffline } from '../../components/trading-offline';
import { type TradingError, toTradingError } from '../../lib/trading/trading-error';
import { DecimalInput } from '../trade/ticket-inputs';
import { OrderLine } from './order-line';

/** Open orders, newest first, each with Modify and Cancel; Cancel all at the top. */
export function OpenOrderList() {
  const { trading } = useServices();
  const offline = useTradingOffline();
  const error = useSignal<TradingError | null>(null);
  const orders = trading.openOrders.value;
  const accountId = trading.accountId.value;
  const cancelAll = async () => {
    if (!accountId) return;
    error.value = null;
    try {
      await trading.api.cancelAll({ accountId });
      await trading.reload();
    } catch (e) {
      error.value = toTradingError(e);
    }
  };
  if (orders.length === 0)
    return (
      <p class="muted" data-testid="no-open-orders">
        No open orders.
      </p>
    );
  return (
    <>
      <FormAlert message={error.value?.message ?? null} />
      <div class="actions">
        <button type="button" class="btn btn-small btn-danger" disabled={offline} onClick={() => void cancelAll()}>
          Cancel all
        </button>
      </div>
      <ul class="list" data-testid="open-orders">
        {orders.map((o) => (
          <OpenOrder key={o.orderId} o={o} />
        ))}
      </ul>
    </>
  );
}

function OpenOrder({ o }: { o: OrderView }) {
  const { trading } = useServices();
  const offline = useTradingOffline();
  const editing = useSignal(false);
  const error = useSignal<TradingError | null>(null);
  const busy = useSignal(false);
  const run = async (call: () => Promise<unknown>) => {
    busy.value = true;
    error.value = null;
    try {
      await call();
      editing.value = false;
      await trading.reload();
    } catch (e) {
      error.value = toTradingError(e);
    } finally {
      busy.value = false;
    }
  };
  const cancel = () => run(() => trading.api.cancel({ accountId: o.accountId, orderId: o.orderId }));
  return (
    <li class="item" data-testid={`open-order-${o.orderId}`}>
      <OrderLine o={o} />
      <div class="right actions">
        <button
          type="button"
          class="btn btn-small"
          disabled={offline || busy.value}
          onClick={() => (editing.value = !editing.value)}
        >
          Modify
        </button>
        <button
          type="button"
          class="btn btn-small btn-danger"
          disabled={offline || busy.value}
          onClick={() => void cancel()}
        >
          Cancel
        </button>
      </div>
      {editing.value && (
        <ModifyForm o={o} busy={busy.value} onSubmit={(patch) => void run(() => trading.api.modify(patch))} />
      )}
      {error.value && (
        <div class="span-all" data-testid="order-action-error">
          <FormAlert message={`${error.value.message}${error.value.reason ? ` (${error.value.reason})` : ''}`} />
        </div>
      )}
    </li>
  );
}

type ModifyInput = Parameters<ReturnType<typeof useServices>['trading']['api']['modify']>[0];

/** New price, quantity or trigger; blank fields stay as they are. Checked by the shared schema. */
function ModifyForm({ o, busy, onSubmit }: { o: OrderView; busy: boolean; onSubmit: (m: ModifyInput) => void }) {
  const price = useSignal(o.price ?? '');
  const qty = useSignal(o.quantity);
  const trigger = useSignal(o.triggerPrice ?? '');
  const problem = useSignal<string | null>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    const changed = (v: string, was: string | undefined) =>
      v.trim() !== '' && v.trim() !== was ? v.trim() : undefined;
    const candidate = {
      accountId: o.accountId,
      orderId: o.orderId,
      price: changed(price.value, o.price),
      quantity: changed(qty.value, o.quantity),
      triggerPrice: changed(trigger.value, o.triggerPrice),
    };
    const parsed = modifyRequestSchema.safeParse(JSON.parse(JSON.stringify(candidate)));
    problem.value = parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Invalid change.');
    if (parsed.success) onSubmit(parsed.data);
  };
  return (
    <form class="ticket span-all" onSubmit={submit} noValidate>
      <div class="row2">
        {o.price !== undefined && (
          <DecimalInput
            id={`m-price-${o.orderId}`}
            label="New price"
            value={price.value}
            onInput={(v) => (price.value = v)}
          />
        )}
        {o.triggerPrice !== undefined && (
          <DecimalInput
            id={`m-trig-${o.orderId}`}
            label="New trigger"
            value={trigger.value}
            onInput={(v) => (trigger.value = v)}
          />
        )}
        <DecimalInput
          id={`m-qty-${o.orderId}`}
          label="New quantity"
          value={qty.value}
          onInput={(v) => (qty.value = v)}
        />
      </div>
      <FormAlert message={problem.value} />
      <button type="submit" class="btn btn-primary btn-small" disabled={busy}>
        Save changes
      </button>
    </form>
  );
}
