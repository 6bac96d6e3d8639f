import type { Bar, Quote, TradePrint } from '@tradewind/shared/market-data';

/**
 * One recorded fact in replay order. `atMs` is when it happened in market time: a trade's or
 * quote's timestamp, a bar's close (its open + 1 s). At the same `atMs` bars come first (they
 * close the second before), then trades, then quotes; ties within a kind keep the store's order.
 */
export type ReplayEvent =
  | { readonly kind: 'bar'; readonly atMs: number; readonly bar: Bar }
  | { readonly kind: 'trade'; readonly atMs: number; readonly trade: TradePrint }
  | { readonly kind: 'quote'; readonly atMs: number; readonly quote: Quote };

export const KIND_RANK = { bar: 0, trade: 1, quote: 2 } as const;

/** Negative when `a` plays before `b`. Ties within a kind are resolved by each stream's own order. */
export function compareEvents(a: ReplayEvent, b: ReplayEvent): number {
  return a.atMs - b.atMs || KIND_RANK[a.kind] - KIND_RANK[b.kind];
}
