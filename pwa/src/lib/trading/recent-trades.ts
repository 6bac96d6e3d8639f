import { type ReadonlySignal, type Signal, signal } from '@preact/signals';
import type { TradeFrame } from '@tradewind/shared/protocol';

/** Trades kept per symbol for the symbol screen's tape. */
export const RECENT_TRADES_MAX = 30;
/** Symbols with a tape; the oldest-created is dropped past this (a bound, whatever is visited). */
export const RECENT_TRADE_SYMBOLS_MAX = 16;

export type RecentTrade = Pick<TradeFrame, 'seq' | 'price' | 'qty' | 'side' | 'ts'>;

/** The newest trades of each symbol, newest first, fed by the market socket's trade frames. */
export class RecentTrades {
  readonly #tapes = new Map<string, Signal<readonly RecentTrade[]>>();

  of(symbol: string): ReadonlySignal<readonly RecentTrade[]> {
    return this.#slot(symbol);
  }

  apply(frame: TradeFrame): void {
    const slot = this.#slot(frame.symbol);
    const { seq, price, qty, side, ts } = frame;
    slot.value = [{ seq, price, qty, side, ts }, ...slot.value].slice(0, RECENT_TRADES_MAX);
  }

  #slot(symbol: string): Signal<readonly RecentTrade[]> {
    let slot = this.#tapes.get(symbol);
    if (!slot) {
      if (this.#tapes.size >= RECENT_TRADE_SYMBOLS_MAX) {
        const oldest = this.#tapes.keys().next().value;
        if (oldest !== undefined) this.#tapes.delete(oldest);
      }
      slot = signal<readonly RecentTrade[]>([]);
      this.#tapes.set(symbol, slot);
    }
    return slot;
  }
}
