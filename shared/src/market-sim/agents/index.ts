/**
 * The simulated market's agents: seeded market makers and noise traders that trade on the
 * engine's own books through ordinary engine commands. Pure and deterministic (no clock,
 * randomness or I/O): a seed, the step times and the engine's state decide every command.
 */
export { FAIR_PRICE_BAND_FACTOR, FairPriceWalk } from './fair-price';
export {
  AGENT_FUNDING_MINOR,
  AGENT_STEPS_PER_SECOND_MAX,
  AGENT_SYMBOLS_MAX,
  type AgentsConfig,
  LEVELS_PER_SIDE_MAX,
  MAKER_LEVEL_NOTIONAL,
  MAKERS_PER_SYMBOL_MAX,
  MarketAgents,
  NOISE_ORDER_NOTIONAL,
  NOISE_TRADERS_MAX,
  REFERENCE_STEPS_PER_SECOND,
} from './market-agents';
export { type MakerParams, MarketMaker } from './market-maker';
export { type AgentMarketView, engineMarketView, type OwnOrder } from './market-view';
export {
  NOISE_IOC_LIMIT_SHARE,
  NOISE_MARKET_SHARE,
  type NoiseParams,
  type NoiseSymbol,
  NoiseTrader,
} from './noise-trader';
