import { signal } from '@preact/signals';
import type { DepthDeltaFrame, DepthSnapshotFrame, DepthLevel as WireLevel } from '@tradewind/shared/protocol';
import { DepthBook, type DepthChange, type DepthLevel } from './depth-book';

/** Levels the symbol screen shows per side. */
export const DEPTH_LEVELS_SHOWN = 10;

export type DepthView = {
  readonly symbol: string | null;
  readonly bids: readonly DepthLevel[];
  readonly asks: readonly DepthLevel[];
  readonly inSync: boolean;
};

const toLevels = (levels: readonly WireLevel[]): DepthLevel[] => levels.map(([price, qty]) => ({ price, qty }));

/**
 * The depth of the one symbol on screen, from `depth.<SYM>` frames. On a gap it asks the
 * wiring to re-subscribe (`onGap`), which brings a fresh snapshot.
 */
export class DepthStore {
  readonly view = signal<DepthView>({ symbol: null, bids: [], asks: [], inSync: false });
  #book = new DepthBook();
  #symbol: string | null = null;
  readonly #onGap: (symbol: string) => void;

  constructor(onGap: (symbol: string) => void) {
    this.#onGap = onGap;
  }

  focus(symbol: string | null): void {
    if (symbol === this.#symbol) return;
    this.#symbol = symbol;
    this.#book = new DepthBook();
    this.view.value = { symbol, bids: [], asks: [], inSync: false };
  }

  apply(frame: DepthSnapshotFrame | DepthDeltaFrame): void {
    if (frame.symbol !== this.#symbol) return;
    if (frame.type === 'depthSnapshot') {
      this.#book.applySnapshot(frame.seq, toLevels(frame.bids), toLevels(frame.asks));
    } else {
      const changes: DepthChange[] = [
        ...frame.bids.map(([price, qty]) => ({ side: 'bid' as const, price, qty })),
        ...frame.asks.map(([price, qty]) => ({ side: 'ask' as const, price, qty })),
      ];
      const result = this.#book.applyDelta(frame.seq, changes);
      if (result === 'stale') return;
      if (result === 'gap') {
        this.view.value = { ...this.view.value, inSync: false };
        this.#onGap(frame.symbol);
        return;
      }
    }
    const { bids, asks } = this.#book.levels(DEPTH_LEVELS_SHOWN);
    this.view.value = { symbol: this.#symbol, bids, asks, inSync: true };
  }

  /** The connection dropped: the book is no longer known. */
  reset(): void {
    this.#book = new DepthBook();
    this.view.value = { ...this.view.value, inSync: false };
  }
}
