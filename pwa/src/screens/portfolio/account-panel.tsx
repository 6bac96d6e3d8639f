import { useSignal } from '@preact/signals';
import { useServices } from '../../app/services-context';
import { FormAlert } from '../../components/form-alert';
import { toApiError } from '../../lib/api/api-error';
import { accountLabel } from '../../lib/trading/account-choice';

const LEVERAGES = [2, 3, 5, 10] as const;

/** Which account the trading screens use, and opening the user's margin paper account. */
export function AccountPanel() {
  const s = useServices();
  const accounts = s.me.value?.accounts ?? [];
  const current = s.trading.accountId.value;
  const hasMargin = accounts.some((a) => a.margin !== null);
  return (
    <section class="panel account-panel" aria-labelledby="account-title">
      <h2 id="account-title">Account</h2>
      {accounts.length > 1 ? (
        <label>
          Trade on
          <select
            data-testid="account-select"
            value={current ?? ''}
            onChange={(e) => {
              s.chosenAccountId.value = (e.currentTarget as HTMLSelectElement).value;
            }}
          >
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {accountLabel(a)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <p class="muted">{accounts[0] ? accountLabel(accounts[0]) : ''}</p>
      )}
      {!hasMargin && accounts.length > 0 && <OpenMargin />}
    </section>
  );
}

/** A margin paper account: same virtual cash, borrows up to the leverage; margin calls and liquidation apply. */
function OpenMargin() {
  const s = useServices();
  const error = useSignal<string | null>(null);
  const busy = useSignal(false);
  const onSubmit = async (ev: Event) => {
    ev.preventDefault();
    const leverage = Number(new FormData(ev.currentTarget as HTMLFormElement).get('leverage'));
    busy.value = true;
    try {
      const account = await s.api.accounts.openMargin.mutate({ leverage });
      s.me.value = await s.api.auth.me.query();
      s.chosenAccountId.value = account.id;
      error.value = null;
    } catch (e) {
      error.value = toApiError(e).message;
    } finally {
      busy.value = false;
    }
  };
  return (
    <form class="open-margin" onSubmit={(e) => void onSubmit(e)} data-testid="open-margin">
      <p class="muted">
        A margin paper account starts with the same virtual cash, can borrow up to its leverage and go short. If its
        equity falls near the maintenance margin you get a margin call; below it, its positions are liquidated.
      </p>
      <FormAlert message={error.value} />
      <label>
        Leverage
        <select name="leverage">
          {LEVERAGES.map((l) => (
            <option key={l} value={l}>
              {l}×
            </option>
          ))}
        </select>
      </label>
      <button type="submit" class="btn btn-small" disabled={busy.value}>
        Open a margin account
      </button>
    </form>
  );
}
