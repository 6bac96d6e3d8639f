import type { EngineState } from '../../engine/index';

/** One of an agent's open orders as it sees them. */
export type OwnOrder = {
  readonly orderId: number;
  readonly side: 'buy' | 'sell';
  readonly priceTicks: number;
  /** The order's whole quantity (filled included) and what still rests. */
  readonly qtyLots: number;
  readonly remainingLots: number;
};

/**
 * What an agent may look at when it decides: the touch of each book and its own account.
 * Read-only; agents never hold on to it between steps.
 */
export interface AgentMarketView {
  hasAccount(accountId: string): boolean;
  /** Best bid / ask in ticks, 0 when that side is empty. */
  bestBidTicks(symbol: string): number;
  bestAskTicks(symbol: string): number;
  /** Resting orders of the account in that symbol. */
  openOrders(accountId: string, symbol: string): OwnOrder[];
  /** Signed position in lots (long > 0). */
  positionLots(accountId: string, symbol: string): number;
}

/**
 * The engine's state seen through AgentMarketView (reads only). Take a fresh view per step:
 * the first `openOrders` call indexes the open orders of the accounts asked about in one pass.
 */
export function engineMarketView(state: EngineState): AgentMarketView {
  const instrument = (symbol: string) => {
    const ix = state.symbolIx.get(symbol);
    return ix === undefined ? undefined : state.instruments[ix];
  };
  const account = (id: string) => {
    const ix = state.accountIx.get(id);
    return ix === undefined ? undefined : state.accounts[ix];
  };
  let byAccount: Map<number, OwnOrder[][]> | undefined;
  const index = (): Map<number, OwnOrder[][]> => {
    const out = new Map<number, OwnOrder[][]>();
    for (const o of state.orders.values()) {
      if (!o.inBook) continue;
      let perInstrument = out.get(o.accountIx);
      if (perInstrument === undefined) {
        perInstrument = [];
        out.set(o.accountIx, perInstrument);
      }
      let list = perInstrument[o.instIx];
      if (list === undefined) {
        list = [];
        perInstrument[o.instIx] = list;
      }
      list.push({
        orderId: o.orderId,
        side: o.side,
        priceTicks: o.priceTicks,
        qtyLots: o.qtyLots,
        remainingLots: o.qtyLots - o.filledLots,
      });
    }
    return out;
  };
  return {
    hasAccount: (id) => state.accountIx.has(id),
    bestBidTicks: (symbol) => instrument(symbol)?.book.bestBidTicks() ?? 0,
    bestAskTicks: (symbol) => instrument(symbol)?.book.bestAskTicks() ?? 0,
    openOrders(accountId, symbol) {
      const a = account(accountId);
      const i = instrument(symbol);
      if (a === undefined || i === undefined) return [];
      byAccount ??= index();
      return [...(byAccount.get(a.ix)?.[i.ix] ?? [])];
    },
    positionLots(accountId, symbol) {
      const a = account(accountId);
      const i = instrument(symbol);
      if (a === undefined || i === undefined) return 0;
      return a.positions[i.ix]?.qtyLots ?? 0;
    },
  };
}
