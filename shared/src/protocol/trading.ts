import { z } from 'zod';
import { SYMBOL_PATTERN } from '../domain/ids';
import { ORDER_SIDES, ORDER_STATUSES, type OrderStatus, TIMES_IN_FORCE } from '../domain/order';
import { REASON_CODE_LIST, type ReasonCode } from '../engine/codes/reason-codes';

/**
 * The order-entry contract of the core, shared by its three transports (WebSocket ops, the
 * REST API `/v1/...` for scripts, the internal HTTP API for edge) and by the PWA's forms.
 * Every transport ends in the same order-entry function in core-server/src/trading/.
 *
 * Quantities and prices are DECIMAL STRINGS (exact); the core converts them to lots/ticks
 * with the instrument's steps at the door and rejects a value off the grid (`OFF_GRID`),
 * never rounds. Order ids are the engine's integer ids as decimal strings.
 */

/** A positive decimal (`"1"`, `"0.25"`, `"101.50"`); the grid is checked against the instrument. */
export const decimalStringSchema = z
  .string()
  .max(40)
  .regex(/^\d{1,18}(\.\d{1,18})?$/, 'a positive decimal string like "12.5"')
  .refine((s) => /[1-9]/.test(s), 'must be greater than zero');
export const orderIdSchema = z.string().regex(/^[1-9]\d{0,15}$/, 'an order id (decimal integer)');
export const accountIdSchema = z.string().uuid();
export const clientOrderIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _.:- only');
export const symbolSchema = z.string().max(25).regex(SYMBOL_PATTERN, 'a symbol like BTC-USD');

export const SINGLE_ORDER_TYPES = [
  'market',
  'limit',
  'stop_market',
  'stop_limit',
  'take_profit',
  'take_profit_limit',
  'trailing_stop',
] as const;
export type SingleOrderType = (typeof SINGLE_ORDER_TYPES)[number];

/** `field` is required (`when`) or refused: a module function, not a closure made on every parse. */
function needs(
  o: { type: string; price?: string | undefined; triggerPrice?: string | undefined },
  ctx: z.RefinementCtx,
  field: 'price' | 'triggerPrice',
  when: boolean,
): void {
  if (when && o[field] === undefined)
    ctx.addIssue({ code: 'custom', path: [field], message: `${o.type} needs ${field}` });
  if (!when && o[field] !== undefined && !(field === 'triggerPrice' && o.type === 'trailing_stop')) {
    ctx.addIssue({ code: 'custom', path: [field], message: `${o.type} takes no ${field}` });
  }
}

/**
 * One order. Which prices are required depends on `type`:
 * market: none · limit: price · stop_market / take_profit: triggerPrice · stop_limit /
 * take_profit_limit: price + triggerPrice · trailing_stop: exactly one of trailAmount (a price
 * distance) or trailPercent (e.g. "1.5" = 1.5%, a multiple of 0.01), optional triggerPrice to
 * start from. `timeInForce` defaults to GTC (market: IOC); GTD needs `expireAtMs`.
 */
export const orderSpecSchema = z
  .object({
    symbol: symbolSchema,
    side: z.enum(ORDER_SIDES),
    type: z.enum(SINGLE_ORDER_TYPES),
    quantity: decimalStringSchema,
    price: decimalStringSchema.optional(),
    triggerPrice: decimalStringSchema.optional(),
    trailAmount: decimalStringSchema.optional(),
    trailPercent: decimalStringSchema.optional(),
    timeInForce: z.enum(TIMES_IN_FORCE).optional(),
    expireAtMs: z.number().int().positive().max(8.64e15).optional(),
    postOnly: z.boolean().optional(),
    reduceOnly: z.boolean().optional(),
    clientOrderId: clientOrderIdSchema.optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    needs(o, ctx, 'price', o.type === 'limit' || o.type === 'stop_limit' || o.type === 'take_profit_limit');
    needs(
      o,
      ctx,
      'triggerPrice',
      o.type === 'stop_market' || o.type === 'stop_limit' || o.type.startsWith('take_profit'),
    );
    const trails = (o.trailAmount === undefined ? 0 : 1) + (o.trailPercent === undefined ? 0 : 1);
    if (o.type === 'trailing_stop' ? trails !== 1 : trails !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['trailAmount'],
        message: 'trailing_stop takes exactly one of trailAmount / trailPercent',
      });
    }
    if ((o.timeInForce === 'GTD') !== (o.expireAtMs !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['expireAtMs'],
        message: 'expireAtMs goes with timeInForce GTD (and only then)',
      });
    }
  });
export type OrderSpecInput = z.infer<typeof orderSpecSchema>;

