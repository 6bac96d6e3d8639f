import { isInstrumentSymbol } from '@tradewind/shared/domain';
import { type KeyValueStorage, readJson, writeJson } from '../storage/key-value-storage';
import { isDecimalText } from './decimal-compare';

/** What the market watch needs of an instrument (edge's `market.instruments` gives more). */
export type InstrumentInfo = {
  readonly symbol: string;
  readonly kind: string;
  readonly base: string;
  readonly quote: string;
  readonly tickSize: string;
  readonly lotSize: string;
};

/** Kept so the app can draw its rows offline, before (or without) asking edge. */
export const INSTRUMENTS_STORAGE_KEY = 'tw.instruments.v1';
/** Two topics per instrument must fit in one socket's 256 subscriptions. */
export const INSTRUMENTS_MAX = 128;

/** Keeps the valid ones, in order, without duplicates, at most INSTRUMENTS_MAX. */
export function parseInstruments(value: unknown): InstrumentInfo[] {
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  const out: InstrumentInfo[] = [];
  for (const v of value) {
    if (out.length >= INSTRUMENTS_MAX) break;
    const info = parseOne(v);
    if (!info || seen.has(info.symbol)) continue;
    seen.add(info.symbol);
    out.push(info);
  }
  return out;
}

function parseOne(v: unknown): InstrumentInfo | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  const texts = [r.kind, r.base, r.quote].every((t) => typeof t === 'string' && t.length > 0 && t.length <= 16);
  if (typeof r.symbol !== 'string' || !isInstrumentSymbol(r.symbol) || !texts) return undefined;
  if (!isDecimalText(r.tickSize) || !isDecimalText(r.lotSize)) return undefined;
  return {
    symbol: r.symbol,
    kind: r.kind as string,
    base: r.base as string,
    quote: r.quote as string,
    tickSize: r.tickSize,
    lotSize: r.lotSize,
  };
}

export const loadInstruments = (storage: KeyValueStorage): InstrumentInfo[] =>
  parseInstruments(readJson(storage, INSTRUMENTS_STORAGE_KEY));

export const saveInstruments = (storage: KeyValueStorage, list: readonly InstrumentInfo[]): boolean =>
  writeJson(storage, INSTRUMENTS_STORAGE_KEY, list);

/** The two public topics of each instrument, as the core names them. */
export function marketTopics(list: readonly InstrumentInfo[]): string[] {
  return list.flatMap((i) => [`trades.${i.symbol}`, `bbo.${i.symbol}`]);
}
