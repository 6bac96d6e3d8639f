import type { SimulatedInstrument } from '../../domain/catalog';
import type { Command, RiskLimits } from '../../engine/index';
import { assert } from '../../util/assert';
import { hashName, Xoshiro128 } from '../prng';
import { FairPriceWalk } from './fair-price';
import { MarketMaker } from './market-maker';
import type { AgentMarketView } from './market-view';
import { type NoiseSymbol, NoiseTrader } from './noise-trader';

/** Cash each agent account is funded with, minor units (10^13 cents = 100 bn USD: never the limit). */
export const AGENT_FUNDING_MINOR = 10n ** 13n;
/** The catalog's volatility is per step at this rate; other rates scale it by √(reference / rate). */
export const REFERENCE_STEPS_PER_SECOND = 4;
/** Bounds on the configuration: each one bounds the commands of a step. */
export const AGENT_STEPS_PER_SECOND_MAX = 1_000;
export const MAKERS_PER_SYMBOL_MAX = 8;
export const LEVELS_PER_SIDE_MAX = 20;
export const NOISE_TRADERS_MAX = 16;
export const AGENT_SYMBOLS_MAX = 256;
/** Value of a maker's first level and of a mean noise order, in units of the quote currency. */
export const MAKER_LEVEL_NOTIONAL = 20_000;
export const NOISE_ORDER_NOTIONAL = 8_000;

/** Agents trade at any price and rate the book takes: they are the market, not its users. */
const AGENT_LIMITS: Partial<RiskLimits> = {
  priceBandBps: 0,
  maxOpenOrders: 10_000,
  orderRatePerSec: 1_000_000,
  orderBurst: 1_000_000,
};

export type AgentsConfig = {
  readonly seed: number;
  readonly instruments: readonly SimulatedInstrument[];
  readonly stepsPerSecond: number;
  /** Multiplies the catalog's volatility (1: as listed). */
  readonly volatilityScale?: number;
  readonly makersPerSymbol?: number;
  readonly levelsPerSide?: number;
  readonly noiseTraders?: number;
};

type SymbolAgents = { readonly symbol: string; readonly fair: FairPriceWalk; readonly makers: MarketMaker[] };

/**
 * The simulated market's participants: per symbol a seeded fair-price walk and market makers
 * quoting around it, plus noise traders taking liquidity across symbols. `setup` opens and
 * funds their system accounts (only those missing: a replayed journal already has them), `step`
 * turns one moment into engine commands. Pure: the same seed, times and views give the same
 * commands, so the market is reproducible and a journal replay rebuilds it.
 */
export class MarketAgents {
  readonly accountIds: readonly string[];
  private readonly symbols: SymbolAgents[];
  private readonly noise: NoiseTrader[];

  constructor(config: AgentsConfig) {
    checkConfig(config);
    const seedOf = (name: string) => (config.seed ^ hashName(name)) >>> 0;
    const stepVol = (bps: number) =>
      (bps / 10_000) * (config.volatilityScale ?? 1) * Math.sqrt(REFERENCE_STEPS_PER_SECOND / config.stepsPerSecond);
    this.symbols = config.instruments.map((sim) => ({
      symbol: sim.instrument.symbol,
      fair: FairPriceWalk.seeded(
        seedOf(`fair:${sim.instrument.symbol}`),
        sim.startPriceTicks,
        stepVol(sim.volatilityBps),
      ),
      makers: makersOf(sim, config, seedOf),
    }));
    const noiseSymbols = config.instruments.map(noiseSymbolOf);
    const traders = config.noiseTraders ?? 2;
    const probability = Math.min(1, REFERENCE_STEPS_PER_SECOND / config.stepsPerSecond / traders);
    this.noise = Array.from({ length: traders }, (_, n) => {
      const accountId = `sim-noise-${n}`;
      return new NoiseTrader(
        { accountId, symbols: noiseSymbols, orderProbability: probability },
        Xoshiro128.fromSeed(seedOf(accountId)),
      );
    });
    this.accountIds = [
      ...this.symbols.flatMap((s) => s.makers.map((m) => m.params.accountId)),
      ...this.noise.map((t) => t.params.accountId),
    ];
  }

  /** Opens and funds the agents' accounts that `view` does not have yet. */
  setup(timeMs: number, view: AgentMarketView): Command[] {
    const out: Command[] = [];
    for (const accountId of this.accountIds) {
      if (view.hasAccount(accountId)) continue;
      out.push({
        type: 'OpenAccount',
        timeMs,
        accountId,
        kind: 'margin',
        leverage: 10,
        limits: AGENT_LIMITS,
        makerFeeBps: 0,
        takerFeeBps: 0,
      });
      out.push({ type: 'Deposit', timeMs, accountId, currency: 'USD', amountMinor: AGENT_FUNDING_MINOR });
    }
    return out;
  }

