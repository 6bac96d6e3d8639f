import { assert, type Instrument, stepsToDecimal } from '@tradewind/shared';
import type { Bar, DepthDelta, DepthSnapshot, Level, Quote, TradePrint } from '@tradewind/shared/market-data';
import type { MarketTick } from '@tradewind/shared/market-sim';
import { type DepthLevel, encodeServerFrame, type PublicChannel, topicOf } from '@tradewind/shared/protocol';

type TopicState = { readonly topic: string; seq: number; last: string | undefined };
type SymbolState = {
  readonly instrument: Instrument;
  readonly trades: TopicState;
  readonly bbo: TopicState;
  readonly depth: TopicState;
  readonly bars1s: TopicState;
  /** The depth snapshot frame last made, reused while the book's seq has not moved. */
  snapshot: { seq: number; text: string } | undefined;
};

export type EncodedFrame = { readonly topic: string; readonly channel: PublicChannel; readonly text: string };

/** Where depth snapshots come from (the engine-backed feed); absent: depth is not served. */
export type DepthSnapshots = (symbol: string) => DepthSnapshot | undefined;

/**
 * Turns market data into wire frames, once per event whatever the number of subscribers:
 * decimal strings through the instrument's steps, and `seq` counting 1, 2, 3… per topic so
 * that a client sees a gap (a conflated or dropped frame) on every stream it reads. The last
 * frame of each topic is kept so that a new subscriber starts from the current state; for
 * `depth` that is a snapshot at the current seq, so deltas that follow apply to it.
 */
export class MarketFrameEncoder {
  private readonly symbols = new Map<string, SymbolState>();
  private depthSnapshots: DepthSnapshots | undefined;

  constructor(instruments: readonly Instrument[]) {
    for (const instrument of instruments) {
      assert(!this.symbols.has(instrument.symbol), `duplicate instrument ${instrument.symbol}`);
      const state = (channel: PublicChannel): TopicState => ({
        topic: topicOf(channel, instrument.symbol),
        seq: 0,
        last: undefined,
      });
      this.symbols.set(instrument.symbol, {
        instrument,
        trades: state('trades'),
        bbo: state('bbo'),
        depth: state('depth'),
        bars1s: state('bars1s'),
        snapshot: undefined,
      });
    }
  }

  knows(symbol: string): boolean {
    return this.symbols.has(symbol);
  }

  /** Serves `depth` topics from now on: a new subscriber gets a snapshot from `source` first. */
  serveDepth(source: DepthSnapshots): void {
    this.depthSnapshots = source;
  }

  /** The frame a new subscriber of a topic gets first, if any. */
  last(channel: PublicChannel | 'replay', symbol: string): string | undefined {
    const s = this.symbols.get(symbol);
    if (s === undefined || channel === 'replay') return undefined;
    return channel === 'depth' ? this.snapshotFrame(s) : s[channel].last;
  }

  /** A tick of the random-walk feed. */
  encode(tick: MarketTick): EncodedFrame {
    if (tick.kind === 'trade') {
      return this.encodeTrade({ ...tick, aggressor: tick.side });
    }
    return this.encodeQuote(tick);
  }

  encodeTrade(t: Pick<TradePrint, 'symbol' | 'priceTicks' | 'qtyLots' | 'aggressor' | 'tsMs'>): EncodedFrame {
    const s = this.state(t.symbol);
    const { tick, lot } = s.instrument;
    const price = stepsToDecimal(t.priceTicks, tick);
    const qty = stepsToDecimal(t.qtyLots, lot);
    return this.emit(s.trades, 'trades', (seq) => ({
      type: 'trade',
      symbol: t.symbol,
      seq,
      price,
      qty,
      side: t.aggressor,
      ts: t.tsMs,
    }));
  }

  /** An empty side is sent as price "0" and quantity "0". */
  encodeQuote(q: Omit<Quote, 'tsMs'> & { readonly tsMs: number }): EncodedFrame {
    const s = this.state(q.symbol);
    const { tick, lot } = s.instrument;
    const frame = {
      bid: stepsToDecimal(q.bidTicks, tick),
      bidQty: stepsToDecimal(q.bidLots, lot),
      ask: stepsToDecimal(q.askTicks, tick),
      askQty: stepsToDecimal(q.askLots, lot),
    };
    return this.emit(s.bbo, 'bbo', (seq) => ({ type: 'bbo', symbol: q.symbol, seq, ...frame, ts: q.tsMs }));
  }

  /** Depth frames carry the deriver's seq (consecutive per symbol), which snapshots share. */
  encodeDepthDelta(d: DepthDelta): EncodedFrame {
    const s = this.state(d.symbol);
    assert(d.seq === s.depth.seq + 1, `depth delta out of order for ${d.symbol}: ${d.seq} after ${s.depth.seq}`);
    s.depth.seq = d.seq;
    const text = encodeServerFrame({ type: 'depthDelta', symbol: d.symbol, seq: d.seq, ...this.levels(s, d) });
    return { topic: s.depth.topic, channel: 'depth', text };
  }

  encodeBar1s(b: Bar): EncodedFrame {
    assert(b.interval === '1s', 'bars1s carries 1-second bars');
    const s = this.state(b.symbol);
    const { tick, lot } = s.instrument;
    const px = (ticks: number) => stepsToDecimal(ticks, tick);
    return this.emit(s.bars1s, 'bars1s', (seq) => ({
      type: 'bar',
      symbol: b.symbol,
      seq,
      interval: '1s',
      openTimeMs: b.openTimeMs,
      open: px(b.openTicks),
      high: px(b.highTicks),
      low: px(b.lowTicks),
      close: px(b.closeTicks),
      volume: stepsToDecimal(b.volumeLots, lot),
      trades: b.tradeCount,
    }));
  }

  private emit(
    t: TopicState,
    channel: PublicChannel,
    make: (seq: number) => Parameters<typeof encodeServerFrame>[0],
  ): EncodedFrame {
    t.seq += 1;
    t.last = encodeServerFrame(make(t.seq));
    return { topic: t.topic, channel, text: t.last };
  }

  private snapshotFrame(s: SymbolState): string | undefined {
    const snap = this.depthSnapshots?.(s.instrument.symbol);
    if (snap === undefined) return undefined;
    if (s.snapshot?.seq === snap.seq) return s.snapshot.text;
    const text = encodeServerFrame({
      type: 'depthSnapshot',
      symbol: snap.symbol,
      seq: snap.seq,
      ...this.levels(s, snap),
    });
    s.snapshot = { seq: snap.seq, text };
    return text;
  }

  private levels(s: SymbolState, d: DepthDelta): { bids: DepthLevel[]; asks: DepthLevel[] } {
    const { tick, lot } = s.instrument;
    const conv = (l: Level): DepthLevel => [stepsToDecimal(l[0], tick), stepsToDecimal(l[1], lot)];
    return { bids: d.bids.map(conv), asks: d.asks.map(conv) };
  }

  private state(symbol: string): SymbolState {
    const s = this.symbols.get(symbol);
    assert(s !== undefined, `market data for an unknown symbol ${symbol}`);
    return s;
  }
}
