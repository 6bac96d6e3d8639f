import type { z } from 'zod';
import type { OrderSpec } from '../engine/index';
import type { Bar } from '../market-data/index';
import type { IndicatorHelpers } from './indicator-helpers';

/**
 * The strategy API. A strategy is a definition (id, a zod schema of its parameters, a factory);
 * the factory gets the validated parameters and a `StrategyContext`, and returns the handlers it
 * wants called. Handlers see only what a user sees: market data, their own fills, their orders,
 * positions and balances. Time is the event's; randomness is the seeded `ctx.random`.
 */
export type StrategyDefinition<S extends z.ZodType = z.ZodType> = {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** The parameters; the PWA renders its form from this schema (give every field a default). */
  readonly params: S;
  create(params: z.output<S>, ctx: StrategyContext): StrategyHandlers;
};

/** A recorded trade print (tick data). */
export type TradeTick = {
  readonly symbol: string;
  readonly timeMs: number;
  readonly priceTicks: number;
  readonly qtyLots: number;
};

/** One of the strategy's own fills. */
export type Fill = {
  readonly timeMs: number;
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly priceTicks: number;
  readonly qtyLots: number;
  /** Positive: paid; negative: a rebate. */
  readonly feeMinor: bigint;
  readonly liquidity: 'maker' | 'taker';
  /** True on the order's last fill. */
  readonly orderDone: boolean;
};

export type StrategyHandlers = {
  onStart?(): void;
  /** A bar closed (its time is the bar's close). */
  onBar?(bar: Bar): void;
  onTrade?(trade: TradeTick): void;
  onFill?(fill: Fill): void;
  onTimer?(name: string): void;
  /** An order the strategy placed was rejected or cancelled by the venue. */
  onOrderClosed?(order: OrderView, reason: string): void;
};

/** A strategy's open order as it sees it. */
export type OrderView = {
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly orderType: OrderSpec['orderType'];
  readonly qtyLots: number;
  readonly filledLots: number;
  readonly priceTicks: number;
  readonly triggerPriceTicks: number;
  /** The price it works at in the book now (0: waiting for its trigger). */
  readonly workingTicks: number;
};

export type PositionView = {
  /** Signed lots: long > 0, short < 0. */
  readonly qtyLots: number;
  /** Signed cost of the open quantity, minor units (average entry = cost ÷ qty). */
  readonly costMinor: bigint;
  readonly realisedPnlMinor: bigint;
};

/** What a strategy may ask for: an order of any type, named by its client order id. */
export type OrderRequest = Omit<OrderSpec, 'clientOrderId'> & { readonly clientOrderId?: string };

export type OrderChange = {
  readonly qtyLots?: number;
  readonly priceTicks?: number;
  readonly triggerPriceTicks?: number;
};

export type StrategyLogger = {
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
};

export type LogLine = {
  readonly timeMs: number;
  readonly level: 'info' | 'warn';
  readonly message: string;
  readonly fields?: Readonly<Record<string, unknown>>;
};

/** Seeded randomness, the only kind a strategy may use (same seed → same run). */
export type StrategyRandom = {
  /** Uniform in [0, 1). */
  next(): number;
};

export type StrategyContext = {
  readonly accountId: string;
  /** The current event's time, epoch ms (bars: the bar's close). */
  now(): number;
  readonly random: StrategyRandom;
  readonly log: StrategyLogger;
  /** Factories of the streaming indicators (`ctx.indicators.sma(20)`). */
  readonly indicators: IndicatorHelpers;
  /** Places an order; returns its client order id (generated when not given). */
  placeOrder(order: OrderRequest): string;
  /** Two orders; the fill or trigger of one cancels the other. Returns both client ids. */
  placeOco(first: OrderRequest, second: OrderRequest): readonly [string, string];
  /** An entry with a take-profit limit and a stop-loss (stop-limit with `stopLossLimitTicks`). */
  placeBracket(
    entry: OrderRequest,
    exits: {
      readonly takeProfitTicks: number;
      readonly stopLossTriggerTicks: number;
      readonly stopLossLimitTicks?: number;
    },
  ): string;
  marketBuy(symbol: string, qtyLots: number): string;
  marketSell(symbol: string, qtyLots: number): string;
  limitBuy(symbol: string, qtyLots: number, priceTicks: number): string;
  limitSell(symbol: string, qtyLots: number, priceTicks: number): string;
  /** Modifies an open order (by client order id); false when it is not open. */
  modifyOrder(clientOrderId: string, change: OrderChange): boolean;
  /** Cancels an open order (by client order id); false when it is not open. */
  cancelOrder(clientOrderId: string): boolean;
  cancelAll(symbol?: string): void;
  position(symbol: string): PositionView;
  /** Cash balance (including amounts held by open orders), minor units. */
  cash(currency?: string): bigint;
  openOrders(symbol?: string): readonly OrderView[];
  /** Arms (or re-arms) a named timer at an absolute event time ≥ now. */
  setTimer(name: string, atMs: number): void;
  cancelTimer(name: string): void;
};
