import { ReusableList } from '../core/reusable-list';
import type { OrderRecord } from '../core/state';

/** Free records kept for reuse (a bound like every other): 64k records, ~17 MB at most. */
export const RECORD_POOL_MAX = 65_536;

/**
 * Order records are reused instead of allocated per order: a record that lived long enough to
 * be promoted to the old generation would otherwise become old garbage when its order ends,
 * and every new one would be copied twice by the scavenger before it settles. A retired record
 * waits until the command ends (code later in the same command still reads it: fills, OCO
 * siblings, execution reports), then becomes free. Nothing in the engine keeps a record across
 * commands once its order has left `orders`; callers must not either (read `state.orders` afresh).
 */
export class RecordPool {
  private readonly free: OrderRecord[] = [];
  private readonly retired = new ReusableList<OrderRecord>();

  take(): OrderRecord | undefined {
    return this.free.pop();
  }

  retire(o: OrderRecord): void {
    this.retired.push(o);
  }

  /** Called once per command, after all its work: the retired records become reusable. */
  endCommand(): void {
    const n = this.retired.length;
    for (let i = 0; i < n && this.free.length < RECORD_POOL_MAX; i++) this.free.push(this.retired.at(i));
    this.retired.clear();
  }
}
