import { assert } from '../util/assert';
import type { DepthDelta, DepthSnapshot, Level } from './types';

export type BookSide = 'bids' | 'asks';

/**
 * An L2 mirror: price → total lots per side. The same code serves the deriver (what it has
 * published) and a client (snapshot, then every delta in order): apply a snapshot, apply the
 * deltas, and the levels equal the book's. Level totals are absolute, so applying a change twice
 * is harmless; only a missed change corrupts, which the delta `seq` reveals.
 */
export class DepthBook {
  private readonly sides = { bids: new Map<number, number>(), asks: new Map<number, number>() };
  private lastSeq = 0;

  get seq(): number {
    return this.lastSeq;
  }

  /** Replaces everything with a snapshot. */
  reset(snapshot: DepthSnapshot): void {
    this.sides.bids.clear();
    this.sides.asks.clear();
    for (const [p, q] of snapshot.bids) this.set('bids', p, q);
    for (const [p, q] of snapshot.asks) this.set('asks', p, q);
    this.lastSeq = snapshot.seq;
  }

  /** Applies the next delta; false (and nothing changes) when its seq is not the next one. */
  apply(delta: DepthDelta): boolean {
    if (delta.seq !== this.lastSeq + 1) return false;
    for (const [p, q] of delta.bids) this.set('bids', p, q);
    for (const [p, q] of delta.asks) this.set('asks', p, q);
    this.lastSeq = delta.seq;
    return true;
  }

  /** Sets one level's total (0 removes it). */
  set(side: BookSide, priceTicks: number, totalLots: number): void {
    assert(Number.isSafeInteger(priceTicks) && priceTicks > 0, `depth price must be a positive integer: ${priceTicks}`);
    assert(
      Number.isSafeInteger(totalLots) && totalLots >= 0,
      `depth lots must be a non-negative integer: ${totalLots}`,
    );
    if (totalLots === 0) this.sides[side].delete(priceTicks);
    else this.sides[side].set(priceTicks, totalLots);
  }

  lotsAt(side: BookSide, priceTicks: number): number {
    return this.sides[side].get(priceTicks) ?? 0;
  }

  levelCount(side: BookSide): number {
    return this.sides[side].size;
  }

  /** Up to `max` levels of a side, best first (bids high to low, asks low to high). */
  levels(side: BookSide, max = Number.POSITIVE_INFINITY): Level[] {
    const out: Level[] = [...this.sides[side].entries()];
    out.sort(side === 'bids' ? (a, b) => b[0] - a[0] : (a, b) => a[0] - b[0]);
    return out.length > max ? out.slice(0, max) : out;
  }

  /** The best level of a side: [0, 0] when the side is empty. O(levels): fine for a few hundred. */
  best(side: BookSide): Level {
    let best: Level = [0, 0];
    for (const [p, q] of this.sides[side]) {
      if (best[0] === 0 || (side === 'bids' ? p > best[0] : p < best[0])) best = [p, q];
    }
    return best;
  }

  snapshot(symbol: string, seq = this.lastSeq): DepthSnapshot {
    return { symbol, seq, bids: this.levels('bids'), asks: this.levels('asks') };
  }
}
