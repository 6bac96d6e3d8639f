import { type Signal, useSignal } from '@preact/signals';
import type { PlaceRequest } from '@tradewind/shared/protocol';
import { hrefOf } from '../../app/router';
import { useServices } from '../../app/services-context';
import { FormAlert } from '../../components/form-alert';
import { TradingOfflineBanner, useTradingOffline } from '../../components/trading-offline';
import type { InstrumentInfo } from '../../lib/market/instrument-list';
import { accountLabel } from '../../lib/trading/account-choice';
import { clientIdOf } from '../../lib/trading/pending-orders';
import { buildPlaceRequest, newClientOrderId, type TicketFields } from '../../lib/trading/ticket';
import { outcomeUnknown, type TradingError, toTradingError } from '../../lib/trading/trading-error';
import { TicketConfirm } from './ticket-confirm';
import { TicketEstimate } from './ticket-estimate';
import { TicketForm } from './ticket-form';

type Stage = { step: 'edit' } | { step: 'confirm'; request: PlaceRequest } | { step: 'sending'; request: PlaceRequest };

const AMBIGUOUS =
  'The venue could not confirm the order: it may or may not have been placed. Confirm again to retry safely: it keeps the same order id, so it can never be placed twice.';

/** The ticket's state machine: edit → review (validated) → confirm → sending → edit with a result. */
function useTicket(info: InstrumentInfo, fields: Signal<TicketFields>) {
  const s = useServices();
  const errors = useSignal<Readonly<Record<string, string>>>({});
  const stage = useSignal<Stage>({ step: 'edit' });
  const failure = useSignal<TradingError | null>(null);
  const accepted = useSignal<string | null>(null);
  const accountId = s.trading.accountId.value;
  const review = (event: Event) => {
    event.preventDefault();
    failure.value = accepted.value = null;
    if (!accountId) return;
    const clientOrderId = newClientOrderId(s.scheduler.nowMs(), Math.random);
    const built = buildPlaceRequest(fields.value, { accountId, symbol: info.symbol, clientOrderId });
    errors.value = built.ok ? {} : built.fields;
    if (!built.ok) failure.value = { reason: null, message: built.message };
    else stage.value = { step: 'confirm', request: built.request };
  };
  const confirm = async (request: PlaceRequest) => {
    const userId = s.session.user.value?.id;
    const clientOrderId = clientIdOf(request) ?? '';
    stage.value = { step: 'sending', request };
    failure.value = null;
    // Stored before it is sent (R5): a reload or crash before the answer is reconciled on the next start.
    if (userId) s.pending.save(userId, request, s.scheduler.nowMs());
    try {
      const ack = await s.trading.api.place(request);
      s.pending.settle(clientOrderId);
      accepted.value = ack.duplicate
        ? `Your order was placed (the first attempt arrived${ack.orderId ? `: #${ack.orderId}` : ''}).`
        : `Order accepted${ack.orderId ? ` (#${ack.orderId})` : ''}${ack.status ? `: ${ack.status.replace('_', ' ')}` : ''}.`;
      stage.value = { step: 'edit' };
    } catch (e) {
      const error = toTradingError(e);
      if (outcomeUnknown(error)) {
        // No answer: keep the same request (same client order id) so "Confirm" again is safe.
        failure.value = { reason: error.reason, message: AMBIGUOUS };
        stage.value = { step: 'confirm', request };
      } else {
        s.pending.settle(clientOrderId);
        failure.value = error;
        stage.value = { step: 'edit' };
      }
    }
    void s.trading.reload();
  };
  const edit = () => {
    stage.value = { step: 'edit' };
  };
  return { accountId, errors, stage, failure, accepted, review, confirm, edit };
}

/**
 * The order ticket: every order type, checked in the browser by the shared schema, then a
 * confirmation step, then one request to edge. A rejection shows core's reason as it is.
 */
export function OrderTicket({ info, fields }: { info: InstrumentInfo; fields: Signal<TicketFields> }) {
  const s = useServices();
  const t = useTicket(info, fields);
  const offline = useTradingOffline();
  if (!s.session.user.value) return <SignInToTrade />;
  const { accountId, errors, stage, failure, accepted, review, confirm } = t;
  const st = stage.value;
  const f = fields.value;
  return (
    <section class="panel ticket" aria-labelledby="ticket-title">
      <h2 id="ticket-title">Place an order</h2>
      <TicketAccount />
      <TradingOfflineBanner />
      {st.step === 'edit' ? (
        <form onSubmit={review} noValidate>
          <TicketForm info={info} fields={fields} errors={errors.value} />
          <TicketEstimate info={info} f={f} />
          <RejectAlert failure={failure.value} />
          {accepted.value && (
            <div class="notice-ok" role="status" data-testid="order-accepted">
              {accepted.value}
            </div>
          )}
          <button
            type="submit"
            class={`btn btn-block ${f.side === 'buy' ? 'btn-buy' : 'btn-sell'}`}
            disabled={offline || !accountId}
          >
            Review {f.side === 'buy' ? 'buy' : 'sell'} order
          </button>
        </form>
      ) : (
        <TicketConfirm
          request={st.request}
          sending={st.step === 'sending'}
          offline={offline}
          onConfirm={() => void confirm(st.request)}
          onEdit={t.edit}
          problem={failure.value?.message ?? null}
        />
      )}
    </section>
  );
}

/** Which account the order goes to (the user chooses it on the portfolio screen). */
function TicketAccount() {
  const s = useServices();
  const account = s.me.value?.accounts.find((a) => a.id === s.trading.accountId.value);
  if (!account || (s.me.value?.accounts.length ?? 0) < 2) return null;
  return (
    <p class="muted" data-testid="ticket-account">
      On {accountLabel(account)}
    </p>
  );
}

function RejectAlert({ failure }: { failure: TradingError | null }) {
  if (!failure) return null;
  return (
    <div data-testid="order-rejected">
      <FormAlert message={failure.reason ? `Rejected: ${failure.message} (${failure.reason})` : failure.message} />
    </div>
  );
}

function SignInToTrade() {
  return (
    <section class="panel ticket">
      <h2>Place an order</h2>
      <p class="muted">
        <a href={hrefOf('login')}>Log in</a> or <a href={hrefOf('register')}>open a paper account</a> to trade.
      </p>
    </section>
  );
}
