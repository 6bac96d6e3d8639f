import { ORDER_SIDES, type OrderSide, TIMES_IN_FORCE, type TimeInForce } from '@tradewind/shared/domain';
import {
  type OrderSpecInput,
  type PlaceRequest,
  placeRequestSchema,
  SINGLE_ORDER_TYPES,
  type SingleOrderType,
} from '@tradewind/shared/protocol';

/** What the ticket's inputs hold: text as typed, checkboxes as booleans. */
export type TicketFields = {
  side: OrderSide;
  type: SingleOrderType;
  quantity: string;
  price: string;
  triggerPrice: string;
  trailBy: 'amount' | 'percent';
  trail: string;
  timeInForce: TimeInForce;
  /** `datetime-local` text; GTD only. */
  expireAt: string;
  postOnly: boolean;
  reduceOnly: boolean;
  bracket: boolean;
  takeProfitPrice: string;
  stopLossTriggerPrice: string;
  stopLossLimitPrice: string;
};

export const emptyTicket = (): TicketFields => ({
  side: 'buy',
  type: 'limit',
  quantity: '',
  price: '',
  triggerPrice: '',
  trailBy: 'amount',
  trail: '',
  timeInForce: 'GTC',
  expireAt: '',
  postOnly: false,
  reduceOnly: false,
  bracket: false,
  takeProfitPrice: '',
  stopLossTriggerPrice: '',
  stopLossLimitPrice: '',
});

export const TYPE_LABELS: Record<SingleOrderType, string> = {
  market: 'Market',
  limit: 'Limit',
  stop_market: 'Stop',
  stop_limit: 'Stop limit',
  take_profit: 'Take profit',
  take_profit_limit: 'Take profit limit',
  trailing_stop: 'Trailing stop',
};
export { ORDER_SIDES, SINGLE_ORDER_TYPES, TIMES_IN_FORCE };

/** Which inputs an order type uses (the rest are hidden and not sent). */
export function ticketNeeds(type: SingleOrderType) {
  return {
    price: type === 'limit' || type === 'stop_limit' || type === 'take_profit_limit',
    trigger: type === 'stop_market' || type === 'stop_limit' || type === 'take_profit' || type === 'take_profit_limit',
    trail: type === 'trailing_stop',
    timeInForce: type !== 'market',
    postOnly: type === 'limit',
  };
}

export type TicketResult =
  | { readonly ok: true; readonly request: PlaceRequest }
  | { readonly ok: false; readonly fields: Readonly<Record<string, string>>; readonly message: string };

const trimmed = (v: string): string | undefined => (v.trim() === '' ? undefined : v.trim());

function orderOf(
  f: TicketFields,
  symbol: string,
  clientOrderId: string,
  expireAtMs: number | undefined,
): OrderSpecInput {
  const needs = ticketNeeds(f.type);
  const order: Record<string, unknown> = {
    symbol,
    side: f.side,
    type: f.type,
    quantity: f.quantity.trim(),
    clientOrderId,
  };
  if (needs.price) order.price = trimmed(f.price);
  if (needs.trigger) order.triggerPrice = trimmed(f.triggerPrice);
  if (needs.trail) order[f.trailBy === 'amount' ? 'trailAmount' : 'trailPercent'] = trimmed(f.trail);
  if (needs.timeInForce) order.timeInForce = f.timeInForce;
  if (needs.timeInForce && f.timeInForce === 'GTD') order.expireAtMs = expireAtMs ?? 0;
  if (needs.postOnly && f.postOnly) order.postOnly = true;
  if (f.reduceOnly) order.reduceOnly = true;
  return order as OrderSpecInput;
}

/**
 * The ticket's fields → the exact request edge will receive, validated in the browser by the
 * same zod schema edge and core use. Field errors are keyed by the ticket's own field names.
 */
export function buildPlaceRequest(
  f: TicketFields,
  ctx: { accountId: string; symbol: string; clientOrderId: string },
): TicketResult {
  const expireAtMs = f.expireAt ? Date.parse(f.expireAt) : undefined;
  const entry = orderOf(f, ctx.symbol, ctx.clientOrderId, Number.isFinite(expireAtMs) ? expireAtMs : undefined);
  const place = f.bracket
    ? {
        kind: 'bracket' as const,
        entry,
        takeProfitPrice: trimmed(f.takeProfitPrice) ?? '',
        stopLossTriggerPrice: trimmed(f.stopLossTriggerPrice) ?? '',
        ...(trimmed(f.stopLossLimitPrice) ? { stopLossLimitPrice: trimmed(f.stopLossLimitPrice) } : {}),
      }
    : { kind: 'single' as const, order: entry };
  const parsed = placeRequestSchema.safeParse({ accountId: ctx.accountId, place });
  if (parsed.success) return { ok: true, request: parsed.data };
  const fields: Record<string, string> = {};
  let message = 'Please correct the marked fields.';
  for (const issue of parsed.error.issues) {
    const key = fieldOf(issue.path);
    if (key && fields[key] === undefined) fields[key] = humanise(issue.message);
    if (!key) message = humanise(issue.message);
  }
  return { ok: false, fields, message };
}

/** `['place', 'order', 'price']` → `price`; trail fields map to the one trail input. */
function fieldOf(path: readonly PropertyKey[]): string | undefined {
  const last = String(path.at(-1) ?? '');
  if (last === 'trailAmount' || last === 'trailPercent') return 'trail';
  if (last === 'expireAtMs') return 'expireAt';
  if (last === 'accountId' || last === '' || last === 'place') return undefined;
  return last;
}

function humanise(message: string): string {
  if (/positive decimal/.test(message)) return 'Enter a positive number, like 12.5.';
  if (/greater than zero/.test(message)) return 'Must be greater than zero.';
  return message.replace(/^\w+ needs (\w+)$/, 'Required for this order type.');
}

/** A new idempotency key per reviewed order (R5): a retried confirm reuses it. */
export function newClientOrderId(nowMs: number, random: () => number): string {
  const r = Math.floor(random() * 36 ** 8)
    .toString(36)
    .padStart(8, '0');
  return `pwa-${nowMs.toString(36)}-${r}`;
}