  /** One step of every agent at `timeMs`: fair prices move, makers re-quote, noise trades; marks follow fair. */
  step(timeMs: number, view: AgentMarketView): Command[] {
    const out: Command[] = [];
    const marks: { symbol: string; priceTicks: number }[] = [];
    for (const s of this.symbols) {
      const fair = s.fair.step();
      marks.push({ symbol: s.symbol, priceTicks: Math.max(1, Math.round(fair)) });
      const toward: Command[] = [];
      for (const m of s.makers) m.step(timeMs, fair, view, out, toward);
      out.push(...toward);
    }
    for (const t of this.noise) t.step(timeMs, view, out);
    out.push({ type: 'MarkPrices', timeMs, marks });
    return out;
  }

  fairTicks(symbol: string): number | undefined {
    return this.symbols.find((s) => s.symbol === symbol)?.fair.ticks;
  }
}

function checkConfig(c: AgentsConfig): void {
  assert(Number.isInteger(c.seed) && c.seed >= 0 && c.seed <= 0xffff_ffff, `seed must be a uint32: ${c.seed}`);
  assert(c.instruments.length > 0 && c.instruments.length <= AGENT_SYMBOLS_MAX, 'agent symbol count');
  assert(c.stepsPerSecond > 0 && c.stepsPerSecond <= AGENT_STEPS_PER_SECOND_MAX, 'agent steps per second');
  assert((c.volatilityScale ?? 1) >= 0 && (c.volatilityScale ?? 1) <= 100, 'volatility scale 0..100');
  const makers = c.makersPerSymbol ?? 2;
  assert(Number.isInteger(makers) && makers >= 1 && makers <= MAKERS_PER_SYMBOL_MAX, 'makers per symbol');
  const levels = c.levelsPerSide ?? 5;
  assert(Number.isInteger(levels) && levels >= 1 && levels <= LEVELS_PER_SIDE_MAX, 'levels per side');
  const noise = c.noiseTraders ?? 2;
  assert(Number.isInteger(noise) && noise >= 1 && noise <= NOISE_TRADERS_MAX, 'noise traders');
}

/** Lots worth `notional` units of the quote currency at the start price (≥ the instrument's minimum). */
function lotsWorth(sim: SimulatedInstrument, notional: number): number {
  const { tick, lot, minQtyLots } = sim.instrument;
  const lotValue =
    sim.startPriceTicks * (Number(tick.mantissa) / 10 ** tick.scale) * (Number(lot.mantissa) / 10 ** lot.scale);
  return Math.max(1, minQtyLots, Math.round(notional / lotValue));
}

/** Makers of one symbol: the first quotes tightest; each further one a little wider and deeper. */
function makersOf(sim: SimulatedInstrument, c: AgentsConfig, seedOf: (name: string) => number): MarketMaker[] {
  const bps = (b: number) => Math.max(1, Math.round((sim.startPriceTicks * b) / 10_000));
  const baseLots = lotsWorth(sim, MAKER_LEVEL_NOTIONAL);
  return Array.from({ length: c.makersPerSymbol ?? 2 }, (_, n) => {
    const accountId = `sim-mm-${sim.instrument.symbol}-${n}`;
    const params = {
      accountId,
      symbol: sim.instrument.symbol,
      levels: c.levelsPerSide ?? 5,
      halfSpreadTicks: bps(1 + 1.5 * n),
      levelStepTicks: bps(2 + n),
      baseLots: baseLots * (1 + n),
      maxPositionLots: baseLots * 50,
      // Half a level step: an order stays unless another target is nearer.
      requoteTicks: Math.floor(bps(2 + n) / 2),
    };
    return new MarketMaker(params, Xoshiro128.fromSeed(seedOf(accountId)));
  });
}

function noiseSymbolOf(sim: SimulatedInstrument): NoiseSymbol {
  const meanLots = lotsWorth(sim, NOISE_ORDER_NOTIONAL);
  return {
    symbol: sim.instrument.symbol,
    meanLots,
    minLots: Math.max(1, sim.instrument.minQtyLots),
    maxPositionLots: meanLots * 40,
    reachTicks: Math.max(1, Math.round((sim.startPriceTicks * 3) / 10_000)),
  };
}
