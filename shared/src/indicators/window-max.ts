import { assert } from '../util/assert';
import { checkPeriod } from './errors';

/**
 * The maximum of the last `period` inputs in amortised O(1) per input: a monotonic deque (values
 * strictly decreasing from front to back) held in fixed ring buffers, so nothing is allocated after
 * construction. For a minimum push negated values and negate the result.
 *
 * The most recent input is kept outside the deque so that `replaceLatest` (a chart's forming bar)
 * is O(1): the deque covers only the `period − 1` committed inputs before it, and the newest input
 * is folded into the deque when the next one arrives.
 */
export class WindowMax {
  readonly period: number;
  private readonly cap: number;
  private readonly values: Float64Array;
  // Input indices of the deque entries; a Float64Array is exact to 2^53 inputs.
  private readonly indices: Float64Array;
  private head = 0;
  private size = 0;
  private count = 0;
  private latest = Number.NaN;

  constructor(period: number) {
    this.period = checkPeriod('period', period);
    this.cap = Math.max(1, period - 1);
    this.values = new Float64Array(this.cap);
    this.indices = new Float64Array(this.cap);
  }

  /** Inputs seen so far (the window holds min(count, period) of them). */
  get length(): number {
    return this.count;
  }

  push(x: number): void {
    if (this.count > 0 && this.period > 1) this.commit();
    this.latest = x;
    this.count++;
  }

  /** Replaces the most recent input (the caller guarantees there is one). */
  replaceLatest(x: number): void {
    assert(this.count > 0, 'WindowMax.replaceLatest on an empty window');
    this.latest = x;
  }

  /** Maximum over the window; NaN when empty. */
  get max(): number {
    if (this.size === 0) return this.latest;
    const front = this.values[this.head] as number;
    return Math.max(front, this.latest);
  }

  reset(): void {
    this.head = 0;
    this.size = 0;
    this.count = 0;
    this.latest = Number.NaN;
  }

  /** Moves the latest input (index count − 1) into the deque of committed inputs. */
  private commit(): void {
    const cap = this.cap;
    const newest = this.count - 1;
    // After this commit the committed window is [newest − period + 2, newest].
    const oldestKept = newest - this.period + 2;
    if (this.size > 0 && (this.indices[this.head] as number) < oldestKept) {
      this.head = this.head + 1 === cap ? 0 : this.head + 1;
      this.size--;
    }
    const x = this.latest;
    let back = this.head + this.size - 1;
    if (back >= cap) back -= cap;
    while (this.size > 0 && (this.values[back] as number) <= x) {
      this.size--;
      back = back === 0 ? cap - 1 : back - 1;
    }
    let slot = this.head + this.size;
    if (slot >= cap) slot -= cap;
    this.values[slot] = x;
    this.indices[slot] = newest;
    this.size++;
  }
}
