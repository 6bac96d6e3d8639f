import { useSignal } from '@preact/signals';
import { useServices } from '../../app/services-context';
import { FormAlert } from '../../components/form-alert';
import { useTradingOffline } from '../../components/trading-offline';
import { type TradingError, toTradingError } from '../../lib/trading/trading-error';

/** Engage or release the kill switch; the result or the error is kept for the panel. */
function useKillSwitch() {
  const { trading } = useServices();
  const confirming = useSignal(false);
  const busy = useSignal(false);
  const error = useSignal<TradingError | null>(null);
  const done = useSignal<string | null>(null);
  const accountId = trading.accountId.value;
  const flip = async (engaged: boolean) => {
    if (!accountId) return;
    busy.value = true;
    error.value = done.value = null;
    try {
      const ack = await trading.api.killSwitch({ accountId, engaged });
      trading.halted.value = engaged;
      done.value = engaged
        ? `Kill switch engaged: ${ack.cancelled ?? 0} open order(s) cancelled, trading halted.`
        : 'Trading resumed on this account.';
      confirming.value = false;
      void trading.reload();
    } catch (e) {
      error.value = toTradingError(e);
    } finally {
      busy.value = false;
    }
  };
  return { accountId, halted: trading.halted.value, confirming, busy, error, done, flip };
}

/** The account kill switch: cancel every open order and halt the account, after a confirmation. */
export function KillSwitch() {
  const offline = useTradingOffline();
  const { accountId, halted, confirming, busy, error, done, flip } = useKillSwitch();
  return (
    <section class="panel" aria-labelledby="kill-title">
      <h2 id="kill-title">Kill switch</h2>
      <p class="muted">Cancels every open order of this account and halts it until you resume.</p>
      {error.value && <FormAlert message={error.value.message} />}
      {done.value && (
        <div class="notice-ok" role="status" data-testid="kill-switch-result">
          {done.value}
        </div>
      )}
      {halted ? (
        <button type="button" class="btn" disabled={offline || busy.value} onClick={() => void flip(false)}>
          Resume trading
        </button>
      ) : confirming.value ? (
        <div class="confirm">
          <p>
            <strong>Stop all trading on this account?</strong> Every open order is cancelled now.
          </p>
          <div class="actions">
            <button
              type="button"
              class="btn btn-danger"
              disabled={offline || busy.value}
              onClick={() => void flip(true)}
            >
              Cancel all and halt
            </button>
            <button type="button" class="btn btn-ghost" onClick={() => (confirming.value = false)}>
              Keep trading
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          class="btn btn-danger"
          disabled={offline || !accountId}
          onClick={() => (confirming.value = true)}
        >
          Engage kill switch
        </button>
      )}
    </section>
  );
}
