import { compareDecimal } from '../market/decimal-compare';

/** One price level: exact decimal strings as the core sends them. */
export type DepthLevel = { readonly price: string; readonly qty: string };
export type DepthSide = 'bid' | 'ask';
/** A level change; qty "0" (or any zero) removes the level. */
export type DepthChange = { readonly side: DepthSide; readonly price: string; readonly qty: string };

/** Levels kept per side; the view shows fewer. A bound on memory whatever the core sends. */
export const DEPTH_LEVELS_MAX = 50;

export type DepthApply = 'applied' | 'stale' | 'gap';

/**
 * An L2 book rebuilt from a snapshot plus sequenced deltas (the core's `depth.<SYM>` topic).
 * A delta whose seq is not the next one means frames were lost: the book is marked out of
 * sync and the caller re-subscribes for a fresh snapshot; until then nothing is shown as live.
 */
export class DepthBook {
  #bids = new Map<string, string>();
  #asks = new Map<string, string>();
  #seq: number | null = null;

  get seq(): number | null {
    return this.#seq;
  }

  get inSync(): boolean {
    return this.#seq !== null;
  }

  applySnapshot(seq: number, bids: readonly DepthLevel[], asks: readonly DepthLevel[]): void {
    this.#bids = levelMap(bids);
    this.#asks = levelMap(asks);
    this.#seq = seq;
  }

  applyDelta(seq: number, changes: readonly DepthChange[]): DepthApply {
    if (this.#seq === null) return 'gap';
    if (seq <= this.#seq) return 'stale';
    if (seq !== this.#seq + 1) {
      this.#seq = null;
      return 'gap';
    }
    for (const c of changes) {
      const side = c.side === 'bid' ? this.#bids : this.#asks;
      if (isZero(c.qty)) side.delete(c.price);
      else side.set(c.price, c.qty);
    }
    this.#seq = seq;
    return 'applied';
  }

  /** Best first: bids high to low, asks low to high, at most `levels` each. */
  levels(levels: number): { bids: DepthLevel[]; asks: DepthLevel[] } {
    const n = Math.min(levels, DEPTH_LEVELS_MAX);
    return { bids: sorted(this.#bids, -1).slice(0, n), asks: sorted(this.#asks, 1).slice(0, n) };
  }
}

function levelMap(levels: readonly DepthLevel[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const l of levels.slice(0, DEPTH_LEVELS_MAX)) if (!isZero(l.qty)) out.set(l.price, l.qty);
  return out;
}

function sorted(side: Map<string, string>, direction: 1 | -1): DepthLevel[] {
  return [...side]
    .map(([price, qty]) => ({ price, qty }))
    .sort((a, b) => direction * (compareDecimal(a.price, b.price) ?? 0));
}

const isZero = (qty: string): boolean => compareDecimal(qty, '0') === 0;
