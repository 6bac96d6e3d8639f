export type { MarketTick, QuoteTick, TradeTick } from './events';
export { hashName, Xoshiro128 } from './prng';
export {
  INSTRUMENTS_PER_MARKET_MAX,
  PRICE_BAND_FACTOR,
  SimulatedMarket,
  SPREAD_BPS_MEAN,
  TRADE_NOTIONAL_MEAN,
  TRADE_PROBABILITY,
} from './simulated-market';
