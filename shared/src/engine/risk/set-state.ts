import { TRADING_STATES } from '../../domain/order';
import type { ReasonCode } from '../codes/reason-codes';
import type { SetTradingStateCommand } from '../core/commands';
import { type Ctx, emit } from '../core/context';
import type { AccountState } from '../core/state';
import { cancelOrder } from '../orders/lifecycle';
import { accountState } from './trading-state';

/**
 * SetTradingState: the kill switch and its softer sibling. `halted` cancels the open orders in
 * scope and refuses new ones; `reducing` lets through only orders that shrink a position.
 */
export function setTradingState(ctx: Ctx, c: SetTradingStateCommand): ReasonCode | undefined {
  const { state } = ctx;
  if (!(TRADING_STATES as readonly unknown[]).includes(c.state)) return 'RISK_INVALID_STATE';
  const reason = typeof c.reason === 'string' ? c.reason.slice(0, 200) : '';
  if (c.scope === 'global') {
    state.globalState = c.state;
    state.globalReason = reason;
    emit(ctx, { type: 'TradingStateChanged', scope: 'global', target: '', state: c.state, reason });
    if (c.state === 'halted') haltWhere(ctx, () => true);
    return undefined;
  }
  if (c.scope === 'instrument') {
    const ix = typeof c.symbol === 'string' ? state.symbolIx.get(c.symbol) : undefined;
    if (ix === undefined) return 'INSTR_UNKNOWN';
    const inst = state.instruments[ix];
    if (inst === undefined) return 'INSTR_UNKNOWN';
    inst.state = c.state;
    inst.stateReason = reason;
    emit(ctx, {
      type: 'TradingStateChanged',
      scope: 'instrument',
      target: inst.instrument.symbol,
      state: c.state,
      reason,
    });
    if (c.state === 'halted') haltWhere(ctx, (s) => ctx.state.orders.instIx(s) === ix);
    return undefined;
  }
  if (c.scope !== 'account') return 'RISK_INVALID_STATE';
  const ix = typeof c.accountId === 'string' ? state.accountIx.get(c.accountId) : undefined;
  if (ix === undefined) return 'ACCOUNT_UNKNOWN';
  const a = state.accounts[ix] as AccountState;
  a.manualState = c.state;
  a.manualReason = reason;
  emit(ctx, { type: 'TradingStateChanged', scope: 'account', target: a.id, state: accountState(a), reason });
  if (accountState(a) === 'halted') haltWhere(ctx, (s) => ctx.state.orders.accountIx(s) === ix);
  return undefined;
}

function haltWhere(ctx: Ctx, match: (s: number) => boolean): void {
  const st = ctx.state.orders;
  const victims: number[] = [];
  for (const s of st.openSlots()) if (match(s)) victims.push(s);
  for (const s of victims) if (st.isOpen(s)) cancelOrder(ctx, s, 'HALTED');
}
