import type { EngineEvent } from '../engine/index';
import { assert } from '../util/assert';
import { BarAggregator } from './bar-aggregator';
import { DEPTH_LEVELS_MAX, type DepthSource, DepthTracker } from './depth-tracker';
import {
  BAR_INTERVALS,
  type Bar,
  type BarInterval,
  type DepthSnapshot,
  type MarketDataBatch,
  type Quote,
} from './types';

/** Symbols one deriver follows; bounds the work of a sync. */
export const DERIVER_SYMBOLS_MAX = 4_096;

type SymbolStream = {
  readonly tracker: DepthTracker;
  readonly bars: BarAggregator;
  tradeSeq: number;
  quote: Quote | undefined;
};

export type DeriverOptions = {
  readonly levelsMax?: number;
  readonly intervals?: readonly BarInterval[];
};

/**
 * Public market data from the engine: feed it every applied command's events (`onEvents`,
 * for trades and bars) and, after each batch of commands, the books (`sync`, for depth deltas,
 * BBO changes and bars whose interval ended). Pure and deterministic: time comes in with the
 * calls, so the same commands give the same market data.
 */
export class MarketDataDeriver {
  private readonly streams = new Map<string, SymbolStream>();

  constructor(symbols: readonly string[], options: DeriverOptions = {}) {
    assert(symbols.length > 0 && symbols.length <= DERIVER_SYMBOLS_MAX, 'deriver symbol count');
    for (const symbol of symbols) {
      assert(!this.streams.has(symbol), `duplicate symbol ${symbol}`);
      this.streams.set(symbol, {
        tracker: new DepthTracker(symbol, options.levelsMax ?? DEPTH_LEVELS_MAX),
        bars: new BarAggregator(symbol, options.intervals ?? BAR_INTERVALS),
        tradeSeq: 0,
        quote: undefined,
      });
    }
  }

  get symbols(): string[] {
    return [...this.streams.keys()];
  }

  knows(symbol: string): boolean {
    return this.streams.has(symbol);
  }

  /** The trades of one applied command (at its time); bars they close go to `out.bars`. */
  onEvents(timeMs: number, events: readonly EngineEvent[], out: MarketDataBatch): void {
    for (const e of events) {
      if (e.type !== 'TradeExecuted') continue;
      const s = this.streams.get(e.symbol);
      if (s === undefined) continue;
      s.tradeSeq += 1;
      out.trades.push({
        symbol: e.symbol,
        seq: s.tradeSeq,
        tradeId: e.tradeId,
        tsMs: timeMs,
        priceTicks: e.priceTicks,
        qtyLots: e.qtyLots,
        aggressor: e.aggressor,
      });
      s.bars.addTrade(timeMs, e.priceTicks, e.qtyLots, out.bars);
    }
  }

  /** After a batch: depth deltas and BBO changes of the books that moved, and bars due by `nowMs`. */
  sync(nowMs: number, bookOf: (symbol: string) => DepthSource | undefined, out: MarketDataBatch): void {
    for (const [symbol, s] of this.streams) {
      const book = bookOf(symbol);
      if (book !== undefined) s.tracker.sync(book);
      const delta = s.tracker.flush();
      if (delta !== undefined) {
        out.depth.push(delta);
        this.updateQuote(nowMs, symbol, s, out);
      }
      s.bars.closeDue(nowMs, out.bars);
    }
  }

  snapshot(symbol: string): DepthSnapshot | undefined {
    return this.streams.get(symbol)?.tracker.snapshot();
  }

  quote(symbol: string): Quote | undefined {
    return this.streams.get(symbol)?.quote;
  }

  /** Bars in progress of a symbol (not closed yet). */
  currentBars(symbol: string): Bar[] {
    return this.streams.get(symbol)?.bars.current() ?? [];
  }

  private updateQuote(nowMs: number, symbol: string, s: SymbolStream, out: MarketDataBatch): void {
    const [bidTicks, bidLots] = s.tracker.best('bids');
    const [askTicks, askLots] = s.tracker.best('asks');
    const q = s.quote;
    if (q && q.bidTicks === bidTicks && q.bidLots === bidLots && q.askTicks === askTicks && q.askLots === askLots)
      return;
    s.quote = { symbol, tsMs: nowMs, bidTicks, bidLots, askTicks, askLots };
    out.quotes.push(s.quote);
  }
}
