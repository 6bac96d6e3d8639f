/**
 * A list reused for every command (work queues, scratch lists). Emptying a JS array with
 * `length = 0` makes V8 drop its backing store, so the next push allocates a new one: ~60 ns and
 * garbage on every command. This keeps the store and counts its own length; stale entries past
 * `length` are overwritten by later pushes (they may keep a few records alive until then).
 */
export class ReusableList<T> {
  private readonly items: T[] = [];
  length = 0;

  push(x: T): void {
    this.items[this.length++] = x;
  }

  /** Pushes three values (price moves are [instIx, low, high] triples). */
  push3(a: T, b: T, c: T): void {
    const items = this.items;
    items[this.length++] = a;
    items[this.length++] = b;
    items[this.length++] = c;
  }

  /** The entry at `i` (0 ≤ i < length; callers stay in range). */
  at(i: number): T {
    return this.items[i] as T;
  }

  includes(x: T): boolean {
    const items = this.items;
    for (let i = 0; i < this.length; i++) if (items[i] === x) return true;
    return false;
  }

  clear(): void {
    this.length = 0;
  }
}
