import type { SimulatedInstrument } from '../domain/catalog';
import type { InstrumentSymbol } from '../domain/ids';
import { assert } from '../util/assert';
import type { MarketTick } from './events';
import { hashName, Xoshiro128 } from './prng';

/** Chance that a step of one instrument prints a trade (it always moves its quote). */
export const TRADE_PROBABILITY = 0.8;
/** Mean bid/ask spread, in basis points of price; never less than one tick. */
export const SPREAD_BPS_MEAN = 0.5;
/** Mean trade value in units of the quote currency; trade sizes in lots derive from it. */
export const TRADE_NOTIONAL_MEAN = 5_000;
/** The walk stays within [start / BAND, start × BAND] so that a long run stays plausible. */
export const PRICE_BAND_FACTOR = 20;
/** Instruments one market may hold; bounds the work of a step. */
export const INSTRUMENTS_PER_MARKET_MAX = 4_096;

type Walk = {
  readonly symbol: InstrumentSymbol;
  readonly rng: Xoshiro128;
  readonly volatility: number;
  readonly meanLots: number;
  readonly minLots: number;
  readonly floorTicks: number;
  readonly ceilingTicks: number;
  lastTicks: number;
};

/**
 * A seeded random-walk market: each step moves every instrument's price by a normal-ish
 * amount (the catalog's per-step volatility), prints a trade at the touch most of the time,
 * and quotes a best bid/ask around the new price. Pure: time comes in, events go out.
 * Each instrument has its own PRNG stream seeded from (seed, symbol), so the sequence of one
 * symbol does not depend on which other symbols the market holds.
 */
export class SimulatedMarket {
  private readonly walks: Walk[];

  constructor(options: { seed: number; instruments: readonly SimulatedInstrument[] }) {
    const { seed, instruments } = options;
    assert(Number.isInteger(seed) && seed >= 0 && seed <= 0xffff_ffff, `seed must be a uint32: ${seed}`);
    assert(instruments.length > 0 && instruments.length <= INSTRUMENTS_PER_MARKET_MAX, 'instrument count');
    const symbols = new Set(instruments.map((s) => s.instrument.symbol));
    assert(symbols.size === instruments.length, 'duplicate symbol in simulated market');
    this.walks = instruments.map((s) => makeWalk(seed, s));
  }

  get symbols(): InstrumentSymbol[] {
    return this.walks.map((w) => w.symbol);
  }

  /** Advances every instrument by one step at `nowMs`, appending its events to `out`. */
  step(nowMs: number, out: MarketTick[]): void {
    assert(Number.isFinite(nowMs), 'step needs a finite time');
    for (const walk of this.walks) stepWalk(walk, nowMs, out);
  }
}

function makeWalk(seed: number, sim: SimulatedInstrument): Walk {
  const { instrument, startPriceTicks, volatilityBps } = sim;
  assert(Number.isSafeInteger(startPriceTicks) && startPriceTicks > 0, `start price of ${instrument.symbol}`);
  assert(volatilityBps > 0 && volatilityBps < 10_000, `volatility of ${instrument.symbol}`);
  const tickValue = Number(instrument.tick.mantissa) / 10 ** instrument.tick.scale;
  const lotValue = Number(instrument.lot.mantissa) / 10 ** instrument.lot.scale;
  const lotNotional = startPriceTicks * tickValue * lotValue;
  const minLots = Math.max(1, instrument.minQtyLots);
  return {
    symbol: instrument.symbol,
    rng: Xoshiro128.fromSeed((seed ^ hashName(instrument.symbol)) >>> 0),
    volatility: volatilityBps / 10_000,
    meanLots: Math.max(minLots, Math.round(TRADE_NOTIONAL_MEAN / lotNotional)),
    minLots,
    floorTicks: Math.max(1, Math.floor(startPriceTicks / PRICE_BAND_FACTOR)),
    ceilingTicks: Math.min(Number.MAX_SAFE_INTEGER / 2, startPriceTicks * PRICE_BAND_FACTOR),
    lastTicks: startPriceTicks,
  };
}

function stepWalk(w: Walk, nowMs: number, out: MarketTick[]): void {
  const { rng } = w;
  const moveTicks = Math.round(rng.nextStandardish() * w.lastTicks * w.volatility);
  const midTicks = Math.min(w.ceilingTicks, Math.max(w.floorTicks, w.lastTicks + moveTicks));
  const spreadTicks = Math.max(1, Math.round(midTicks * (SPREAD_BPS_MEAN / 10_000) * (0.5 + rng.nextFloat())));
  const bidTicks = Math.max(1, midTicks - Math.floor(spreadTicks / 2));
  const askTicks = bidTicks + spreadTicks;
  if (rng.nextFloat() < TRADE_PROBABILITY) {
    const up = midTicks > w.lastTicks || (midTicks === w.lastTicks && rng.nextFloat() < 0.5);
    // u1·u2 has mean 1/4: sizes skew small with an occasional large print, like real tapes.
    const qtyLots = Math.max(w.minLots, Math.round(w.meanLots * 4 * rng.nextFloat() * rng.nextFloat()));
    const side = up ? 'buy' : 'sell';
    out.push({ kind: 'trade', symbol: w.symbol, priceTicks: up ? askTicks : bidTicks, qtyLots, side, tsMs: nowMs });
  }
  const bidLots = Math.max(w.minLots, Math.round(w.meanLots * (1 + 3 * rng.nextFloat())));
  const askLots = Math.max(w.minLots, Math.round(w.meanLots * (1 + 3 * rng.nextFloat())));
  assert(bidTicks >= 1 && bidTicks < askTicks, `crossed simulated quote on ${w.symbol}`);
  out.push({ kind: 'bbo', symbol: w.symbol, bidTicks, bidLots, askTicks, askLots, tsMs: nowMs });
  w.lastTicks = midTicks;
}
