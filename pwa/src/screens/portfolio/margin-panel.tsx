import { useComputed } from '@preact/signals';
import { useServices } from '../../app/services-context';
import { formatDecimal } from '../../lib/format';
import { formatScaledAt, type Scaled } from '../../lib/trading/decimal-math';
import { marginUsage } from '../../lib/trading/margin';
import { PNL_DISPLAY_SCALE } from '../../lib/trading/pnl';

const DASH = '\u2014';
const show = (x: Scaled | undefined) => (x ? formatDecimal(formatScaledAt(x, PNL_DISPLAY_SCALE)) : DASH);

/**
 * A margin account's usage at live prices (equity, exposure, margin used and free, maintenance,
 * margin level) and the margin-call banner: raised by core's alert, or shown as soon as the live
 * figures fall under the call level (core decides on its own marks; this is the early warning).
 */
export function MarginPanel() {
  const { trading, prices, me } = useServices();
  const usage = useComputed(() => {
    const account = me.value?.accounts.find((a) => a.id === trading.accountId.value);
    if (!account?.margin) return null;
    const cash = trading.balances.value.find((b) => b.currency === account.currency)?.balance ?? account.cash;
    const positions = trading.positions.value.map((p) => ({
      quantity: p.quantity,
      price: prices.quote(p.symbol).value.last,
    }));
    return { rules: account.margin, usage: marginUsage(cash, positions, account.margin) };
  }).value;
  if (usage === null) return null;
  const u = usage.usage;
  const called = trading.marginCall.value;
  return (
    <>
      {(called || (u && u.state !== 'ok')) && (
        <div class="banner-margin-call" role="alert" data-testid="margin-call-banner">
          <strong>Margin call.</strong> {called ?? 'Your equity is near the maintenance margin.'} Add funds or reduce
          positions: below {show(u?.maintenance)} of equity your positions are liquidated.
        </div>
      )}
      <section class="panel" aria-labelledby="margin-title" data-testid="margin-usage">
        <h2 id="margin-title">Margin ({usage.rules.leverage}×)</h2>
        <dl class="margin-grid">
          <dt>Equity</dt>
          <dd data-testid="margin-equity">{show(u?.equity)}</dd>
          <dt>Exposure</dt>
          <dd>{show(u?.exposure)}</dd>
          <dt>Margin used</dt>
          <dd data-testid="margin-used">{show(u?.initialMargin)}</dd>
          <dt>Free margin</dt>
          <dd>{show(u?.freeMargin)}</dd>
          <dt>Maintenance</dt>
          <dd>{show(u?.maintenance)}</dd>
          <dt>Margin level</dt>
          <dd data-testid="margin-level">{u?.marginLevelPct ? `${formatDecimal(u.marginLevelPct)}%` : DASH}</dd>
        </dl>
      </section>
    </>
  );
}
