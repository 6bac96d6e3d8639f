import { minorToDecimal } from '@tradewind/shared';
import type { FillView } from '@tradewind/shared/protocol';
import { minorOf, notionalMinorOf } from './decimal-money';

export type TransactionRow = {
  kind: 'deposit' | 'transfer' | 'buy' | 'sell';
  tsMs: number;
  symbol: string;
  quantity: string;
  price: string;
  /** Cash moved by the row itself, signed (buys and transfers out negative); deposits: the amount. */
  amount: string;
  fee: string;
  /** Cash after this row. */
  balance: string;
  tradeId: string;
  /** The account the row belongs to (a family report spans several). */
  accountId: string;
};

export type TransactionReport = {
  currency: string;
  rows: TransactionRow[];
  totals: {
    deposits: string;
    transfers: string;
    bought: string;
    sold: string;
    fees: string;
    realisedPnl: string;
    closingBalance: string;
  };
  /** The balance core projected for the account(s). */
  projectedBalance: string;
  /** Deposits ± transfers + sells − buys − fees equals the projected balance. */
  reconciled: boolean;
  /** False when the account has more fills than one report reads. */
  complete: boolean;
};

export type LedgerInput = {
  currency: string;
  currencyScale: number;
  /** Opening deposits (a paper account's cash, deposited when core opens it; sub-accounts have none). */
  deposits: readonly { accountId: string; atMs: number; amountMinor: bigint }[];
  /** Cash moved into (+) or out of (−) the report's accounts from outside them: a deployment's allocation. */
  transfers: readonly { accountId: string; atMs: number; amountMinor: bigint }[];
  /** Σ of core's projected balances (an account core has not opened yet counts its opening cash). */
  projectedMinor: bigint;
  realisedPnl: readonly string[];
};

/** One ledger event (order: 0 deposit, 1 transfer, 2 fill), turned into a row once the events are in order. */
type Row = { atMs: number; order: number; row: () => { delta: bigint; row: Omit<TransactionRow, 'balance'> } };

/**
 * The ledger of an account (or a family of accounts) as rows a person can check: opening
 * deposits, transfers from outside the report's accounts, then each fill with its value
 * (half-even, the engine's rule) and fee, in time order with the running cash balance; the
 * closing balance must equal the one core projected.
 */
export function buildTransactionReport(
  ledger: LedgerInput,
  fills: readonly FillView[],
  complete: boolean,
): TransactionReport {
  const cs = ledger.currencyScale;
  const fmt = (m: bigint) => minorToDecimal(m, cs);
  const totals = { deposits: 0n, transfers: 0n, bought: 0n, sold: 0n, fees: 0n };
  const cashRow = (kind: 'deposit' | 'transfer', accountId: string, atMs: number, amount: bigint): Row => ({
    atMs,
    order: kind === 'deposit' ? 0 : 1,
    row: () => {
      totals[kind === 'deposit' ? 'deposits' : 'transfers'] += amount;
      const row = {
        kind,
        tsMs: atMs,
        symbol: '',
        quantity: '',
        price: '',
        amount: fmt(amount),
        fee: fmt(0n),
        tradeId: '',
        accountId,
      };
      return { delta: amount, row };
    },
  });
  const events: Row[] = [
    ...ledger.deposits.map((d) => cashRow('deposit', d.accountId, d.atMs, d.amountMinor)),
    ...ledger.transfers.map((t) => cashRow('transfer', t.accountId, t.atMs, t.amountMinor)),
    ...fills.map((f): Row => ({ atMs: f.tsMs, order: 2, row: () => fillRow(f, cs, totals) })),
  ];
  // Opening deposits first (they open the account), then by time; stable: fills keep their order.
  events.sort((a, b) => (a.order === 0 ? -1 : 0) - (b.order === 0 ? -1 : 0) || a.atMs - b.atMs || a.order - b.order);
  let cash = 0n;
  const rows: TransactionRow[] = events.map((e) => {
    const { delta, row } = e.row();
    cash += delta;
    return { ...row, balance: fmt(cash) };
  });
  const realised = ledger.realisedPnl.reduce((sum, p) => sum + minorOf(p, cs), 0n);
  return {
    currency: ledger.currency,
    rows,
    totals: {
      deposits: fmt(totals.deposits),
      transfers: fmt(totals.transfers),
      bought: fmt(totals.bought),
      sold: fmt(totals.sold),
      fees: fmt(totals.fees),
      realisedPnl: fmt(realised),
      closingBalance: fmt(cash),
    },
    projectedBalance: fmt(ledger.projectedMinor),
    reconciled: complete && cash === ledger.projectedMinor,
    complete,
  };
}

function fillRow(
  f: FillView,
  cs: number,
  totals: { bought: bigint; sold: bigint; fees: bigint },
): { delta: bigint; row: Omit<TransactionRow, 'balance'> } {
  const value = notionalMinorOf(f.price, f.quantity, cs);
  const fee = minorOf(f.fee, cs);
  const amount = f.side === 'buy' ? -value : value;
  if (f.side === 'buy') totals.bought += value;
  else totals.sold += value;
  totals.fees += fee;
  const row = {
    kind: f.side,
    tsMs: f.tsMs,
    symbol: f.symbol,
    quantity: f.quantity,
    price: f.price,
    amount: minorToDecimal(amount, cs),
    fee: f.fee,
    tradeId: f.tradeId,
    accountId: f.accountId,
  };
  return { delta: amount - fee, row };
}
