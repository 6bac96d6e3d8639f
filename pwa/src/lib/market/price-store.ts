import { computed, type ReadonlySignal, type Signal, signal } from '@preact/signals';
import type { BboFrame, TradeFrame } from '@tradewind/shared/protocol';
import { compareDecimal } from './decimal-compare';
import { emptyQuote, type Quote, utcDay } from './quote';

/** The part of a quote worth keeping across visits (see quote-persistence.ts). */
export type SavedQuote = Pick<Quote, 'symbol' | 'last' | 'bid' | 'ask' | 'ref' | 'refDay' | 'updatedAtMs'>;

/**
 * Live prices, one signal per symbol so that a tick re-renders one row, not the table.
 * Fed by the market socket; restored from storage (as not fresh) before it connects.
 */
export class PriceStore {
  readonly #quotes = new Map<string, Signal<Quote>>();
  readonly #symbols = signal<readonly string[]>([]);
  /** Bumped on every change, so persistence can tell when there is something to save. */
  readonly revision = signal(0);

  /** Newest venue time among quotes that are not fresh; null when every price is live. */
  readonly staleAsOfMs: ReadonlySignal<number | null> = computed(() => {
    let newest: number | null = null;
    let anyStale = false;
    for (const s of this.#symbols.value) {
      const q = this.quote(s).value;
      if (q.fresh || q.updatedAtMs === null) continue;
      anyStale = true;
      newest = Math.max(newest ?? 0, q.updatedAtMs);
    }
    return anyStale ? newest : null;
  });

  quote(symbol: string): ReadonlySignal<Quote> {
    return this.#slot(symbol);
  }

  applyTrade(frame: TradeFrame): void {
    const slot = this.#slot(frame.symbol);
    const q = slot.value;
    const day = utcDay(frame.ts);
    const newDay = q.refDay !== day || q.ref === null;
    const cmp = q.last === null ? 0 : compareDecimal(frame.price, q.last);
    slot.value = {
      ...q,
      last: frame.price,
      ref: newDay ? frame.price : q.ref,
      refDay: day,
      direction: cmp === 1 ? 'up' : cmp === -1 ? 'down' : null,
      flashSeq: q.flashSeq + 1,
      updatedAtMs: Math.max(q.updatedAtMs ?? 0, frame.ts),
      fresh: true,
    };
    this.revision.value += 1;
  }

  applyBbo(frame: BboFrame): void {
    const slot = this.#slot(frame.symbol);
    const q = slot.value;
    slot.value = {
      ...q,
      bid: frame.bid,
      ask: frame.ask,
      updatedAtMs: Math.max(q.updatedAtMs ?? 0, frame.ts),
      fresh: true,
    };
    this.revision.value += 1;
  }

  /** The connection is gone: every price is now only the last one known. */
  markAllStale(): void {
    for (const slot of this.#quotes.values()) {
      if (slot.value.fresh) slot.value = { ...slot.value, fresh: false, direction: null };
    }
  }

  /** Remembered prices from an earlier visit; never overwrites a fresher quote. */
  restore(saved: readonly SavedQuote[]): void {
    for (const s of saved) {
      const slot = this.#slot(s.symbol);
      if (slot.value.fresh || (slot.value.updatedAtMs ?? -1) >= (s.updatedAtMs ?? 0)) continue;
      slot.value = { ...emptyQuote(s.symbol), ...s, fresh: false };
    }
  }

  snapshot(): SavedQuote[] {
    const out: SavedQuote[] = [];
    for (const { value: q } of this.#quotes.values()) {
      if (q.updatedAtMs === null) continue;
      const { symbol, last, bid, ask, ref, refDay, updatedAtMs } = q;
      out.push({ symbol, last, bid, ask, ref, refDay, updatedAtMs });
    }
    return out;
  }

  #slot(symbol: string): Signal<Quote> {
    let slot = this.#quotes.get(symbol);
    if (!slot) {
      slot = signal(emptyQuote(symbol));
      this.#quotes.set(symbol, slot);
      this.#symbols.value = [...this.#symbols.value, symbol];
    }
    return slot;
  }
}