/** What to place: one order, an OCO pair, or a bracket (entry + take-profit limit + stop-loss). */
export const placeOrderSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('single'), order: orderSpecSchema }).strict(),
  z.object({ kind: z.literal('oco'), first: orderSpecSchema, second: orderSpecSchema }).strict(),
  z
    .object({
      kind: z.literal('bracket'),
      entry: orderSpecSchema,
      takeProfitPrice: decimalStringSchema,
      stopLossTriggerPrice: decimalStringSchema,
      /** Absent: the stop-loss is a stop-market; present: a stop-limit at this price. */
      stopLossLimitPrice: decimalStringSchema.optional(),
    })
    .strict(),
]);
export type PlaceOrderInput = z.infer<typeof placeOrderSchema>;

/** The request bodies, identical on every transport (WS adds `op` and `id`; internal adds `userId`). */
export const placeRequestSchema = z.object({ accountId: accountIdSchema, place: placeOrderSchema }).strict();
/** The shapes before cross-field checks, so transports can extend them (zod cannot extend a refined object). */
export const modifyRequestShape = {
  accountId: accountIdSchema,
  orderId: orderIdSchema,
  quantity: decimalStringSchema.optional(),
  price: decimalStringSchema.optional(),
  triggerPrice: decimalStringSchema.optional(),
};
export const modifyHasChange = (m: { quantity?: string; price?: string; triggerPrice?: string }): boolean =>
  m.quantity !== undefined || m.price !== undefined || m.triggerPrice !== undefined;
export const modifyRequestSchema = z.object(modifyRequestShape).strict().refine(modifyHasChange, 'nothing to modify');
export const cancelRequestShape = {
  accountId: accountIdSchema,
  orderId: orderIdSchema.optional(),
  clientOrderId: clientOrderIdSchema.optional(),
};
export const cancelHasOneId = (c: { orderId?: string; clientOrderId?: string }): boolean =>
  (c.orderId === undefined) !== (c.clientOrderId === undefined);
export const cancelRequestSchema = z
  .object(cancelRequestShape)
  .strict()
  .refine(cancelHasOneId, 'exactly one of orderId / clientOrderId');
export const cancelAllRequestSchema = z
  .object({ accountId: accountIdSchema, symbol: symbolSchema.optional() })
  .strict();
/** engaged: cancel every open order of the account and halt it; released: the account trades again. */
export const killSwitchRequestSchema = z.object({ accountId: accountIdSchema, engaged: z.boolean() }).strict();
/** Admin only (JWT role 'admin'): halt or resume one instrument, or everything when `symbol` is absent. */
export const haltRequestSchema = z.object({ symbol: symbolSchema.optional(), halted: z.boolean() }).strict();

export type PlaceRequest = z.infer<typeof placeRequestSchema>;
export type ModifyRequest = z.infer<typeof modifyRequestSchema>;
export type CancelRequest = z.infer<typeof cancelRequestSchema>;
export type CancelAllRequest = z.infer<typeof cancelAllRequestSchema>;
export type KillSwitchRequest = z.infer<typeof killSwitchRequestSchema>;
export type HaltRequest = z.infer<typeof haltRequestSchema>;

export const TRADING_OPS = ['place', 'modify', 'cancel', 'cancelAll', 'killSwitch'] as const;
export type TradingOp = (typeof TRADING_OPS)[number];

export type TradingRequest =
  | ({ op: 'place' } & PlaceRequest)
  | ({ op: 'modify' } & ModifyRequest)
  | ({ op: 'cancel' } & CancelRequest)
  | ({ op: 'cancelAll' } & CancelAllRequest)
  | ({ op: 'killSwitch' } & KillSwitchRequest);

/**
 * Why the core refused a request: the core's own codes, then the engine's reason codes
 * (`RISK_*`, `ORDER_*`, ... see shared/src/engine/README.md). A closed set: switch on it.
 * - NOT_FOUND: the account or order does not exist *for this user* (also another user's ids).
 * - AUTH_REQUIRED: no authenticated user (WS: send `auth` first; REST: a Bearer token).
 * - AUTH_SESSION_REVOKED: the access token's session ended (logout, password change): refresh or sign in again.
 * - FORBIDDEN: authenticated but not allowed (admin ops without the admin role).
 * - INVALID: the body failed the schema. OFF_GRID: a price/quantity is not a multiple of the step.
 * - UNKNOWN_SYMBOL: no such instrument. ACCOUNT_HALTED: the kill switch is engaged.
 * - CORE_JOURNAL_UNAVAILABLE: the journal (PostgreSQL) is down or recovering: refused before anything
 *   happened, or the journal failed before writing the request ("nothing happened"), or (the message
 *   says so) the journal failed while writing it and recovery could not tell in time whether it
 *   landed: the outcome is unknown: look it up, or resend a place with the same clientOrderId (it
 *   cannot double).
 * - CORE_OVERLOADED: the journal queue is full; nothing happened, retry later.
 * - RATE_LIMITED: REST with an API key: more requests a second than the key may make; retry later.
 */
