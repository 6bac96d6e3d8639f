import { assert } from '../util/assert';
import { checkPeriod } from './errors';

/**
 * The maximum of the last `period` inputs in amortised O(1) per input, with no data-dependent
 * branch: the van Herk / Gil-Werman scheme. Inputs are cut into blocks of `period`; a window of
 * `period` ends inside block b and starts inside block b − 1, so its maximum is
 *   max(suffix maximum of block b − 1 from the window's start, prefix maximum of block b).
 * The suffix maxima of a block are computed once, when it completes (`period` Math.max, i.e. one
 * per input), and the prefix maximum is a running Math.max. A monotonic deque does the same work
 * in amortised O(1) too, but its pop loop branches on the data (a mispredicted branch or two per
 * input on real prices); this was 2–3× faster in the indicators bench.
 *
 * The most recent input is kept outside the block (`latest`) so that `replaceLatest` (a chart's
 * forming bar) is O(1): it is folded into the prefix maximum when the next input arrives. Fixed
 * Float64Arrays, nothing allocated after construction. For a minimum push negated values and
 * negate the result.
 */
export class WindowMax {
  readonly period: number;
  // The current block's committed inputs, by position in the block.
  private readonly block: Float64Array;
  // Suffix maxima of the previous complete block: suffix[j] = max(block[j..period − 1]); −∞ before
  // the first block completes (the window then lies within the current block).
  private readonly suffix: Float64Array;
  // Position of `latest` in its block, and the max of the committed inputs of that block before it.
  private pos = 0;
  private prefix = Number.NEGATIVE_INFINITY;
  private count = 0;
  private latest = Number.NaN;

  constructor(period: number) {
    this.period = checkPeriod('period', period);
    this.block = new Float64Array(period);
    this.suffix = new Float64Array(period).fill(Number.NEGATIVE_INFINITY);
  }

  /** Inputs seen so far (the window holds min(count, period) of them). */
  get length(): number {
    return this.count;
  }

  push(x: number): void {
    if (this.count > 0) this.commit();
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
    const next = this.pos + 1;
    // The window starts at position pos + 1 of the previous block (none left when pos is its last).
    const older = next < this.period ? (this.suffix[next] as number) : Number.NEGATIVE_INFINITY;
    return Math.max(Math.max(older, this.prefix), this.latest);
  }

  reset(): void {
    this.pos = 0;
    this.prefix = Number.NEGATIVE_INFINITY;
    this.count = 0;
    this.latest = Number.NaN;
    this.suffix.fill(Number.NEGATIVE_INFINITY);
  }

  /** Moves the latest input into its block; completes the block (its suffix maxima) when full. */
  private commit(): void {
    const n = this.period;
    const x = this.latest;
    const p = this.pos;
    this.block[p] = x;
    if (p + 1 < n) {
      this.prefix = Math.max(this.prefix, x);
      this.pos = p + 1;
    } else {
      this.completeBlock();
    }
  }

  // Apart from `commit` so that the per-input path stays small: V8 inlines an indicator's whole
  // update into its caller's loop only within a bytecode budget, and a call it does not inline
  // returns its double boxed on the heap.
  private completeBlock(): void {
    const block = this.block;
    const suffix = this.suffix;
    let j = this.period - 1;
    let m = block[j] as number;
    suffix[j] = m;
    while (j > 0) {
      j--;
      m = Math.max(m, block[j] as number);
      suffix[j] = m;
    }
    this.prefix = Number.NEGATIVE_INFINITY;
    this.pos = 0;
  }
}
