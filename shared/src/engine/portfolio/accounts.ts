import { CURRENCY_SCALE } from '../../domain/index';
import type { ReasonCode } from '../codes/reason-codes';
import type { DepositCommand, OpenAccountCommand, SetLimitsCommand, TransferCommand } from '../core/commands';
import { ACCOUNT_ID_PATTERN, ACCOUNTS_MAX, CASH_MOVE_MINOR_MAX, LEVERAGE_MAX } from '../core/config';
import { type Ctx, emit } from '../core/context';
import type { AccountState } from '../core/state';
import { Amounts } from '../ledger/amounts';
import { balanceOf, post } from '../ledger/ledger';
import { ClientIdTable } from '../orders/client-ids';
import { OpenOrders } from '../orders/open-orders';
import { mergeLimits } from '../risk/limits';
import { newBucket } from '../risk/token-bucket';
import { ClosedTrades } from './closed-trades';
import { dayStartOf } from './settlement';
import { availableMinor, freeMarginMinor } from './valuation';

/** Accounts, sub-accounts and cash movements. Each returns a reason code instead of changing anything. */
export function openAccount(ctx: Ctx, c: OpenAccountCommand): ReasonCode | undefined {
  const { state, config } = ctx;
  if (typeof c.accountId !== 'string' || !ACCOUNT_ID_PATTERN.test(c.accountId) || c.accountId.startsWith('venue:'))
    return 'ACCOUNT_INVALID_ID';
  if (state.accountIx.has(c.accountId)) return 'ACCOUNT_EXISTS';
  if (state.accounts.length >= ACCOUNTS_MAX) return 'ACCOUNT_TOO_MANY';
  if (c.kind !== 'cash' && c.kind !== 'margin') return 'CMD_MALFORMED';
  let parentIx = -1;
  if (c.parentId !== undefined) {
    const p = typeof c.parentId === 'string' ? state.accountIx.get(c.parentId) : undefined;
    if (p === undefined || (state.accounts[p] as AccountState).parentIx !== -1) return 'ACCOUNT_INVALID_PARENT';
    parentIx = p;
  }
  const leverage = c.kind === 'cash' ? 1 : (c.leverage ?? 1);
  if (
    !Number.isSafeInteger(leverage) ||
    leverage < 1 ||
    leverage > LEVERAGE_MAX ||
    (c.kind === 'cash' && c.leverage !== undefined && c.leverage !== 1)
  ) {
    return 'ACCOUNT_INVALID_LEVERAGE';
  }
  const limits = mergeLimits(config.defaultLimits, c.limits);
  if (limits === undefined) return 'ACCOUNT_INVALID_LIMITS';
  const maker = c.makerFeeBps ?? config.makerFeeBps;
  const taker = c.takerFeeBps ?? config.takerFeeBps;
  if (
    !Number.isSafeInteger(maker) ||
    !Number.isSafeInteger(taker) ||
    taker < 0 ||
    taker >= 1_000 ||
    maker <= -1_000 ||
    maker >= 1_000 ||
    maker + taker < 0
  ) {
    return 'CMD_MALFORMED';
  }
  const account = newAccount(ctx, c.accountId, c.kind, parentIx, leverage, maker, taker);
  account.limits = limits;
  account.bucket = newBucket(limits.orderBurst, state.nowMs);
  state.accounts.push(account);
  state.accountIx.set(account.id, account.ix);
  const parentId = parentIx < 0 ? '' : (state.accounts[parentIx] as AccountState).id;
  emit(ctx, { type: 'AccountOpened', accountId: account.id, kind: c.kind, parentId, leverage });
  return undefined;
}

export function newAccount(
  ctx: Ctx,
  id: string,
  kind: 'cash' | 'margin',
  parentIx: number,
  leverage: number,
  makerFeeBps: number,
  takerFeeBps: number,
): AccountState {
  const { state, config } = ctx;
  return {
    id,
    balances: new Amounts(),
    ix: state.accounts.length,
    kind,
    parentIx,
    leverage,
    limits: config.defaultLimits,
    makerFeeBps,
    takerFeeBps,
    holds: new Amounts(),
    positions: [],
    openOrders: new OpenOrders(),
    clientIds: new ClientIdTable(),
    manualState: 'active',
    manualReason: '',
    protection: { state: 'active', untilMs: 0, reason: '' },
    bucket: newBucket(config.defaultLimits.orderBurst, state.nowMs),
    dayStartMs: dayStartOf(ctx, state.nowMs),
    dayPnlNum: 0,
    dayPnlBig: 0n,
    closes: new ClosedTrades(),
    marginCalled: false,
  };
}

