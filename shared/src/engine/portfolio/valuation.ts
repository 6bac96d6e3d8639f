import { feeMinor, mulDiv, notionalMinor } from '../../domain/money';
import type { Ctx } from '../core/context';
import type { AccountState, EngineState, InstrumentState } from '../core/state';
import { balanceOf } from '../ledger/ledger';
import { addExact, feeExact, type Minor, minorOf, mulDivExact, mulExact } from './exact-number';
import { notionalNum } from './notional';

/** The price positions are valued at: the latest of the last trade and the last external mark. */
export function valuationTicks(inst: InstrumentState): number {
  return inst.markTicks;
}

/** Signed value of `qtyLots` at the valuation price, half-even. */
export function positionValueMinor(inst: InstrumentState, qtyLots: number): bigint {
  if (qtyLots === 0 || inst.markTicks === 0) return 0n;
  const v = notionalMinor(inst.scale, inst.markTicks, Math.abs(qtyLots), 'half-even');
  return qtyLots > 0 ? v : -v;
}

/** `positionValueMinor` as an exact double, NaN when it does not fit. */
function positionValueNum(inst: InstrumentState, qtyLots: number): number {
  if (qtyLots === 0 || inst.markTicks === 0) return 0;
  const v = notionalNum(inst, inst.markTicks, Math.abs(qtyLots), 'half-even');
  return qtyLots > 0 ? v : 0 - v;
}

/**
 * Free margin (below) as an exact double, NaN when any term does not fit: cash + Σ position
 * values − Σ ceil(|value| × initial bps ÷ 10,000) − holds, each step checked (exact-number.ts).
 */
export function freeMarginNum(state: EngineState, account: AccountState, currency: string): number {
  let free = account.balances.num(currency);
  const bps = initialMarginBps(account);
  for (let i = 0; i < account.positions.length; i++) {
    const p = account.positions[i];
    const inst = state.instruments[i];
    if (p === undefined || p.qtyLots === 0 || inst === undefined || inst.quote !== currency) continue;
    const v = positionValueNum(inst, p.qtyLots);
    const m = mulDivExact(v < 0 ? 0 - v : v, bps, 10_000, 'ceil');
    free = addExact(free, addExact(v, 0 - m));
  }
  return addExact(free, 0 - account.holds.num(currency));
}

/** Equity in `currency`: cash plus the value of every position quoted in it. */
export function equityMinor(state: EngineState, account: AccountState, currency: string): bigint {
  let equity = balanceOf(account, currency);
  for (let i = 0; i < account.positions.length; i++) {
    const p = account.positions[i];
    const inst = state.instruments[i];
    if (p === undefined || p.qtyLots === 0 || inst === undefined || inst.quote !== currency) continue;
    equity += positionValueMinor(inst, p.qtyLots);
  }
  return equity;
}

/** Initial margin of the open positions quoted in `currency` (value ÷ leverage, rounded up). */
export function positionsMarginMinor(state: EngineState, account: AccountState, currency: string, bps: number): bigint {
  let total = 0n;
  for (let i = 0; i < account.positions.length; i++) {
    const p = account.positions[i];
    const inst = state.instruments[i];
    if (p === undefined || p.qtyLots === 0 || inst === undefined || inst.quote !== currency) continue;
    const v = positionValueMinor(inst, p.qtyLots);
    total += mulDiv(v < 0n ? -v : v, BigInt(bps), 10_000n, 'ceil');
  }
  return total;
}

/** Initial margin as bps of value: 10,000 ÷ leverage, so 10× leverage → 1,000 bps. */
export function initialMarginBps(account: AccountState): number {
  return Math.ceil(10_000 / account.leverage);
}

/** Margin an account still has free for new orders or withdrawals, in `currency`. */
export function freeMarginMinor(ctx: Ctx, account: AccountState, currency: string): bigint {
  const fast = freeMarginNum(ctx.state, account, currency);
  if (!Number.isNaN(fast)) return BigInt(fast);
  const equity = equityMinor(ctx.state, account, currency);
  const used = positionsMarginMinor(ctx.state, account, currency, initialMarginBps(account));
  return equity - used - (account.holds.get(currency) ?? 0n);
}

/** Cash an account can spend or move now: balance less what open orders reserve. */
export function availableMinor(account: AccountState, currency: string): bigint {
  return balanceOf(account, currency) - (account.holds.get(currency) ?? 0n);
}

/** `availableMinor` as an exact double, NaN when it does not fit. */
export function availableNum(account: AccountState, currency: string): number {
  return addExact(account.balances.num(currency), 0 - account.holds.num(currency));
}

/**
 * What an order of `qtyLots` at `priceTicks` reserves in quote currency. The reservation is
 * per lot, each lot's value and fee rounded up: a sum of per-fill roundings can then never
 * exceed it (ceil of a sum ≤ sum of ceils), so a cash account's balance cannot go below zero
 * however the order fills. The cost is over-reserving by at most a minor unit or two per lot.
 */
export function quoteHold(
  account: AccountState,
  inst: InstrumentState,
  priceTicks: number,
  qtyLots: number,
  feeBps: number,
): Minor {
  if (qtyLots === 0) return 0;
  const fast = quoteHoldNum(account, inst, priceTicks, qtyLots, feeBps);
  if (!Number.isNaN(fast)) return fast;
  const lotValue = notionalMinor(inst.scale, priceTicks, 1, 'ceil');
  const lotFee = feeBps > 0 ? feeMinor(lotValue, feeBps) : 0n;
  const lotReserve =
    account.kind === 'cash' ? lotValue : mulDiv(lotValue, BigInt(initialMarginBps(account)), 10_000n, 'ceil');
  return minorOf((lotReserve + lotFee) * BigInt(qtyLots));
}

/** `quoteHold` as an exact double, NaN when any step does not fit. */
function quoteHoldNum(
  account: AccountState,
  inst: InstrumentState,
  priceTicks: number,
  qtyLots: number,
  feeBps: number,
): number {
  const lotValue = notionalNum(inst, priceTicks, 1, 'ceil');
  const lotFee = feeBps > 0 ? feeExact(lotValue, feeBps) : 0;
  const lotReserve =
    account.kind === 'cash' ? lotValue : mulDivExact(lotValue, initialMarginBps(account), 10_000, 'ceil');
  return mulExact(addExact(lotReserve, lotFee), qtyLots);
}

/** `equityMinor` as an exact double, NaN when any term does not fit. */
export function equityNum(state: EngineState, account: AccountState, currency: string): number {
  let equity = account.balances.num(currency);
  for (let i = 0; i < account.positions.length; i++) {
    const p = account.positions[i];
    const inst = state.instruments[i];
    if (p === undefined || p.qtyLots === 0 || inst === undefined || inst.quote !== currency) continue;
    equity = addExact(equity, positionValueNum(inst, p.qtyLots));
  }
  return equity;
}

/** `positionsMarginMinor` as an exact double, NaN when any term does not fit. */
export function positionsMarginNum(state: EngineState, account: AccountState, currency: string, bps: number): number {
  let total = 0;
  for (let i = 0; i < account.positions.length; i++) {
    const p = account.positions[i];
    const inst = state.instruments[i];
    if (p === undefined || p.qtyLots === 0 || inst === undefined || inst.quote !== currency) continue;
    const v = positionValueNum(inst, p.qtyLots);
    total = addExact(total, mulDivExact(v < 0 ? 0 - v : v, bps, 10_000, 'ceil'));
  }
  return total;
}
