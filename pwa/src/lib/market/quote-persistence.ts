import { isInstrumentSymbol } from '@tradewind/shared/domain';
import { type KeyValueStorage, readJson, writeJson } from '../storage/key-value-storage';
import type { Scheduler, TimerHandle } from '../util/scheduler';
import { isDecimalText } from './decimal-compare';
import type { SavedQuote } from './price-store';

/**
 * Last known prices survive a reload and an offline start: saved to storage with their
 * venue time, so the app can show them marked as stale. Prices are public market data;
 * nothing about the user is stored here.
 */
export const QUOTES_STORAGE_KEY = 'tw.quotes.v1';
/** More symbols than any watch list will hold; bounds what a corrupt or hostile entry can cost. */
export const QUOTES_PERSISTED_MAX = 512;
/** Ticks arrive many times a second; storage is written at most this often. */
export const QUOTES_PERSIST_INTERVAL_MS = 2_000;

type SavedFile = { v: 1; savedAtMs: number; quotes: SavedQuote[] };

export function saveQuotes(storage: KeyValueStorage, quotes: readonly SavedQuote[], savedAtMs: number): boolean {
  const file: SavedFile = { v: 1, savedAtMs, quotes: quotes.slice(0, QUOTES_PERSISTED_MAX) };
  return writeJson(storage, QUOTES_STORAGE_KEY, file);
}

/** Whatever is valid of what was saved; a corrupt file or entry is skipped, never thrown. */
export function loadQuotes(storage: KeyValueStorage): SavedQuote[] {
  const file = readJson(storage, QUOTES_STORAGE_KEY);
  if (!isRecord(file) || file.v !== 1 || !Array.isArray(file.quotes)) return [];
  const out: SavedQuote[] = [];
  for (const entry of file.quotes.slice(0, QUOTES_PERSISTED_MAX)) {
    const q = parseSavedQuote(entry);
    if (q) out.push(q);
  }
  return out;
}

function parseSavedQuote(v: unknown): SavedQuote | undefined {
  if (!isRecord(v) || typeof v.symbol !== 'string' || !isInstrumentSymbol(v.symbol)) return undefined;
  const prices = [v.last, v.bid, v.ask, v.ref];
  if (!prices.every((p) => p === null || isDecimalText(p))) return undefined;
  if (!isTimeMs(v.updatedAtMs) || !(v.refDay === null || Number.isSafeInteger(v.refDay))) return undefined;
  return {
    symbol: v.symbol,
    last: v.last as string | null,
    bid: v.bid as string | null,
    ask: v.ask as string | null,
    ref: v.ref as string | null,
    refDay: v.refDay as number | null,
    updatedAtMs: v.updatedAtMs,
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isTimeMs = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/**
 * Writes the store's snapshot at most once per interval after a change, and at once on
 * `flush()` (the app calls it when the page is hidden or closed).
 */
export class QuotePersister {
  readonly #storage: KeyValueStorage;
  readonly #scheduler: Scheduler;
  readonly #snapshot: () => readonly SavedQuote[];
  #timer: TimerHandle | undefined;

  constructor(storage: KeyValueStorage, scheduler: Scheduler, snapshot: () => readonly SavedQuote[]) {
    this.#storage = storage;
    this.#scheduler = scheduler;
    this.#snapshot = snapshot;
  }

  /** Something changed: make sure a write is scheduled. */
  changed(): void {
    if (this.#timer) return;
    this.#timer = this.#scheduler.setTimeout(() => this.flush(), QUOTES_PERSIST_INTERVAL_MS);
  }

  flush(): void {
    if (this.#timer) this.#scheduler.clearTimeout(this.#timer);
    this.#timer = undefined;
    const quotes = this.#snapshot();
    if (quotes.length > 0) saveQuotes(this.#storage, quotes, this.#scheduler.nowMs());
  }
}
