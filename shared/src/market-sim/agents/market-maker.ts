import type { Command } from '../../engine/index';
import { assert } from '../../util/assert';
import type { Xoshiro128 } from '../prng';
import type { AgentMarketView, OwnOrder } from './market-view';

export type MakerParams = {
  readonly accountId: string;
  readonly symbol: string;
  /** Price levels quoted per side. */
  readonly levels: number;
  /** Distance from the fair price to the first level, in ticks (≥ 1). */
  readonly halfSpreadTicks: number;
  /** Distance between the maker's levels, in ticks (≥ 1). */
  readonly levelStepTicks: number;
  /** Size of the first level in lots; deeper levels are larger. */
  readonly baseLots: number;
  /** At this inventory the quotes lean a full spread against it, and the side that adds stops. */
  readonly maxPositionLots: number;
  /** An order within this many ticks of where it should be stays (keeps its queue place). */
  readonly requoteTicks: number;
};

type Quote = { readonly priceTicks: number; readonly lots: number };

/**
 * A market maker: quotes `levels` levels on each side around the fair price, skewed against
 * its inventory, and re-quotes (modify, place, cancel) when the fair price has moved further
 * than its tolerance or a level has mostly filled. Decisions come from the view and its own
 * seeded stream only, so a seed and the same views give the same commands.
 */
export class MarketMaker {
  constructor(
    readonly params: MakerParams,
    private readonly rng: Xoshiro128,
  ) {
    const p = params;
    assert(p.levels >= 1 && p.halfSpreadTicks >= 1 && p.levelStepTicks >= 1, 'maker spread and levels');
    assert(p.baseLots >= 1 && p.maxPositionLots >= p.baseLots && p.requoteTicks >= 0, 'maker sizes');
  }

  /**
   * Appends this step's commands: those that move quotes away from the market (cancels, bids
   * down, asks up) to `away`, those that move towards it or add orders to `toward`. The caller
   * applies every maker's `away` before any `toward`, so that a quote moving in never trades
   * against a quote that was about to move out (its own or another maker's).
   */
  step(timeMs: number, fairTicks: number, view: AgentMarketView, away: Command[], toward: Command[]): void {
    const { accountId, symbol } = this.params;
    const own = view.openOrders(accountId, symbol);
    const position = view.positionLots(accountId, symbol);
    const [bids, asks] = this.desired(fairTicks, position);
    this.reconcile(timeMs, 'buy', bids, own, away, toward);
    this.reconcile(timeMs, 'sell', asks, own, away, toward);
  }

  /** Target quotes per side, best first; the side that would grow a full inventory is left out. */
  private desired(fairTicks: number, position: number): [Quote[], Quote[]] {
    const p = this.params;
    const lean = Math.max(-1, Math.min(1, position / p.maxPositionLots));
    const centre = fairTicks - lean * 2 * p.halfSpreadTicks;
    const bids: Quote[] = [];
    const asks: Quote[] = [];
    for (let k = 0; k < p.levels; k++) {
      const offset = p.halfSpreadTicks + k * p.levelStepTicks;
      const lots = Math.max(1, Math.round(p.baseLots * (1 + k * 0.5) * (0.75 + 0.5 * this.rng.nextFloat())));
      const bid = Math.floor(centre - offset);
      const ask = Math.ceil(centre + offset);
      if (position < p.maxPositionLots && bid >= 1) bids.push({ priceTicks: bid, lots });
      if (position > -p.maxPositionLots) asks.push({ priceTicks: ask, lots });
    }
    return [bids, asks];
  }

  /**
   * Keeps each own order that is within tolerance of a target (its queue place is worth it),
   * moves the rest onto the targets left (modify), then places or cancels what is still over.
   * When the fair price drifts by a few levels, only those few orders change.
   */
  private reconcile(
    timeMs: number,
    side: 'buy' | 'sell',
    want: Quote[],
    own: OwnOrder[],
    away: Command[],
    toward: Command[],
  ): void {
    const { accountId, requoteTicks } = this.params;
    const inward = (from: number, to: number) => (side === 'buy' ? to > from : to < from);
    const spare = own.filter((o) => o.side === side);
    const unmet: Quote[] = [];
    for (const w of want) {
      const i = spare.findIndex((o) => Math.abs(o.priceTicks - w.priceTicks) <= requoteTicks);
      const kept = i < 0 ? undefined : spare.splice(i, 1)[0];
      if (kept === undefined) unmet.push(w);
      else if (kept.remainingLots * 3 < w.lots) away.push(this.modify(timeMs, kept, kept.priceTicks, w.lots));
    }
    for (const w of unmet) {
      const h = spare.shift();
      if (h === undefined) toward.push({ type: 'PlaceOrder', timeMs, accountId, order: this.limit(side, w) });
      else (inward(h.priceTicks, w.priceTicks) ? toward : away).push(this.modify(timeMs, h, w.priceTicks, w.lots));
    }
    for (const h of spare) away.push({ type: 'CancelOrder', timeMs, accountId, orderId: h.orderId });
  }

  /** `lots` more to rest: the order's total is what it filled plus that. */
  private modify(timeMs: number, h: OwnOrder, priceTicks: number, lots: number): Command {
    const qtyLots = h.qtyLots - h.remainingLots + lots;
    return { type: 'ModifyOrder', timeMs, accountId: this.params.accountId, orderId: h.orderId, priceTicks, qtyLots };
  }

  private limit(side: 'buy' | 'sell', q: Quote) {
    return {
      symbol: this.params.symbol,
      side,
      orderType: 'limit',
      qtyLots: q.lots,
      priceTicks: q.priceTicks,
      tif: 'GTC',
    } as const;
  }
}
