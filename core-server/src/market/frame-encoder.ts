import { assert, type Instrument, stepsToDecimal } from '@tradewind/shared';
import type { MarketTick } from '@tradewind/shared/market-sim';
import { encodeServerFrame, type PublicChannel, topicOf } from '@tradewind/shared/protocol';

type TopicState = { readonly topic: string; seq: number; last: string | undefined };
type SymbolState = { readonly instrument: Instrument; readonly trades: TopicState; readonly bbo: TopicState };

export type EncodedFrame = { readonly topic: string; readonly channel: PublicChannel; readonly text: string };

/**
 * Turns feed ticks into wire frames, once per tick whatever the number of subscribers:
 * decimal strings through the instrument's steps, and `seq` counting 1, 2, 3… per topic so
 * that a client sees a gap (a conflated or dropped frame) on every stream it reads. The last
 * frame of each topic is kept so that a new subscriber starts from the current state.
 */
export class MarketFrameEncoder {
  private readonly symbols = new Map<string, SymbolState>();

  constructor(instruments: readonly Instrument[]) {
    for (const instrument of instruments) {
      assert(!this.symbols.has(instrument.symbol), `duplicate instrument ${instrument.symbol}`);
      const state = (channel: PublicChannel): TopicState => ({
        topic: topicOf(channel, instrument.symbol),
        seq: 0,
        last: undefined,
      });
      this.symbols.set(instrument.symbol, { instrument, trades: state('trades'), bbo: state('bbo') });
    }
  }

  knows(symbol: string): boolean {
    return this.symbols.has(symbol);
  }

  /** The last frame published on a topic, if any. */
  last(channel: PublicChannel, symbol: string): string | undefined {
    const s = this.symbols.get(symbol);
    // depth and bars1s keep their own state (depth answers a subscribe with a snapshot).
    if (s === undefined || (channel !== 'trades' && channel !== 'bbo')) return undefined;
    return s[channel].last;
  }

  encode(tick: MarketTick): EncodedFrame {
    const s = this.symbols.get(tick.symbol);
    assert(s !== undefined, `tick for an unknown symbol ${tick.symbol}`);
    const { tick: tickStep, lot } = s.instrument;
    if (tick.kind === 'trade') {
      const t = s.trades;
      t.seq += 1;
      t.last = encodeServerFrame({
        type: 'trade',
        symbol: tick.symbol,
        seq: t.seq,
        price: stepsToDecimal(tick.priceTicks, tickStep),
        qty: stepsToDecimal(tick.qtyLots, lot),
        side: tick.side,
        ts: tick.tsMs,
      });
      return { topic: t.topic, channel: 'trades', text: t.last };
    }
    const b = s.bbo;
    b.seq += 1;
    b.last = encodeServerFrame({
      type: 'bbo',
      symbol: tick.symbol,
      seq: b.seq,
      bid: stepsToDecimal(tick.bidTicks, tickStep),
      bidQty: stepsToDecimal(tick.bidLots, lot),
      ask: stepsToDecimal(tick.askTicks, tickStep),
      askQty: stepsToDecimal(tick.askLots, lot),
      ts: tick.tsMs,
    });
    return { topic: b.topic, channel: 'bbo', text: b.last };
  }
}
