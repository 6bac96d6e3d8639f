import type { PlaceRequest } from '@tradewind/shared/protocol';
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../storage/key-value-storage';
import { PENDING_ORDERS_KEY, PENDING_ORDERS_MAX, PendingOrders } from './pending-orders';
import type { TradingApi } from './trading-api';

const ACCOUNT = '6f1c1f57-8f7e-4c55-9d3c-2c8c6ad0c0d1';
const request = (clientOrderId: string): PlaceRequest => ({
  accountId: ACCOUNT,
  place: {
    kind: 'single',
    order: { symbol: 'BTC-USD', side: 'buy', type: 'limit', quantity: '0.01', price: '100.00', clientOrderId },
  },
});

/** Edge as far as R5 goes: orders by client id, and a place that answers a repeated id with the first order. */
function venue(opts: { offline?: boolean } = {}) {
  const orders = new Map<string, string>();
  let places = 0;
  const api = {
    orderByClientId: async ({ clientOrderId }: { clientOrderId: string }) => {
      if (opts.offline) throw new TypeError('Failed to fetch');
      const orderId = orders.get(clientOrderId);
      return orderId ? ({ orderId, status: 'accepted' } as never) : null;
    },
    place: async (r: PlaceRequest) => {
      if (opts.offline) throw new TypeError('Failed to fetch');
      const cid = (r.place as { order: { clientOrderId: string } }).order.clientOrderId;
      const existing = orders.get(cid);
      if (existing) return { orderId: existing, duplicate: true as const, status: 'accepted' as const };
      places += 1;
      orders.set(cid, String(places));
      return { orderId: String(places), clientOrderId: cid, status: 'accepted' as const };
    },
  } as unknown as TradingApi;
  return { api, orders, places: () => places };
}

describe('pending orders (R5)', () => {
  it('is stored before sending and forgotten once answered', () => {
    const storage = new MemoryStorage();
    const p = new PendingOrders(storage, venue().api);
    p.save('u1', request('c1'), 1);
    expect(JSON.parse(storage.getItem(PENDING_ORDERS_KEY) ?? '[]')).toHaveLength(1);
    p.settle('c1');
    expect(storage.getItem(PENDING_ORDERS_KEY)).toBeNull();
  });

  it('after a reload: a send that arrived shows as placed; one that did not shows as not sent, and sending it again places exactly one order', async () => {
    const storage = new MemoryStorage();
    const v = venue();
    const before = new PendingOrders(storage, v.api);
    before.save('u1', request('arrived'), 1);
    before.save('u1', request('lost'), 2);
    before.save('u2', request('someone-else'), 3);
    await v.api.place(request('arrived')); // the answer to this one never reached the old page

    const after = new PendingOrders(storage, v.api); // the page after the reload
    await after.reconcile('u1', ACCOUNT);
    const state = () => Object.fromEntries(after.items.value.map((r) => [r.pending.clientOrderId, r.state]));
    expect(state()).toEqual({ arrived: 'placed', lost: 'not-sent' });
    const lost = after.items.value.find((r) => r.pending.clientOrderId === 'lost');
    if (!lost) throw new Error('lost');
    // Meanwhile the first attempt did arrive after all: sending again still makes no second order.
    await v.api.place(request('lost'));
    const placedBefore = v.places();
    await after.sendAgain(lost.pending);
    await after.sendAgain(lost.pending);
    expect(v.places()).toBe(placedBefore);
    expect(state()).toEqual({ arrived: 'placed', lost: 'placed' });
    // Only the other user's send is left in storage.
    const left = JSON.parse(storage.getItem(PENDING_ORDERS_KEY) ?? '[]') as { clientOrderId: string }[];
    expect(left.map((l) => l.clientOrderId)).toEqual(['someone-else']);
  });

  it("never reconciles this page's own sends, and reconciles each one once", async () => {
    const storage = new MemoryStorage();
    const p = new PendingOrders(storage, venue().api);
    p.save('u1', request('mine'), 1);
    await p.reconcile('u1', ACCOUNT);
    expect(p.items.value).toEqual([]);
  });

  it('offline: the outcome stays unknown and the record stays; discard forgets it', async () => {
    const storage = new MemoryStorage();
    new PendingOrders(storage, venue().api).save('u1', request('c1'), 1);
    const p = new PendingOrders(storage, venue({ offline: true }).api);
    await p.reconcile('u1', ACCOUNT);
    expect(p.items.value.map((r) => r.state)).toEqual(['unknown']);
    expect(storage.getItem(PENDING_ORDERS_KEY)).not.toBeNull();
    p.discard('c1');
    expect(p.items.value).toEqual([]);
    expect(storage.getItem(PENDING_ORDERS_KEY)).toBeNull();
  });

  it('keeps at most PENDING_ORDERS_MAX and ignores corrupt storage', () => {
    const storage = new MemoryStorage();
    const p = new PendingOrders(storage, venue().api);
    for (let i = 0; i <= PENDING_ORDERS_MAX; i += 1) p.save('u1', request(`c${i}`), i);
    expect(JSON.parse(storage.getItem(PENDING_ORDERS_KEY) ?? '[]')).toHaveLength(PENDING_ORDERS_MAX);
    storage.setItem(PENDING_ORDERS_KEY, '{"not":"a list"');
    p.save('u1', request('after'), 99);
    expect(JSON.parse(storage.getItem(PENDING_ORDERS_KEY) ?? '[]')).toHaveLength(1);
  });
});

describe('outcome unknown', () => {
  it("a journal failure is not taken for 'nothing happened': the send stays stored for a safe resend", async () => {
    const storage = new MemoryStorage();
    new PendingOrders(storage, venue().api).save('u1', request('j1'), 1);
    const failing = {
      orderByClientId: async () => null,
      place: async () => {
        throw Object.assign(new Error('Order entry is paused'), { data: { reason: 'CORE_JOURNAL_UNAVAILABLE' } });
      },
    } as unknown as TradingApi;
    const p = new PendingOrders(storage, failing);
    await p.reconcile('u1', ACCOUNT);
    const item = p.items.value[0];
    if (!item) throw new Error('no item');
    await p.sendAgain(item.pending);
    expect(p.items.value[0]?.state).toBe('not-sent');
    expect(storage.getItem(PENDING_ORDERS_KEY)).not.toBeNull();
  });
});
