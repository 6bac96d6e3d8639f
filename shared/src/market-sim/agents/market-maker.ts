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

  step(timeMs: number, fairTicks: number, view: AgentMarketView, out: Command[]): void {
    const { accountId, symbol } = this.params;
    const own = view.openOrders(accountId, symbol);
    const position = view.positionLots(accountId, symbol);
    const [bids, asks] = this.desired(fairTicks, position);
    this.reconcile(timeMs, 'buy', bids, own, out);
    this.reconcile(timeMs, 'sell', asks, own, out);
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

  /** Pairs each target with the own order at the same rank; moves, adds or cancels what differs. */
  private reconcile(timeMs: number, side: 'buy' | 'sell', want: Quote[], own: OwnOrder[], out: Command[]): void {
    const { accountId } = this.params;
    const have = own.filter((o) => o.side === side);
    have.sort(side === 'buy' ? (a, b) => b.priceTicks - a.priceTicks : (a, b) => a.priceTicks - b.priceTicks);
    const n = Math.max(want.length, have.length);
    for (let k = 0; k < n; k++) {
      const w = want[k];
      const h = have[k];
      if (h !== undefined && w === undefined) {
        out.push({ type: 'CancelOrder', timeMs, accountId, orderId: h.orderId });
      } else if (h === undefined && w !== undefined) {
        out.push({ type: 'PlaceOrder', timeMs, accountId, order: this.limit(side, w) });
      } else if (h !== undefined && w !== undefined && this.stale(h, w)) {
        const qtyLots = h.qtyLots - h.remainingLots + w.lots;
        out.push({ type: 'ModifyOrder', timeMs, accountId, orderId: h.orderId, priceTicks: w.priceTicks, qtyLots });
      }
    }
  }

  private stale(h: OwnOrder, w: Quote): boolean {
    return Math.abs(h.priceTicks - w.priceTicks) > this.params.requoteTicks || h.remainingLots * 3 < w.lots;
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
