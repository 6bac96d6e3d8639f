import { assert } from '../../util/assert';
import { Amounts } from './amounts';

/**
 * Double-entry ledger in the TigerBeetle shape: every movement is a transfer that debits one
 * account and credits another by the same amount of one currency, so each posting balances
 * by construction and, per currency, the sum over all accounts is always zero. Balances are
 * the fold of the transfers (nothing else writes them); the `external` account is the world
 * outside the venue, so user + venue balances change only by deposits and withdrawals.
 *
 * Currencies are cash ("USD", minor units) or instrument assets ("@BTC-USD", lots).
 */
export type LedgerAccount = { readonly id: string; readonly balances: Amounts };

export type PostingKind = 'deposit' | 'withdrawal' | 'transfer' | 'trade' | 'fee' | 'liquidation';

export type Posting = {
  readonly debit: string;
  readonly credit: string;
  readonly currency: string;
  readonly amount: bigint;
  readonly kind: PostingKind;
};

export type LedgerState = {
  readonly external: LedgerAccount;
  readonly fees: LedgerAccount;
  readonly liquidation: LedgerAccount;
  postingCount: number;
  /** Optional observer of every posting (tests fold them to prove balances are derived). */
  journal: ((p: Posting) => void) | undefined;
};

export const EXTERNAL_ACCOUNT_ID = 'venue:external';
export const FEES_ACCOUNT_ID = 'venue:fees';
export const LIQUIDATION_ACCOUNT_ID = 'venue:liquidation';

export function newLedgerAccount(id: string): LedgerAccount {
  return { id, balances: new Amounts() };
}

export function newLedger(): LedgerState {
  return {
    external: newLedgerAccount(EXTERNAL_ACCOUNT_ID),
    fees: newLedgerAccount(FEES_ACCOUNT_ID),
    liquidation: newLedgerAccount(LIQUIDATION_ACCOUNT_ID),
    postingCount: 0,
    journal: undefined,
  };
}

export function balanceOf(account: LedgerAccount, currency: string): bigint {
  return account.balances.get(currency) ?? 0n;
}

/** Moves `amount` (> 0) of `currency` from `debit` to `credit`. Zero amounts post nothing. */
export function post(
  ledger: LedgerState,
  debit: LedgerAccount,
  credit: LedgerAccount,
  currency: string,
  amount: bigint,
  kind: PostingKind,
): void {
  if (amount === 0n) return;
  if (amount < 0n) {
    post(ledger, credit, debit, currency, -amount, kind);
    return;
  }
  assert(debit !== credit, 'a posting needs two different accounts');
  debit.balances.add(currency, -amount);
  credit.balances.add(currency, amount);
  ledger.postingCount++;
  if (ledger.journal !== undefined) ledger.journal({ debit: debit.id, credit: credit.id, currency, amount, kind });
}

/** `post` of an amount known as an exact double (a safe integer): no bigint on the hot path. */
export function postNum(
  ledger: LedgerState,
  debit: LedgerAccount,
  credit: LedgerAccount,
  currency: string,
  amount: number,
  kind: PostingKind,
): void {
  if (amount === 0) return;
  if (amount < 0) {
    postNum(ledger, credit, debit, currency, -amount, kind);
    return;
  }
  if (debit === credit) assert(false, 'a posting needs two different accounts');
  debit.balances.addNum(currency, -amount);
  credit.balances.addNum(currency, amount);
  ledger.postingCount++;
  if (ledger.journal !== undefined)
    ledger.journal({ debit: debit.id, credit: credit.id, currency, amount: BigInt(amount), kind });
}

/** Sum per currency over the given accounts (with `external` included it must be zero everywhere). */
export function sumByCurrency(accounts: Iterable<LedgerAccount>): Map<string, bigint> {
  const sums = new Map<string, bigint>();
  for (const a of accounts) for (const [cur, v] of a.balances) sums.set(cur, (sums.get(cur) ?? 0n) + v);
  return sums;
}
