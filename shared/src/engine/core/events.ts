import type {
  AccountKind,
  Liquidity,
  OrderSide,
  OrderStatus,
  OrderType,
  TimeInForce,
  TradingState,
} from '../../domain/order';
import type { CancelReason, ReasonCode } from '../codes/reason-codes';
import type { CommandType } from './commands';

/**
 * Events are past tense and say everything a consumer needs without reading engine state.
 * Order events are the execution reports: one per state-machine transition (README.md).
 * Cash is bigint minor units, prices ticks, quantities lots.
 */
export type OrderAcceptedEvent = {
  readonly type: 'OrderAccepted';
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly accountId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly orderType: OrderType;
  readonly tif: TimeInForce;
  readonly qtyLots: number;
  /** 0 when the order has no limit price. */
  readonly priceTicks: number;
  /** 0 when the order has no trigger. */
  readonly triggerPriceTicks: number;
  /** The price it may trade to now: its limit, or a market order's protection price (0: waits for a trigger). */
  readonly workingTicks: number;
  /** The bracket entry or OCO partner this order is linked to (0: none). */
  readonly linkedOrderId: number;
  readonly status: 'accepted';
};
export type OrderRejectedEvent = {
  readonly type: 'OrderRejected';
  readonly clientOrderId: string;
  readonly accountId: string;
  readonly symbol: string;
  readonly code: ReasonCode;
  readonly message: string;
  readonly status: 'rejected';
};
export type OrderTriggeredEvent = {
  readonly type: 'OrderTriggered';
  readonly orderId: number;
  readonly accountId: string;
  readonly triggerPriceTicks: number;
  /** The price that crossed the trigger (after a gap it is beyond the trigger). */
  readonly atPriceTicks: number;
  /** The price it may trade to from now: its limit, or the protection price of a market-like order. */
  readonly workingTicks: number;
  readonly status: 'triggered';
};
export type OrderFilledEvent = {
  readonly type: 'OrderFilled';
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly accountId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly tradeId: number;
  readonly priceTicks: number;
  readonly qtyLots: number;
  readonly filledLots: number;
  readonly remainingLots: number;
  readonly liquidity: Liquidity;
  /** Positive: paid; negative: a maker rebate received. */
  readonly feeMinor: bigint;
  readonly status: 'partially_filled' | 'filled';
};
export type OrderCancelledEvent = {
  readonly type: 'OrderCancelled';
  readonly orderId: number;
  readonly accountId: string;
  readonly reason: CancelReason;
  readonly filledLots: number;
  readonly cancelledLots: number;
  readonly status: 'cancelled';
};
export type OrderExpiredEvent = {
  readonly type: 'OrderExpired';
  readonly orderId: number;
  readonly accountId: string;
  readonly filledLots: number;
  readonly expiredLots: number;
  readonly status: 'expired';
};
export type OrderModifiedEvent = {
  readonly type: 'OrderModified';
  readonly orderId: number;
  readonly accountId: string;
  readonly qtyLots: number;
  readonly priceTicks: number;
  readonly triggerPriceTicks: number;
  /** False when the change cost the order its time priority (price change or quantity increase). */
  readonly priorityKept: boolean;
  readonly workingTicks: number;
  readonly status: OrderStatus;
};
export type OrderModifyRejectedEvent = {
  readonly type: 'OrderModifyRejected' | 'OrderCancelRejected';
  readonly orderId: number;
  readonly accountId: string;
  readonly code: ReasonCode;
  readonly message: string;
};
export type TradeExecutedEvent = {
  readonly type: 'TradeExecuted';
  readonly tradeId: number;
  readonly symbol: string;
  readonly priceTicks: number;
  readonly qtyLots: number;
  readonly buyOrderId: number;
  readonly sellOrderId: number;
  readonly buyAccountId: string;
  readonly sellAccountId: string;
  readonly aggressor: OrderSide;
};
export type PositionChangedEvent = {
  readonly type: 'PositionChanged';
  readonly accountId: string;
  readonly symbol: string;
  /** Signed: long > 0, short < 0. */
  readonly qtyLots: number;
  /** Signed cost of the open quantity (avg entry = cost ÷ qty), minor units. */
  readonly costMinor: bigint;
  readonly realisedPnlMinor: bigint;
};
export type BalanceReason = 'deposit' | 'withdrawal' | 'transfer' | 'trade' | 'liquidation';
export type BalanceChangedEvent = {
  readonly type: 'BalanceChanged';
  readonly accountId: string;
  readonly currency: string;
  readonly balanceMinor: bigint;
  readonly deltaMinor: bigint;
  readonly reason: BalanceReason;
};
export type TradingStateChangedEvent = {
  readonly type: 'TradingStateChanged';
  readonly scope: 'global' | 'account' | 'instrument';
  /** The account or symbol ('' for global). */
  readonly target: string;
  readonly state: TradingState;
  readonly reason: string;
};
export type ProtectionName = 'max_drawdown' | 'stop_loss_guard' | 'cooldown' | 'daily_loss';
export type ProtectionTriggeredEvent = {
  readonly type: 'ProtectionTriggered';
  readonly accountId: string;
  readonly protection: ProtectionName;
  readonly state: TradingState;
  /** 0: until the trading day ends. */
  readonly untilMs: number;
  readonly message: string;
};
export type MarginCallEvent = {
  readonly type: 'MarginCall';
  readonly accountId: string;
  readonly equityMinor: bigint;
  readonly maintenanceMarginMinor: bigint;
};
export type LiquidatedEvent = {
  readonly type: 'Liquidated';
  readonly accountId: string;
  readonly symbol: string;
  /** Signed quantity closed (the position before liquidation). */
  readonly qtyLots: number;
  /** Lots the venue's liquidation account took over at the mark (what the book could not absorb). */
  readonly takenOverLots: number;
  readonly markTicks: number;
};
export type AccountOpenedEvent = {
  readonly type: 'AccountOpened';
  readonly accountId: string;
  readonly kind: AccountKind;
  readonly parentId: string;
  readonly leverage: number;
};
export type CommandRejectedEvent = {
  readonly type: 'CommandRejected';
  readonly command: CommandType | 'unknown';
  readonly code: ReasonCode;
  readonly message: string;
};
export type LimitsChangedEvent = { readonly type: 'LimitsChanged'; readonly accountId: string };

export type EngineEvent =
  | OrderAcceptedEvent
  | OrderRejectedEvent
  | OrderTriggeredEvent
  | OrderFilledEvent
  | OrderCancelledEvent
  | OrderExpiredEvent
  | OrderModifiedEvent
  | OrderModifyRejectedEvent
  | TradeExecutedEvent
  | PositionChangedEvent
  | BalanceChangedEvent
  | TradingStateChangedEvent
  | ProtectionTriggeredEvent
  | MarginCallEvent
  | LiquidatedEvent
  | AccountOpenedEvent
  | CommandRejectedEvent
  | LimitsChangedEvent;
