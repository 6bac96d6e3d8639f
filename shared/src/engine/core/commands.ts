import type { AccountKind, OrderSide, OrderType, TimeInForce, TradingState } from '../../domain/order';
import type { RiskLimits } from '../risk/limits';

/**
 * Commands are imperative and carry their own time (`timeMs`, epoch milliseconds, never
 * decreasing): the engine has no clock. Order ids are assigned by the engine from a counter in
 * its state, so they are as deterministic as the command stream. Commands come from the
 * protocol's decoded messages or a journal; the engine still checks every field, because a
 * malformed command must be rejected with a code and never throw.
 */
export type OrderSpec = {
  /**
   * Idempotency key chosen by the client (1..64 chars): refused while taken, i.e. while its order
   * is open or ended within the account's client-id window (README: client order ids).
   */
  readonly clientOrderId?: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly orderType: OrderType;
  readonly qtyLots: number;
  /** Limit price (limit, stop_limit, take_profit_limit). */
  readonly priceTicks?: number;
  /** Trigger price (stop_*, take_profit*; optional start trigger for trailing_stop). */
  readonly triggerPriceTicks?: number;
  /** Trailing distance in ticks, or … */
  readonly trailTicks?: number;
  /** … as a fraction of the best price, in bps (100 = 1%). */
  readonly trailBps?: number;
  readonly tif?: TimeInForce;
  /** GTD only. */
  readonly expireAtMs?: number;
  readonly postOnly?: boolean;
  readonly reduceOnly?: boolean;
};

type At = { readonly timeMs: number };

export type OpenAccountCommand = At & {
  readonly type: 'OpenAccount';
  readonly accountId: string;
  readonly kind: AccountKind;
  /** A sub-account (e.g. one per strategy) names its parent; transfers stay inside the family. */
  readonly parentId?: string;
  /** Margin accounts: 1..LEVERAGE_MAX. */
  readonly leverage?: number;
  readonly limits?: Partial<RiskLimits>;
  readonly makerFeeBps?: number;
  readonly takerFeeBps?: number;
};
export type DepositCommand = At & {
  readonly type: 'Deposit' | 'Withdraw';
  readonly accountId: string;
  readonly currency: string;
  readonly amountMinor: bigint;
};
export type TransferCommand = At & {
  readonly type: 'Transfer';
  readonly fromAccountId: string;
  readonly toAccountId: string;
  readonly currency: string;
  readonly amountMinor: bigint;
};
export type PlaceOrderCommand = At & {
  readonly type: 'PlaceOrder';
  readonly accountId: string;
  readonly order: OrderSpec;
};
/** Two orders of one instrument; when either fills or triggers, the other is cancelled. */
export type PlaceOcoCommand = At & {
  readonly type: 'PlaceOco';
  readonly accountId: string;
  readonly first: OrderSpec;
  readonly second: OrderSpec;
};
/**
 * An entry order with a take-profit (limit) and a stop-loss (stop-market, or stop-limit with
 * `stopLossLimitTicks`). The legs go live for the filled quantity when the entry fills, as an
 * OCO pair of reduce-only orders.
 */
export type PlaceBracketCommand = At & {
  readonly type: 'PlaceBracket';
  readonly accountId: string;
  readonly entry: OrderSpec;
  readonly takeProfitTicks: number;
  readonly stopLossTriggerTicks: number;
  readonly stopLossLimitTicks?: number;
};
export type ModifyOrderCommand = At & {
  readonly type: 'ModifyOrder';
  readonly accountId: string;
  readonly orderId: number;
  readonly qtyLots?: number;
  readonly priceTicks?: number;
  readonly triggerPriceTicks?: number;
};
export type CancelOrderCommand = At & {
  readonly type: 'CancelOrder';
  readonly accountId: string;
  readonly orderId?: number;
  readonly clientOrderId?: string;
};
/** By account, by instrument, or both; at least one. */
export type CancelAllCommand = At & {
  readonly type: 'CancelAll';
  readonly accountId?: string;
  readonly symbol?: string;
};
export type SetTradingStateCommand = At & {
  readonly type: 'SetTradingState';
  readonly scope: 'global' | 'account' | 'instrument';
  readonly accountId?: string;
  readonly symbol?: string;
  readonly state: TradingState;
  readonly reason?: string;
};
export type SetLimitsCommand = At & {
  readonly type: 'SetLimits';
  readonly accountId: string;
  readonly limits: Partial<RiskLimits>;
};
/** External reference prices (the market data feed): revalue positions, trigger stops, check margin. */
export type MarkPricesCommand = At & {
  readonly type: 'MarkPrices';
  readonly marks: readonly { readonly symbol: string; readonly priceTicks: number }[];
};
/** Lets time pass: expires GTD/DAY orders, lifts protections. */
export type AdvanceTimeCommand = At & { readonly type: 'AdvanceTime' };

export type Command =
  | OpenAccountCommand
  | DepositCommand
  | TransferCommand
  | PlaceOrderCommand
  | PlaceOcoCommand
  | PlaceBracketCommand
  | ModifyOrderCommand
  | CancelOrderCommand
  | CancelAllCommand
  | SetTradingStateCommand
  | SetLimitsCommand
  | MarkPricesCommand
  | AdvanceTimeCommand;

export type CommandType = Command['type'];