function checkAmount(currency: unknown, amount: unknown): ReasonCode | undefined {
  if (typeof currency !== 'string' || CURRENCY_SCALE[currency] === undefined) return 'ACCOUNT_UNKNOWN_CURRENCY';
  if (typeof amount !== 'bigint' || amount <= 0n || amount > CASH_MOVE_MINOR_MAX) return 'ACCOUNT_INVALID_AMOUNT';
  return undefined;
}

/** What an account can give away now: available cash, and for margin accounts free margin too. */
function spendable(ctx: Ctx, a: AccountState, currency: string): bigint {
  const cash = availableMinor(a, currency);
  if (a.kind === 'cash') return cash;
  const free = freeMarginMinor(ctx, a, currency);
  return free < cash ? free : cash;
}

export function depositOrWithdraw(ctx: Ctx, c: DepositCommand): ReasonCode | undefined {
  const ix = typeof c.accountId === 'string' ? ctx.state.accountIx.get(c.accountId) : undefined;
  if (ix === undefined) return 'ACCOUNT_UNKNOWN';
  const bad = checkAmount(c.currency, c.amountMinor);
  if (bad !== undefined) return bad;
  const a = ctx.state.accounts[ix] as AccountState;
  const { ledger } = ctx.state;
  if (c.type === 'Deposit') {
    post(ledger, ledger.external, a, c.currency, c.amountMinor, 'deposit');
  } else {
    if (spendable(ctx, a, c.currency) < c.amountMinor) return 'ACCOUNT_INSUFFICIENT_FUNDS';
    post(ledger, a, ledger.external, c.currency, c.amountMinor, 'withdrawal');
  }
  const delta = c.type === 'Deposit' ? c.amountMinor : -c.amountMinor;
  const reason = c.type === 'Deposit' ? 'deposit' : 'withdrawal';
  emit(ctx, {
    type: 'BalanceChanged',
    accountId: a.id,
    currency: c.currency,
    balanceMinor: balanceOf(a, c.currency),
    deltaMinor: delta,
    reason,
  });
  return undefined;
}

/** Moves cash between two accounts of one family (a parent and its sub-accounts). */
export function transfer(ctx: Ctx, c: TransferCommand): ReasonCode | undefined {
  const { state } = ctx;
  const fi = typeof c.fromAccountId === 'string' ? state.accountIx.get(c.fromAccountId) : undefined;
  const ti = typeof c.toAccountId === 'string' ? state.accountIx.get(c.toAccountId) : undefined;
  if (fi === undefined || ti === undefined) return 'ACCOUNT_UNKNOWN';
  const bad = checkAmount(c.currency, c.amountMinor);
  if (bad !== undefined) return bad;
  const from = state.accounts[fi] as AccountState;
  const to = state.accounts[ti] as AccountState;
  const root = (a: AccountState) => (a.parentIx < 0 ? a.ix : a.parentIx);
  if (fi === ti || root(from) !== root(to)) return 'ACCOUNT_TRANSFER_NOT_ALLOWED';
  if (spendable(ctx, from, c.currency) < c.amountMinor) return 'ACCOUNT_INSUFFICIENT_FUNDS';
  post(state.ledger, from, to, c.currency, c.amountMinor, 'transfer');
  emit(ctx, {
    type: 'BalanceChanged',
    accountId: from.id,
    currency: c.currency,
    balanceMinor: balanceOf(from, c.currency),
    deltaMinor: -c.amountMinor,
    reason: 'transfer',
  });
  emit(ctx, {
    type: 'BalanceChanged',
    accountId: to.id,
    currency: c.currency,
    balanceMinor: balanceOf(to, c.currency),
    deltaMinor: c.amountMinor,
    reason: 'transfer',
  });
  return undefined;
}

export function setLimits(ctx: Ctx, c: SetLimitsCommand): ReasonCode | undefined {
  const ix = typeof c.accountId === 'string' ? ctx.state.accountIx.get(c.accountId) : undefined;
  if (ix === undefined) return 'ACCOUNT_UNKNOWN';
  const a = ctx.state.accounts[ix] as AccountState;
  const limits = mergeLimits(a.limits, c.limits);
  if (limits === undefined || c.limits === undefined) return 'ACCOUNT_INVALID_LIMITS';
  a.limits = limits;
  emit(ctx, { type: 'LimitsChanged', accountId: a.id });
  return undefined;
}
