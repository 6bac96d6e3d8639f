import type { DepthSnapshot as BookDepth, DepthListener, LevelView, Side } from '../engine/book/index';
import { assert } from '../util/assert';
import { type BookSide, DepthBook } from './depth-book';
import type { DepthDelta, DepthSnapshot, Level } from './types';

/** Levels per side in public depth: deep enough for a ladder view, small enough for a 4 KiB snapshot frame. */
export const DEPTH_LEVELS_MAX = 50;

/** What the tracker reads from a book: the engine's OrderBook fits as it is. */
export interface DepthSource {
  /** Rises with every level change of the book (the book's own delta sequence). */
  readonly seq: number;
  depth(levels: number): BookDepth;
}

/**
 * One symbol's public L2 stream. Level changes come in either way:
 * - `onDepthDelta` — the book's depth listener (full depth; every change of a level's total);
 * - `sync(source)` — a diff of the book's top `levelsMax` levels against what was published,
 *   skipped when the book's seq has not moved (the engine keeps its books' listeners to itself).
 * Changes collect until `flush()`, which emits one delta with the next `seq` (consecutive per
 * symbol), so a burst of changes inside one engine batch costs one frame. `snapshot()` is the
 * published book and the seq of the last delta in it.
 */
export class DepthTracker implements DepthListener {
  private readonly published = new DepthBook();
  private readonly pending = { bids: new Map<number, number>(), asks: new Map<number, number>() };
  private seq = 0;
  private sourceSeq = -1;

  constructor(
    readonly symbol: string,
    readonly levelsMax: number = DEPTH_LEVELS_MAX,
  ) {
    assert(levelsMax >= 1, 'depth needs at least one level');
  }

  onDepthDelta(side: Side, priceTicks: number, totalLots: number, _seq: number): void {
    this.change(side === 'buy' ? 'bids' : 'asks', priceTicks, totalLots);
  }

  /** Diffs the source's top levels against the published book; O(levels) when the book moved. */
  sync(source: DepthSource): void {
    if (source.seq === this.sourceSeq) return;
    this.sourceSeq = source.seq;
    const depth = source.depth(this.levelsMax);
    this.diffSide('bids', depth.bids);
    this.diffSide('asks', depth.asks);
  }

  /** The delta of everything changed since the last flush, or undefined when nothing did. */
  flush(): DepthDelta | undefined {
    const bids = this.drain('bids');
    const asks = this.drain('asks');
    if (bids.length === 0 && asks.length === 0) return undefined;
    this.seq += 1;
    return { symbol: this.symbol, seq: this.seq, bids, asks };
  }

  /** The book as published up to the last flush. */
  snapshot(): DepthSnapshot {
    assert(this.pending.bids.size === 0 && this.pending.asks.size === 0, 'snapshot between changes and flush');
    return this.published.snapshot(this.symbol, this.seq);
  }

  best(side: BookSide): Level {
    return this.published.best(side);
  }

  private diffSide(side: BookSide, levels: readonly LevelView[]): void {
    const seen = new Set<number>();
    for (const l of levels) {
      seen.add(l.priceTicks);
      this.change(side, l.priceTicks, l.totalLots);
    }
    for (const [price] of this.published.levels(side)) if (!seen.has(price)) this.change(side, price, 0);
    for (const [price] of this.pending[side]) if (!seen.has(price)) this.change(side, price, 0);
  }

  private change(side: BookSide, priceTicks: number, totalLots: number): void {
    const pending = this.pending[side];
    if (this.published.lotsAt(side, priceTicks) === totalLots) pending.delete(priceTicks);
    else pending.set(priceTicks, totalLots);
  }

  private drain(side: BookSide): Level[] {
    const pending = this.pending[side];
    const out: Level[] = [];
    for (const [p, q] of pending) {
      out.push([p, q]);
      this.published.set(side, p, q);
    }
    pending.clear();
    return out;
  }
}
