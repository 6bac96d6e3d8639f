import type { DepthListener, FillSink, Side } from '../types';

/** What a sink heard, as plain tuples: easy to compare with `toEqual`. */
export type SinkEvent =
  | readonly ['fill', number, number, number, number, number, number]
  | readonly ['stp', number, number, number, 'resting' | 'incoming'];

/** Test sink: records every callback in order. */
export class RecordingSink implements FillSink {
  events: SinkEvent[] = [];

  onFill(maker: number, makerOwner: number, taker: number, price: number, qty: number, makerLeft: number): void {
    this.events.push(['fill', maker, makerOwner, taker, price, qty, makerLeft]);
  }

  onSelfTradePrevented(resting: number, incoming: number, lots: number, cancelled: 'resting' | 'incoming'): void {
    this.events.push(['stp', resting, incoming, lots, cancelled]);
  }

  take(): SinkEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }
}

/**
 * An L2 consumer: keeps price → total per side from deltas only, checking that seqs arrive
 * without gaps. `levels()` renders it like `depth()` does (best first).
 */
export class L2Mirror implements DepthListener {
  readonly bids = new Map<number, number>();
  readonly asks = new Map<number, number>();
  seq = 0;

  /** Starts from a full-depth snapshot, as a late subscriber would. */
  load(seq: number, bids: readonly { priceTicks: number; totalLots: number }[], asks: typeof bids): void {
    this.bids.clear();
    this.asks.clear();
    for (const l of bids) this.bids.set(l.priceTicks, l.totalLots);
    for (const l of asks) this.asks.set(l.priceTicks, l.totalLots);
    this.seq = seq;
  }

  onDepthDelta(side: Side, priceTicks: number, totalLots: number, seq: number): void {
    if (seq <= this.seq) return; // already in the snapshot
    if (seq !== this.seq + 1) throw new Error(`L2 gap: expected seq ${this.seq + 1}, got ${seq}`);
    this.seq = seq;
    const m = side === 'buy' ? this.bids : this.asks;
    if (totalLots === 0) m.delete(priceTicks);
    else m.set(priceTicks, totalLots);
  }

  levels(): { bids: [number, number][]; asks: [number, number][] } {
    const bids = [...this.bids].sort((a, b) => b[0] - a[0]);
    const asks = [...this.asks].sort((a, b) => a[0] - b[0]);
    return { bids, asks };
  }
}