export const CORE_REJECT_CODES = [
  'NOT_FOUND',
  'AUTH_REQUIRED',
  'AUTH_SESSION_REVOKED',
  'FORBIDDEN',
  'INVALID',
  'OFF_GRID',
  'UNKNOWN_SYMBOL',
  'ACCOUNT_HALTED',
  'CORE_JOURNAL_UNAVAILABLE',
  'CORE_OVERLOADED',
  'RATE_LIMITED',
] as const;
export type CoreRejectCode = (typeof CORE_REJECT_CODES)[number];
export type TradingRejectCode = CoreRejectCode | ReasonCode;
export const TRADING_REJECT_CODES: readonly TradingRejectCode[] = [...CORE_REJECT_CODES, ...REASON_CODE_LIST];

/** HTTP status of each reject on REST and internal endpoints (engine reason codes: 422). */
export function httpStatusOfReject(code: TradingRejectCode): number {
  switch (code) {
    case 'NOT_FOUND':
      return 404;
    case 'AUTH_REQUIRED':
    case 'AUTH_SESSION_REVOKED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'INVALID':
    case 'OFF_GRID':
    case 'UNKNOWN_SYMBOL':
      return 400;
    case 'CORE_JOURNAL_UNAVAILABLE':
    case 'CORE_OVERLOADED':
      return 503;
    case 'RATE_LIMITED':
      return 429;
    default:
      return 422;
  }
}

/**
 * The answer to every trading request. `status` is the order's status after the command
 * (place/modify/cancel), `cancelled` counts cancelled orders (cancelAll, killSwitch).
 * A place of an OCO/bracket answers with the first/entry order's id and `orderIds` of all legs.
 * A place whose `clientOrderId` the account already used answers the order that has it, with
 * `duplicate: true` (and its `status` while it is open), instead of placing anything: a retry
 * after a lost answer can never place twice (RELIABILITY R5). Used for a different instrument or
 * side it stays a rejection, `ORDER_DUPLICATE_CLIENT_ID`.
 */
export type TradingAck = {
  orderId?: string;
  /** The place was a repeat of an order already taken (same client order id): nothing new was placed. */
  duplicate?: true;
  clientOrderId?: string;
  status?: OrderStatus | 'halted' | 'active';
  orderIds?: string[];
  cancelled?: number;
};
export type TradingReject = { code: TradingRejectCode; message: string };
export type TradingAnswer = ({ ok: true } & TradingAck) | ({ ok: false } & TradingReject);

/** WebSocket: `{op:'place', id, accountId, place}` → `ack` {id, op, orderId, clientOrderId, status} or `reject` {id, op, code, message}. */
export type OrderAckFrame = { type: 'ack'; op: TradingOp; id?: string | undefined } & TradingAck;
export type RejectFrame = { type: 'reject'; op: TradingOp; id?: string | undefined } & TradingReject;

// ---- views (decimal strings; what private topics carry and query tables hold) ----

export type OrderView = {
  orderId: string;
  clientOrderId: string;
  accountId: string;
  symbol: string;
  side: 'buy' | 'sell';
  type: SingleOrderType;
  timeInForce: (typeof TIMES_IN_FORCE)[number];
  status: OrderStatus;
  quantity: string;
  filledQuantity: string;
  /** Absent when the order has no limit price. */
  price?: string;
  triggerPrice?: string;
  /** The OCO partner or bracket entry (absent: none). */
  linkedOrderId?: string;
  /** Last reject/cancel reason, when there is one. */
  reason?: string;
  /** The live strategy deployment that placed it (absent: placed by hand). */
  deploymentId?: string;
  updatedAtMs: number;
};
export type FillView = {
  tradeId: string;
  orderId: string;
  clientOrderId: string;
  accountId: string;
  symbol: string;
  side: 'buy' | 'sell';
  price: string;
  quantity: string;
  /** In the quote currency; negative: a maker rebate. */
  fee: string;
  liquidity: 'maker' | 'taker';
  /** As on its order. */
  deploymentId?: string;
  tsMs: number;
};
export type PositionView = {
  accountId: string;
  symbol: string;
  /** Signed: long > 0, short < 0. */
  quantity: string;
  /** Signed cost of the open quantity in the quote currency (avg entry = cost / quantity). */
  cost: string;
  realisedPnl: string;
  updatedAtMs: number;
};
export type BalanceView = { accountId: string; currency: string; balance: string; updatedAtMs: number };
export type AccountAlert = {
  kind: 'stop_triggered' | 'margin_call' | 'liquidated' | 'kill_switch' | 'trading_state' | 'protection';
  message: string;
  orderId?: string;
  symbol?: string;
};

