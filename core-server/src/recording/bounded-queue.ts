import { assert } from '@tradewind/shared';

/**
 * A FIFO with a hard capacity: `push` refuses (returns false) when full, so a stalled database
 * costs counted drops, never unbounded memory. `take` removes up to n items from the front;
 * `restore` puts a failed batch back at the front as far as room allows (the rest is dropped).
 */
export class BoundedQueue<T> {
  private items: T[] = [];

  constructor(readonly capacity: number) {
    assert(Number.isSafeInteger(capacity) && capacity >= 1, 'queue capacity must be a positive integer');
  }

  get length(): number {
    return this.items.length;
  }

  push(item: T): boolean {
    if (this.items.length >= this.capacity) return false;
    this.items.push(item);
    return true;
  }

  take(n: number): T[] {
    assert(n >= 1, 'take at least one');
    if (n >= this.items.length) {
      const all = this.items;
      this.items = [];
      return all;
    }
    return this.items.splice(0, n);
  }

  /** Puts `batch` back in front; returns how many did not fit (the newest of the batch are kept). */
  restore(batch: readonly T[]): number {
    const room = Math.max(0, this.capacity - this.items.length);
    const kept = batch.length <= room ? batch : batch.slice(batch.length - room);
    this.items = [...kept, ...this.items];
    return batch.length - kept.length;
  }
}
