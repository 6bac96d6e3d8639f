import type { TradingState } from '../../domain/order';
import type { AccountState, EngineState, InstrumentState } from '../core/state';

const SEVERITY: Readonly<Record<TradingState, number>> = { active: 0, reducing: 1, halted: 2 };

export function moreSevere(a: TradingState, b: TradingState): TradingState {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

export function severity(s: TradingState): number {
  return SEVERITY[s];
}

/** The account's own state: its manual state or an active protection, whichever is stricter. */
export function accountState(account: AccountState): TradingState {
  return moreSevere(account.manualState, account.protection.state);
}

/** What applies to an order of this account on this instrument: the strictest of the three scopes. */
export function effectiveState(state: EngineState, account: AccountState, inst: InstrumentState): TradingState {
  return moreSevere(state.globalState, moreSevere(inst.state, accountState(account)));
}
