import type { Command, OrderSpec } from '../../engine/index';
import { assert } from '../../util/assert';
import type { Xoshiro128 } from '../prng';
import type { AgentMarketView } from './market-view';

export type NoiseSymbol = {
  readonly symbol: string;
  /** Mean order size in lots; sizes are spread from a fifth to several times this. */
  readonly meanLots: number;
  readonly minLots: number;
  /** The trader leans against its position and stops adding at this size. */
  readonly maxPositionLots: number;
  /** Price steps beyond the touch a marketable limit may reach, in ticks (≥ 1). */
  readonly reachTicks: number;
};

export type NoiseParams = {
  readonly accountId: string;
  readonly symbols: readonly NoiseSymbol[];
  /** Chance per step and symbol that the trader sends an order. */
  readonly orderProbability: number;
};

/** Shares of the order kinds a noise trader sends (the rest: marketable limits that may rest). */
export const NOISE_MARKET_SHARE = 0.5;
export const NOISE_IOC_LIMIT_SHARE = 0.35;

/**
 * A noise trader: takes liquidity at random with market orders and marketable limits of random
 * sizes (so books trade through levels and orders fill partially), leaning against its own
 * position so that it does not drift away. A limit that rests is cancelled at its next action.
 */
export class NoiseTrader {
  constructor(
    readonly params: NoiseParams,
    private readonly rng: Xoshiro128,
  ) {
    assert(params.orderProbability > 0 && params.orderProbability <= 1, 'noise order probability');
    for (const s of params.symbols)
      assert(s.meanLots >= s.minLots && s.minLots >= 1 && s.reachTicks >= 1, 'noise sizes');
  }

  step(timeMs: number, view: AgentMarketView, out: Command[]): void {
    const { accountId } = this.params;
    for (const s of this.params.symbols) {
      if (this.rng.nextFloat() >= this.params.orderProbability) continue;
      for (const o of view.openOrders(accountId, s.symbol)) {
        out.push({ type: 'CancelOrder', timeMs, accountId, orderId: o.orderId });
      }
      const order = this.order(s, view);
      if (order !== undefined) out.push({ type: 'PlaceOrder', timeMs, accountId, order });
    }
  }

  private order(s: NoiseSymbol, view: AgentMarketView): OrderSpec | undefined {
    const position = view.positionLots(this.params.accountId, s.symbol);
    const lean = Math.max(-1, Math.min(1, position / s.maxPositionLots));
    const side = this.rng.nextFloat() < 0.5 - 0.45 * lean ? 'buy' : 'sell';
    const u = this.rng.nextFloat();
    // A few large orders among many small ones: the fourth power stretches the upper tail.
    const lots = Math.max(s.minLots, Math.round(s.meanLots * (0.2 + 0.8 * this.rng.nextFloat() + 4 * u ** 4)));
    const kind = this.rng.nextFloat();
    if (kind < NOISE_MARKET_SHARE) return { symbol: s.symbol, side, orderType: 'market', qtyLots: lots, tif: 'IOC' };
    const touch = side === 'buy' ? view.bestAskTicks(s.symbol) : view.bestBidTicks(s.symbol);
    if (touch === 0) return undefined;
    const reach = 1 + this.rng.nextInt(Math.min(4096, s.reachTicks));
    const priceTicks = side === 'buy' ? touch + reach : Math.max(1, touch - reach);
    const tif = kind < NOISE_MARKET_SHARE + NOISE_IOC_LIMIT_SHARE ? 'IOC' : 'GTC';
    return { symbol: s.symbol, side, orderType: 'limit', qtyLots: lots, priceTicks, tif };
  }
}
