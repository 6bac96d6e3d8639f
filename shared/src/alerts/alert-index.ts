import { assert } from '../util/index';
import { ALERTS_INDEXED_MAX } from './limits';
import { type PriceAlert, sideOf } from './types';

type Entry = { readonly alert: PriceAlert; live: boolean };

/**
 * One symbol's waiting alerts, kept sorted so that the next to fire is always at the end of
 * its array: `up` (fire at price ≥ threshold) descending, `down` (fire at ≤) ascending. A tick
 * pops from the ends while they fire: O(k) for k fired, O(1) when none; inserts are a binary
 * search and one splice. Deleted alerts are tombstones, skipped when popped and dropped by a
 * compaction once they outnumber the live ones.
 */
type SymbolAlerts = { readonly up: Entry[]; readonly down: Entry[]; live: number; dead: number };

/** Index of the last position whose threshold sorts before `ticks` (descending for up, ascending for down). */
function insertAt(entries: readonly Entry[], ticks: number, descending: boolean): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const t = (entries[mid] as Entry).alert.thresholdTicks;
    if (descending ? t >= ticks : t <= ticks) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class PriceAlertIndex {
  private readonly symbols = new Map<string, SymbolAlerts>();
  private readonly byId = new Map<string, Entry>();

  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Ids of every waiting alert (a resync compares them with the database). */
  ids(): IterableIterator<string> {
    return this.byId.keys();
  }

  /** Alerts waiting on `symbol` (what one tick of it considers). */
  sizeOf(symbol: string): number {
    return this.symbols.get(symbol)?.live ?? 0;
  }

  /** Adds an alert; false when its id is already indexed or the index is full (nothing changes). */
  add(alert: PriceAlert): boolean {
    if (this.byId.has(alert.id) || this.byId.size >= ALERTS_INDEXED_MAX) return false;
    assert(Number.isSafeInteger(alert.thresholdTicks) && alert.thresholdTicks > 0, `alert ${alert.id}: bad threshold`);
    const book = this.bookOf(alert.symbol);
    const entry: Entry = { alert, live: true };
    const up = sideOf(alert) === 'up';
    const entries = up ? book.up : book.down;
    entries.splice(insertAt(entries, alert.thresholdTicks, up), 0, entry);
    book.live++;
    this.byId.set(alert.id, entry);
    return true;
  }

  /** Removes a waiting alert; false when it is not indexed (already fired or never added). */
  remove(id: string): boolean {
    const entry = this.byId.get(id);
    if (entry === undefined) return false;
    entry.live = false;
    this.byId.delete(id);
    const book = this.symbols.get(entry.alert.symbol) as SymbolAlerts;
    book.live--;
    book.dead++;
    if (book.dead > 64 && book.dead > book.live) compact(book);
    return true;
  }

  /**
   * A trade or tick of `symbol` at `priceTicks`: appends every alert it fires to `out` and
   * removes them (each alert fires once). Returns how many fired.
   */
  evaluate(symbol: string, priceTicks: number, out: PriceAlert[]): number {
    const book = this.symbols.get(symbol);
    if (book === undefined || book.live === 0) return 0;
    const before = out.length;
    this.fire(book, book.up, (t) => t <= priceTicks, out);
    this.fire(book, book.down, (t) => t >= priceTicks, out);
    return out.length - before;
  }

  private fire(book: SymbolAlerts, entries: Entry[], fires: (t: number) => boolean, out: PriceAlert[]): void {
    for (let last = entries[entries.length - 1]; last !== undefined; last = entries[entries.length - 1]) {
      if (!last.live) {
        entries.pop();
        book.dead--;
        continue;
      }
      if (!fires(last.alert.thresholdTicks)) return;
      entries.pop();
      last.live = false;
      book.live--;
      this.byId.delete(last.alert.id);
      out.push(last.alert);
    }
  }

  private bookOf(symbol: string): SymbolAlerts {
    let book = this.symbols.get(symbol);
    if (book === undefined) {
      book = { up: [], down: [], live: 0, dead: 0 };
      this.symbols.set(symbol, book);
    }
    return book;
  }
}

function compact(book: SymbolAlerts): void {
  for (const entries of [book.up, book.down]) {
    let w = 0;
    for (const e of entries) if (e.live) entries[w++] = e;
    entries.length = w;
  }
  book.dead = 0;
  assert(book.up.length + book.down.length === book.live, 'alert index: live count out of step after compaction');
}
