import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { useServices } from '../../app/services-context';
import { FormAlert } from '../../components/form-alert';
import { formatClock, formatDecimal } from '../../lib/format';
import { type PracticeKind, type PracticeModel, practiceOf } from '../../lib/practice/practice-model';

/**
 * Paper trading on the replayed day: a small ticket into an in-browser engine fed by the
 * replay's trades (fills at historical prices), and the practice account's orders, fills,
 * position and PnL. Nothing is sent to core; the account lives in this page's memory.
 */
export function PracticePanel({ symbol, id }: { symbol: string; id: string }) {
  const s = useServices();
  const model = practiceOf(id, symbol);
  const drawn = useSignal(0);
  useEffect(() => {
    if (model === null) return undefined;
    let queued = false;
    return s.chart.listenTape((f) => {
      model.apply(f);
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        drawn.value += 1;
      });
    });
  }, [model]);
  if (model === null) return <p class="panel muted">Practice is not available for {symbol}.</p>;
  // Read both so the panel redraws after the trader's actions and (once a frame) the tape.
  model.revision.value;
  drawn.value;
  return (
    <section class="panel practice" data-testid="practice" aria-labelledby="practice-title">
      <h2 id="practice-title">Practice</h2>
      <p class="muted">
        Paper orders fill at the replayed trades' prices (engine fees apply). This account lives only in this page, for
        this replay.
      </p>
      <Ticket model={model} />
      <Account model={model} />
    </section>
  );
}

function Ticket({ model }: { model: PracticeModel }) {
  const kind = useSignal<PracticeKind>('market');
  const error = useSignal<string | null>(null);
  const onSubmit = (ev: Event) => {
    ev.preventDefault();
    const form = ev.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const side = (ev as SubmitEvent).submitter?.getAttribute('value') === 'sell' ? 'sell' : 'buy';
    error.value = model.place({
      side,
      kind: kind.value,
      qty: String(data.get('qty') ?? ''),
      price: String(data.get('price') ?? ''),
    });
  };
  return (
    <form class="practice-ticket" onSubmit={onSubmit} aria-label="Practice order">
      <FormAlert message={error.value} />
      <label>
        Type
        <select
          name="kind"
          value={kind.value}
          onChange={(e) => (kind.value = (e.currentTarget as HTMLSelectElement).value as PracticeKind)}
        >
          <option value="market">Market</option>
          <option value="limit">Limit</option>
          <option value="stop">Stop</option>
        </select>
      </label>
      <label>
        Quantity
        <input name="qty" inputMode="decimal" required defaultValue={model.instrument.lotSize} />
      </label>
      {kind.value === 'market' ? null : (
        <label>
          {kind.value === 'limit' ? 'Limit price' : 'Stop price'}
          <input name="price" inputMode="decimal" required />
        </label>
      )}
      <button class="btn btn-buy" type="submit" value="buy">
        Buy
      </button>
      <button class="btn btn-sell" type="submit" value="sell">
        Sell
      </button>
    </form>
  );
}

function Account({ model }: { model: PracticeModel }) {
  const v = model.venue;
  const p = v.position();
  const last = p.lastTicks === null ? '—' : model.price(p.lastTicks);
  return (
    <div class="practice-account">
      <dl class="practice-figures">
        <dt>Bid / ask</dt>
        <dd>
          {model.bid === null ? '—' : formatDecimal(model.bid)} / {model.ask === null ? '—' : formatDecimal(model.ask)}
        </dd>
        <dt>Last</dt>
        <dd>{last}</dd>
        <dt>Cash</dt>
        <dd data-testid="practice-cash">{model.money(v.cashMinor)}</dd>
        <dt>Position</dt>
        <dd data-testid="practice-position" data-lots={p.qtyLots}>
          {model.qty(p.qtyLots)} {model.instrument.base}
        </dd>
        <dt>Realised PnL</dt>
        <dd data-testid="practice-realised">{model.money(p.realisedPnlMinor)}</dd>
        <dt>Unrealised PnL</dt>
        <dd data-testid="practice-unrealised">{model.money(p.unrealisedPnlMinor)}</dd>
        <dt>Equity</dt>
        <dd>{model.money(v.equityMinor)}</dd>
      </dl>
      {v.waiting ? <p class="muted">Waiting for the next replayed trade…</p> : null}
      <Orders model={model} />
      <Fills model={model} />
      <button type="button" onClick={() => model.reset()}>
        Reset practice account
      </button>
    </div>
  );
}

function Orders({ model }: { model: PracticeModel }) {
  const orders = model.venue.openOrders;
  const closed = model.venue.closed.slice(-3);
  return (
    <>
      <h3>Open orders</h3>
      {orders.length === 0 ? <p class="muted">None.</p> : null}
      <ul class="practice-list" data-testid="practice-orders">
        {orders.map((o) => (
          <li key={o.orderId}>
            {o.side} {model.qty(o.qtyLots - o.filledLots)} {o.orderType.replace('_', ' ')} @{' '}
            {model.price(o.priceTicks || o.triggerPriceTicks)}{' '}
            <button type="button" onClick={() => model.cancel(o.orderId)}>
              Cancel
            </button>
          </li>
        ))}
      </ul>
      {closed.map((c) => (
        <p class="muted" key={c.clientOrderId}>
          Order {c.clientOrderId}: {c.reason}
        </p>
      ))}
    </>
  );
}

function Fills({ model }: { model: PracticeModel }) {
  const fills = model.venue.fills.slice(-10).reverse();
  return (
    <>
      <h3>Fills</h3>
      {fills.length === 0 ? <p class="muted">None yet.</p> : null}
      <ul class="practice-list" data-testid="practice-fills">
        {fills.map((f) => (
          <li key={`${f.orderId}-${f.timeMs}-${f.qtyLots}`}>
            {formatClock(f.timeMs)} {f.side} {model.qty(f.qtyLots)} @ {model.price(f.priceTicks)} · fee{' '}
            {model.money(f.feeMinor)}
          </li>
        ))}
      </ul>
    </>
  );
}
