import type { OrderStatus } from '../../domain/order';
import { assert } from '../../util/assert';

/**
 * The order state machine. An order is created `accepted` (or refused: `rejected`, which
 * never reaches the book and gets no order id). Conditional orders wait `accepted` until their
 * trigger fires (`triggered`). Every transition emits one execution report; README.md draws it.
 */
const NEXT: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  accepted: ['triggered', 'partially_filled', 'filled', 'cancelled', 'expired'],
  triggered: ['partially_filled', 'filled', 'cancelled', 'expired'],
  partially_filled: ['partially_filled', 'filled', 'cancelled', 'expired'],
  filled: [],
  cancelled: [],
  rejected: [],
  expired: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return NEXT[from].includes(to);
}

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  // The message is built only on failure: this runs on every fill.
  if (!canTransition(from, to)) assert(false, `illegal order transition ${from} → ${to}`);
}

export const ORDER_TRANSITIONS = NEXT;
