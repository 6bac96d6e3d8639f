import { signal } from '@preact/signals';
import type { OrderView, PlaceRequest } from '@tradewind/shared/protocol';
import { type KeyValueStorage, readJson } from '../storage/key-value-storage';
import type { Ack, TradingApi } from './trading-api';
import { outcomeUnknown, type TradingError, toTradingError } from './trading-error';

/** Where sends without an answer yet are kept (localStorage): they outlive a reload or a crash. */
export const PENDING_ORDERS_KEY = 'tw.pending-orders.v1';
/** Sends remembered at once; the oldest is forgotten past it (each needs a user's decision anyway). */
export const PENDING_ORDERS_MAX = 20;

/** One place request on its way to edge: written before it is sent, removed once answered. */
export type PendingOrder = {
  readonly userId: string;
  readonly clientOrderId: string;
  readonly request: PlaceRequest;
  readonly savedAtMs: number;
};

/** The client order id that identifies a place request (the single order, the bracket's entry, the OCO's first leg). */
export function clientIdOf(request: PlaceRequest): string | undefined {
  const p = request.place;
  return (p.kind === 'single' ? p.order : p.kind === 'bracket' ? p.entry : p.first).clientOrderId;
}

function isPending(x: unknown): x is PendingOrder {
  if (typeof x !== 'object' || x === null) return false;
  const p = x as Record<string, unknown>;
  const request = p.request as PlaceRequest | undefined;
  return (
    typeof p.userId === 'string' &&
    typeof p.clientOrderId === 'string' &&
    typeof p.savedAtMs === 'number' &&
    typeof request === 'object' &&
    request !== null &&
    typeof request.accountId === 'string' &&
    typeof request.place === 'object' &&
    clientIdOf(request) === p.clientOrderId
  );
}

/** After a reload: what became of a send whose answer never came. */
export type Reconciled = {
  readonly pending: PendingOrder;
  readonly state: 'checking' | 'placed' | 'not-sent' | 'sending' | 'rejected' | 'unknown';
  /** The order that has the client id (state placed). */
  readonly order?: Pick<OrderView, 'orderId' | 'status'> | undefined;
  readonly error?: TradingError | undefined;
};

/**
 * RELIABILITY R5 in the browser. Every place request is stored (synchronously, in localStorage)
 * before it is sent and removed once edge answers either way. A page that starts and finds
 * requests left by an earlier page (reload, crash, closed tab) asks edge for the order with each
 * client id: found → shown as placed; not found → shown as not sent, and sent again only if the
 * user says so, with the same client id, so that even a first attempt still on its way cannot
 * make a second order (core answers a repeated client id with the first order).
 */
export class PendingOrders {
  readonly items = signal<readonly Reconciled[]>([]);
  /** Client ids this page sent: never reconciled by this page (their answers are still coming). */
  readonly #mine = new Set<string>();
  readonly #storage: KeyValueStorage;
  readonly #api: TradingApi;

  constructor(storage: KeyValueStorage, api: TradingApi) {
    this.#storage = storage;
    this.#api = api;
  }

  /** Call right before sending: the write is synchronous, so a crash after it leaves the record. */
  save(userId: string, request: PlaceRequest, nowMs: number): void {
    const clientOrderId = clientIdOf(request);
    if (clientOrderId === undefined) return;
    this.#mine.add(clientOrderId);
    const rest = this.#all().filter((p) => p.clientOrderId !== clientOrderId);
    this.#write([...rest, { userId, clientOrderId, request, savedAtMs: nowMs }].slice(-PENDING_ORDERS_MAX));
  }

  /** The send got a definite answer (ack or rejection): nothing is left to reconcile. */
  settle(clientOrderId: string): void {
    this.#write(this.#all().filter((p) => p.clientOrderId !== clientOrderId));
  }

  /** Sends left by an earlier page for this user and account: look each one up on edge. */
  async reconcile(userId: string, accountId: string): Promise<void> {
    const left = this.#all().filter(
      (p) => p.userId === userId && p.request.accountId === accountId && !this.#mine.has(p.clientOrderId),
    );
    const known = new Set(this.items.value.map((r) => r.pending.clientOrderId));
    const fresh = left.filter((p) => !known.has(p.clientOrderId));
    if (fresh.length === 0) return;
    this.items.value = [...this.items.value, ...fresh.map((pending) => ({ pending, state: 'checking' as const }))];
    await Promise.all(fresh.map((p) => this.check(p)));
  }

  /** Asks edge whether the order with this client id exists. */
  async check(pending: PendingOrder): Promise<void> {
    this.#set(pending, { state: 'checking' });
    try {
      const order = await this.#api.orderByClientId({
        accountId: pending.request.accountId,
        clientOrderId: pending.clientOrderId,
      });
      if (order) this.#placed(pending, order);
      else this.#set(pending, { state: 'not-sent' });
    } catch (e) {
      this.#set(pending, { state: 'unknown', error: toTradingError(e) });
    }
  }

  /** The user chose to send a not-sent order: the same request, the same client id. */
  async sendAgain(pending: PendingOrder): Promise<Ack | undefined> {
    this.#set(pending, { state: 'sending' });
    try {
      const ack = await this.#api.place(pending.request);
      this.#placed(pending, { orderId: ack.orderId ?? '', status: ack.status as OrderView['status'] });
      return ack;
    } catch (e) {
      const error = toTradingError(e);
      // No answer again: still unknown, still stored. A rejection is an answer: nothing was placed.
      if (outcomeUnknown(error)) this.#set(pending, { state: 'not-sent', error });
      else {
        this.settle(pending.clientOrderId);
        this.#set(pending, { state: 'rejected', error });
      }
      return undefined;
    }
  }

  /** The user decided not to send it: forget it. */
  discard(clientOrderId: string): void {
    this.settle(clientOrderId);
    this.dismiss(clientOrderId);
  }

  dismiss(clientOrderId: string): void {
    this.items.value = this.items.value.filter((r) => r.pending.clientOrderId !== clientOrderId);
  }

  #placed(pending: PendingOrder, order: Pick<OrderView, 'orderId' | 'status'>): void {
    this.settle(pending.clientOrderId);
    this.#set(pending, { state: 'placed', order });
  }

  #set(pending: PendingOrder, next: Omit<Reconciled, 'pending'>): void {
    const id = pending.clientOrderId;
    const others = this.items.value.filter((r) => r.pending.clientOrderId !== id);
    const at = this.items.value.findIndex((r) => r.pending.clientOrderId === id);
    const item = { pending, ...next };
    this.items.value = at < 0 ? [...others, item] : [...others.slice(0, at), item, ...others.slice(at)];
  }

  #all(): PendingOrder[] {
    const raw = readJson(this.#storage, PENDING_ORDERS_KEY);
    return Array.isArray(raw) ? raw.filter(isPending) : [];
  }

  #write(list: readonly PendingOrder[]): void {
    try {
      if (list.length === 0) this.#storage.removeItem(PENDING_ORDERS_KEY);
      else this.#storage.setItem(PENDING_ORDERS_KEY, JSON.stringify(list));
    } catch {
      // Storage full or gone: the in-memory retry (same client id) still protects this page.
    }
  }
}
