/**
 * The trading vocabulary shared by the engine, the protocol and the UI. Closed sets as string
 * literal unions with their member lists, so schemas and switches can be exhaustive.
 */
export const ORDER_SIDES = ['buy', 'sell'] as const;
export type OrderSide = (typeof ORDER_SIDES)[number];

/**
 * `stop_market`/`stop_limit` trigger when the price moves against the side's favour past the
 * trigger (a buy stop at or above, a sell stop at or below); `take_profit`/`take_profit_limit`
 * trigger when it moves in favour; `trailing_stop` is a stop-market whose trigger follows the
 * best price by a fixed distance (ticks) or a fraction (bps).
 */
export const ORDER_TYPES = [
  'market',
  'limit',
  'stop_market',
  'stop_limit',
  'take_profit',
  'take_profit_limit',
  'trailing_stop',
] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/** GTD expires at `expireAtMs` (command time); DAY at the end of the engine's trading day. */
export const TIMES_IN_FORCE = ['GTC', 'IOC', 'FOK', 'GTD', 'DAY'] as const;
export type TimeInForce = (typeof TIMES_IN_FORCE)[number];

/** The order state machine (see shared/src/engine/README.md). */
export const ORDER_STATUSES = [
  'accepted',
  'triggered',
  'partially_filled',
  'filled',
  'cancelled',
  'rejected',
  'expired',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const TERMINAL_ORDER_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'filled',
  'cancelled',
  'rejected',
  'expired',
]);

export type Liquidity = 'maker' | 'taker';

/** A trading state of an account, an instrument or the whole venue: most severe wins. */
export const TRADING_STATES = ['active', 'reducing', 'halted'] as const;
export type TradingState = (typeof TRADING_STATES)[number];

export type AccountKind = 'cash' | 'margin';