// ---- topics ----

/** Private topic of an account: only its owner may subscribe (`acct.<accountId>`). */
export const ACCOUNT_CHANNEL = 'acct';
export const accountTopicOf = (accountId: string): string => `${ACCOUNT_CHANNEL}.${accountId}`;
const ACCOUNT_TOPIC_PATTERN = /^acct\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const isAccountTopic = (topic: string): boolean => ACCOUNT_TOPIC_PATTERN.test(topic);

/** Frames on `acct.<accountId>`; `seq` counts 1, 2, 3… per topic per core run. */
export type AccountFrame =
  | { type: 'order'; topic: string; seq: number; order: OrderView }
  | { type: 'fill'; topic: string; seq: number; fill: FillView }
  | { type: 'position'; topic: string; seq: number; position: PositionView }
  | { type: 'balance'; topic: string; seq: number; balance: BalanceView }
  | { type: 'alert'; topic: string; seq: number; alert: AccountAlert };

/** A price level: [price, quantity] as decimal strings. */
export type DepthLevel = [price: string, quantity: string];
/**
 * `depth.<SYM>` (top 50 levels a side): on subscribe a `depthSnapshot`, then `depthDelta`s of the
 * changed levels. `seq` is a per-topic frame counter shared by snapshots and deltas (a delta's seq
 * is the previous + 1; a snapshot carries the seq of the last delta it includes). A delta level
 * with quantity "0" removes the level. A client seeing a gap re-subscribes for a fresh snapshot.
 */
export type DepthSnapshotFrame = {
  type: 'depthSnapshot';
  symbol: string;
  seq: number;
  bids: DepthLevel[];
  asks: DepthLevel[];
};
export type DepthDeltaFrame = {
  type: 'depthDelta';
  symbol: string;
  seq: number;
  bids: DepthLevel[];
  asks: DepthLevel[];
};
/** `bars1s.<SYM>`: one closed 1-second bar per second with trades (OHLC decimal strings). */
export type Bar1sFrame = {
  type: 'bar';
  symbol: string;
  seq: number;
  interval: '1s';
  openTimeMs: number;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
  trades: number;
};

// ---- HTTP APIs ----

/**
 * Internal API of core for edge (never exposed publicly). Every call: POST with
 * `authorization: Bearer <CORE_SERVICE_TOKEN>` and a JSON body = the request body + `userId`
 * (edge authenticated the user; core still checks that the account belongs to that user).
 * Answer: a `TradingAnswer` JSON with HTTP status 200 (ok) or `httpStatusOfReject(code)`;
 * 401 `{ok:false, code:'AUTH_REQUIRED'}` for a bad service token.
 */
export const INTERNAL_PATHS = {
  place: '/internal/v1/orders/place',
  modify: '/internal/v1/orders/modify',
  cancel: '/internal/v1/orders/cancel',
  cancelAll: '/internal/v1/orders/cancel-all',
  killSwitch: '/internal/v1/accounts/kill-switch',
} as const satisfies Record<TradingOp, string>;
export const internalBodySchema = z.object({ userId: z.string().uuid() });
export const SERVICE_TOKEN_HEADER = 'authorization';

/**
 * REST API for scripts (`authorization: Bearer <access token>` from edge's login). Bodies as the
 * request schemas above; answers a `TradingAnswer` with the status of `httpStatusOfReject`.
 *   POST   /v1/orders                      PlaceRequest
 *   PATCH  /v1/orders                      ModifyRequest
 *   DELETE /v1/orders                      CancelRequest (as the JSON body)
 *   POST   /v1/orders/cancel-all           CancelAllRequest
 *   POST   /v1/accounts/kill-switch        KillSwitchRequest
 *   POST   /v1/admin/halt                  HaltRequest (role admin)
 *   GET    /v1/accounts/<accountId>/orders | /fills | /positions | /balances → views (own accounts only)
 */
export const REST_PATHS = {
  orders: '/v1/orders',
  cancelAll: '/v1/orders/cancel-all',
  killSwitch: '/v1/accounts/kill-switch',
  halt: '/v1/admin/halt',
} as const;

export { ORDER_STATUSES };
