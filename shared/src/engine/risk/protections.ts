import type { TradingState } from '../../domain/order';
import { type Ctx, emit } from '../core/context';
import type { ProtectionName } from '../core/events';
import type { AccountState } from '../core/state';
import { cancelOrder } from '../orders/lifecycle';
import { accountState, severity } from './trading-state';

/**
 * Portfolio protections, after freqtrade's: evaluated on the account's closed trades (reducing
 * fills, net of fees) whenever it closes one.
 * - max drawdown: the running realised PnL fell `maxDrawdownMinor` below its peak within the
 *   window → halted for `protectionPauseMs`;
 * - stop-loss guard: `stopLossGuardCount` losing stop fills within the window → halted;
 * - cooldown: a losing close → reducing for `cooldownAfterLossMs`.
 * A protection never shortens or softens one already in force.
 */
export function evaluateProtections(ctx: Ctx, a: AccountState): void {
  const L = a.limits;
  const now = ctx.state.nowMs;
  const closes = a.closes;
  const last = closes.length - 1;
  if (last < 0) return;
  if (L.maxDrawdownMinor > 0n) {
    const dd = drawdownWithin(a, now - L.drawdownWindowMs);
    if (dd >= L.maxDrawdownMinor) {
      protect(
        ctx,
        a,
        'max_drawdown',
        'halted',
        now + L.protectionPauseMs,
        `realised drawdown ${dd} ≥ ${L.maxDrawdownMinor}`,
      );
      return;
    }
  }
  if (L.stopLossGuardCount > 0) {
    const since = now - L.stopLossGuardWindowMs;
    let n = 0;
    for (let k = 0; k < closes.length; k++) if (closes.timeMs(k) >= since && closes.stopOut(k)) n++;
    if (n >= L.stopLossGuardCount) {
      protect(ctx, a, 'stop_loss_guard', 'halted', now + L.protectionPauseMs, `${n} stop-outs in the window`);
      return;
    }
  }
  if (L.cooldownAfterLossMs > 0 && closes.timeMs(last) === now && closes.pnlMinor(last) < 0n) {
    protect(
      ctx,
      a,
      'cooldown',
      'reducing',
      now + L.cooldownAfterLossMs,
      `cooling down after a loss of ${-closes.pnlMinor(last)}`,
    );
  }
}

/** Largest fall of the cumulative closed PnL from a running peak, over closes since `sinceMs`. */
function drawdownWithin(a: AccountState, sinceMs: number): bigint {
  let cum = 0n;
  let peak = 0n;
  let worst = 0n;
  const closes = a.closes;
  for (let k = 0; k < closes.length; k++) {
    if (closes.timeMs(k) < sinceMs) continue;
    cum += closes.pnlMinor(k);
    if (cum > peak) peak = cum;
    if (peak - cum > worst) worst = peak - cum;
  }
  return worst;
}

function protect(
  ctx: Ctx,
  a: AccountState,
  name: ProtectionName,
  st: TradingState,
  untilMs: number,
  message: string,
): void {
  const p = a.protection;
  const stronger = severity(st) > severity(p.state) || (st === p.state && untilMs > p.untilMs);
  if (!stronger) return;
  const before = accountState(a);
  a.protection = { state: st, untilMs, reason: name };
  if (!ctx.state.protectedIx.includes(a.ix)) ctx.state.protectedIx.push(a.ix);
  emit(ctx, { type: 'ProtectionTriggered', accountId: a.id, protection: name, state: st, untilMs, message });
  const after = accountState(a);
  if (after !== before)
    emit(ctx, { type: 'TradingStateChanged', scope: 'account', target: a.id, state: after, reason: name });
  if (after === 'halted') cancelAccountOrders(ctx, a);
}

export function cancelAccountOrders(ctx: Ctx, a: AccountState): void {
  const st = ctx.state.orders;
  for (const s of a.openOrders.toArray(st)) if (st.isOpen(s)) cancelOrder(ctx, s, 'HALTED');
}

/** Lifts protections whose time is up; called as time advances. */
export function liftProtections(ctx: Ctx): void {
  const list = ctx.state.protectedIx;
  if (list.length === 0) return;
  const now = ctx.state.nowMs;
  const due = list
    .filter((ix) => (ctx.state.accounts[ix] as AccountState).protection.untilMs <= now)
    .sort((x, y) => x - y);
  for (const ix of due) {
    const a = ctx.state.accounts[ix] as AccountState;
    const before = accountState(a);
    a.protection = { state: 'active', untilMs: 0, reason: '' };
    list.splice(list.indexOf(ix), 1);
    const after = accountState(a);
    if (after !== before)
      emit(ctx, {
        type: 'TradingStateChanged',
        scope: 'account',
        target: a.id,
        state: after,
        reason: 'protection expired',
      });
  }
}
