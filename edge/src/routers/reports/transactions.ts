import { minorToDecimal } from '@tradewind/shared';
import type { FillView } from '@tradewind/shared/protocol';
import { minorOf, notionalMinorOf } from './decimal-money';

export type TransactionRow = {
  kind: 'deposit' | 'buy' | 'sell';
  tsMs: number;
  symbol: string;
  quantity: string;
  price: string;
  /** Cash moved by the trade itself, signed (buys negative); deposits: the amount. */
  amount: string;
  fee: string;
  /** Cash after this row. */
  balance: string;
  tradeId: string;
};

export type TransactionReport = {
  currency: string;
  rows: TransactionRow[];
  totals: { deposits: string; bought: string; sold: string; fees: string; realisedPnl: string; closingBalance: string };
  /** The balance core projected for the account. */
  projectedBalance: string;
  /** Opening deposit + sells − buys − fees equals the projected balance. */
  reconciled: boolean;
  /** False when the account has more fills than one report reads. */
  complete: boolean;
};

export type LedgerInput = {
  currency: string;
  currencyScale: number;
  openedAtMs: number;
  /** The paper account's opening cash: core deposits it when it opens the account. */
  openingMinor: bigint;
  /** Null before core opened the account (no trades yet): then the opening cash. */
  projectedBalance: string | null;
  realisedPnl: readonly string[];
};

/**
 * The ledger of one account as rows a person can check: the opening deposit, then each fill
 * with its value (half-even, the engine's rule) and fee, and the running cash balance; the
 * closing balance must equal the one core projected.
 */
export function buildTransactionReport(
  ledger: LedgerInput,
  fills: readonly FillView[],
  complete: boolean,
): TransactionReport {
  const cs = ledger.currencyScale;
  const fmt = (m: bigint) => minorToDecimal(m, cs);
  let cash = ledger.openingMinor;
  const totals = { bought: 0n, sold: 0n, fees: 0n };
  const rows: TransactionRow[] = [
    {
      kind: 'deposit',
      tsMs: ledger.openedAtMs,
      symbol: '',
      quantity: '',
      price: '',
      amount: fmt(cash),
      fee: fmt(0n),
      balance: fmt(cash),
      tradeId: '',
    },
  ];
  for (const f of fills) {
    const value = notionalMinorOf(f.price, f.quantity, cs);
    const fee = minorOf(f.fee, cs);
    const amount = f.side === 'buy' ? -value : value;
    cash += amount - fee;
    if (f.side === 'buy') totals.bought += value;
    else totals.sold += value;
    totals.fees += fee;
    rows.push({
      kind: f.side,
      tsMs: f.tsMs,
      symbol: f.symbol,
      quantity: f.quantity,
      price: f.price,
      amount: fmt(amount),
      fee: f.fee,
      balance: fmt(cash),
      tradeId: f.tradeId,
    });
  }
  const projected = ledger.projectedBalance === null ? ledger.openingMinor : minorOf(ledger.projectedBalance, cs);
  const realised = ledger.realisedPnl.reduce((sum, p) => sum + minorOf(p, cs), 0n);
  return {
    currency: ledger.currency,
    rows,
    totals: {
      deposits: fmt(ledger.openingMinor),
      bought: fmt(totals.bought),
      sold: fmt(totals.sold),
      fees: fmt(totals.fees),
      realisedPnl: fmt(realised),
      closingBalance: fmt(cash),
    },
    projectedBalance: fmt(projected),
    reconciled: complete && cash === projected,
    complete,
  };
}
