import { hrefOf } from '../../app/router';
import { useServices } from '../../app/services-context';
import { formatDecimal } from '../../lib/format';

/** The account being traded at a glance for a signed-in user; an invitation for everyone else. */
export function AccountStrip() {
  const { session, me, trading } = useServices();
  if (session.status.value === 'restoring') return null;
  if (!session.user.value) {
    return (
      <div class="strip strip-invite">
        <span>Trade these markets with 100,000 USD of virtual cash.</span>
        <a class="btn btn-primary btn-small" href={hrefOf('register')}>
          Open a paper account
        </a>
      </div>
    );
  }
  const account = me.value?.accounts.find((a) => a.id === trading.accountId.value) ?? me.value?.accounts[0];
  if (!account) return null;
  // The live balance once trading has loaded it (fills move it); auth.me's figure until then.
  const cash = trading.balances.value.find((b) => b.currency === account.currency)?.balance ?? account.cash;
  return (
    <div class="strip" data-testid="account-strip">
      <span class="strip-label">{account.name}</span>
      <span class="strip-value">
        {formatDecimal(cash)} <span class="muted">{account.currency}</span>
      </span>
      <span class="muted strip-note">
        {account.margin ? `margin ${account.margin.leverage}×` : 'cash'} · paper trading
      </span>
    </div>
  );
}
