import type { BusEvent, JsonObject } from '@tradewind/db/bus';
import { assertNever } from '@tradewind/shared';
import type { Message } from './types';

/** Text fields from payloads are cut to this many characters: a message stays a message. */
export const PAYLOAD_TEXT_CHARS_MAX = 120;

/** A payload field as display text ('' when absent or not a scalar); payloads are core's JSON. */
function field(payload: JsonObject, key: string): string {
  const value = payload[key];
  if (typeof value === 'string') return value.slice(0, PAYLOAD_TEXT_CHARS_MAX);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** Core's order events carry the order's view under `order` (shared/protocol OrderView); others are flat. */
function orderOf(p: JsonObject): JsonObject {
  const order = p.order;
  return typeof order === 'object' && order !== null && !Array.isArray(order) ? (order as JsonObject) : p;
}

/** "BUY 0.5 BTC-USD @ 64000.00" from whichever of side/qty/symbol/price the payload has. */
function orderLine(payload: JsonObject): string {
  const p = orderOf(payload);
  const side = field(p, 'side').toUpperCase();
  const quantity = field(p, 'quantity');
  const filled = field(p, 'filledQuantity');
  const partial = filled !== '' && quantity !== '' && filled !== quantity && field(p, 'status') === 'partially_filled';
  const qty = partial ? `${filled} of ${quantity}` : filled && filled !== '0' ? filled : quantity || field(p, 'qty');
  const price = field(p, 'price') || field(p, 'avgPrice') || field(p, 'lastPrice');
  return [side, qty, field(p, 'symbol'), price ? `@ ${price}` : ''].filter((s) => s !== '').join(' ');
}

function order(title: string, p: JsonObject, extra = ''): Message {
  return {
    kind: 'order.filled',
    title,
    body: [orderLine(p), extra].filter((s) => s).join(' — '),
    url: '#/orders',
    urgent: false,
  };
}

/**
 * What a bus event tells its user, or null when it tells them nothing (an accepted order is
 * what they just did). Closed over BUS_EVENT_TYPES: a new event type fails to compile here.
 */
export function messageFor(event: BusEvent): Message | null {
  const p = event.payload;
  switch (event.type) {
    case 'order.accepted':
      return null;
    case 'order.filled':
      return { ...order('Order filled', p), kind: event.type };
    case 'order.partially_filled':
      return { ...order('Order partially filled', p), kind: event.type };
    case 'order.cancelled':
      return { ...order('Order cancelled', p, field(orderOf(p), 'reason')), kind: event.type };
    case 'order.rejected':
      return { ...order('Order rejected', p, field(orderOf(p), 'reason') || field(p, 'code')), kind: event.type };
    case 'order.expired':
      return { ...order('Order expired', p), kind: event.type };
    case 'stop.triggered':
      return { ...order('Stop triggered', p), kind: event.type };
    case 'margin.call':
      return urgent(
        event.type,
        'Margin call',
        `Margin level ${field(p, 'marginLevel') || 'below maintenance'}. Add funds or reduce positions.`,
        '#/portfolio',
      );
    case 'margin.liquidation':
      return urgent(
        event.type,
        'Positions liquidated',
        `${field(p, 'symbol') ? `${field(p, 'symbol')} positions were` : 'Your account was'} liquidated to restore margin.`,
        '#/portfolio',
      );
    case 'account.kill_switch':
      if (p.engaged === false)
        return plain(event.type, 'Kill switch released', 'Trading is allowed again.', '#/orders');
      return urgent(event.type, 'Kill switch engaged', 'Trading is halted and open orders were cancelled.', '#/orders');
    case 'price_alert.triggered':
      return plain(
        event.type,
        `Price alert: ${field(p, 'symbol')}`,
        `${field(p, 'symbol')} ${field(p, 'condition') || 'reached'} ${field(p, 'price')}`.trim(),
        `#/chart/${encodeURIComponent(field(p, 'symbol'))}`,
      );
    case 'strategy.status':
      return strategyStatus(event.type, p);
    case 'backtest.finished':
      // Core's job runner: { backtestId, status: 'done' | 'failed', name, summary }.
      return plain(
        event.type,
        field(p, 'status') === 'failed' ? 'Backtest failed' : 'Backtest finished',
        [field(p, 'name') || field(p, 'backtestId'), field(p, 'summary')].filter((s) => s !== '').join(': '),
        '#/backtest',
      );
    default:
      return assertNever(event.type, 'bus event type');
  }
}

function plain(kind: Message['kind'], title: string, body: string, url: string): Message {
  return { kind, title, body, url, urgent: false };
}

function urgent(kind: Message['kind'], title: string, body: string, url: string): Message {
  return { kind, title, body, url, urgent: true };
}

/**
 * Core's live strategy runner: a failed deployment (it threw, or broke a budget) is urgent; a
 * stop its owner asked for tells them nothing new. Opens the deployment on the Strategies screen.
 */
function strategyStatus(kind: Message['kind'], p: JsonObject): Message | null {
  if (p.byOwner === true) return null;
  const name = field(p, 'name') || field(p, 'strategyId');
  const id = field(p, 'deploymentId');
  const url = id === '' ? '#/strategies' : `#/strategies/${encodeURIComponent(id)}`;
  const body = `${name}: ${field(p, 'reason')}`;
  if (field(p, 'status') === 'failed') return urgent(kind, 'Strategy failed and was stopped', body, url);
  return plain(kind, `Strategy ${field(p, 'status') || 'changed'}`, body, url);
}
