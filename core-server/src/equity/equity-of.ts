import { notionalMinor } from '@tradewind/shared';
import { type AccountState, balanceOf, type EngineState } from '@tradewind/shared/engine';

export type EquitySample = { readonly accountId: string; readonly equityMinor: bigint; readonly cashMinor: bigint };

/** Users' accounts are uuids; the simulated market's system accounts (`sim-…`, `venue:…`) are not sampled. */
const USER_ACCOUNT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUserAccount(accountId: string): boolean {
  return USER_ACCOUNT_ID.test(accountId);
}

/**
 * Equity in `currency`: cash plus every position quoted in it valued at the instrument's mark,
 * half-even — the engine's own valuation rule (portfolio/valuation.ts), exact in minor units.
 */
export function equityOf(state: EngineState, account: AccountState, currency: string): EquitySample {
  const cashMinor = balanceOf(account, currency);
  let equityMinor = cashMinor;
  for (let i = 0; i < account.positions.length; i++) {
    const p = account.positions[i];
    const inst = state.instruments[i];
    if (p === undefined || p.qtyLots === 0 || inst === undefined || inst.quote !== currency || inst.markTicks === 0) {
      continue;
    }
    const value = notionalMinor(inst.scale, inst.markTicks, Math.abs(p.qtyLots), 'half-even');
    equityMinor += p.qtyLots > 0 ? value : -value;
  }
  return { accountId: account.id, equityMinor, cashMinor };
}
