import { assert } from '../../util/assert';

/**
 * A binary min-heap of (expireAtMs, orderId) for GTD and DAY orders. Entries of orders that
 * left early stay until popped and are skipped then (lazy deletion), which keeps cancel O(1).
 * Ties break on the order id so that expiries happen in one deterministic order.
 */
export type ExpiryHeap = { times: number[]; ids: number[] };

export function newExpiryHeap(): ExpiryHeap {
  return { times: [], ids: [] };
}

const less = (h: ExpiryHeap, i: number, j: number): boolean => {
  const ti = h.times[i] as number;
  const tj = h.times[j] as number;
  return ti < tj || (ti === tj && (h.ids[i] as number) < (h.ids[j] as number));
};

function swap(h: ExpiryHeap, i: number, j: number): void {
  const t = h.times[i] as number;
  h.times[i] = h.times[j] as number;
  h.times[j] = t;
  const id = h.ids[i] as number;
  h.ids[i] = h.ids[j] as number;
  h.ids[j] = id;
}

export function pushExpiry(h: ExpiryHeap, atMs: number, orderId: number): void {
  assert(atMs > 0, 'expiry must be a positive time');
  h.times.push(atMs);
  h.ids.push(orderId);
  let i = h.times.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!less(h, i, parent)) break;
    swap(h, i, parent);
    i = parent;
  }
}

/** Pops the earliest entry due at or before `nowMs`; -1 when none is due. */
export function popDue(h: ExpiryHeap, nowMs: number): number {
  if (h.times.length === 0 || (h.times[0] as number) > nowMs) return -1;
  const id = h.ids[0] as number;
  const lastT = h.times.pop() as number;
  const lastId = h.ids.pop() as number;
  if (h.times.length > 0) {
    h.times[0] = lastT;
    h.ids[0] = lastId;
    siftDown(h, 0);
  }
  return id;
}

function siftDown(h: ExpiryHeap, start: number): void {
  const n = h.times.length;
  let i = start;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < n && less(h, l, m)) m = l;
    if (r < n && less(h, r, m)) m = r;
    if (m === i) return;
    swap(h, i, m);
    i = m;
  }
}
