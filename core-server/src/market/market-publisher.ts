import type { DepthSnapshot, MarketDataBatch } from '@tradewind/shared/market-data';
import type { MarketTick } from '@tradewind/shared/market-sim';
import type { CoreMetrics } from '../metrics';
import type { TopicHub } from '../ws/topic-hub';
import type { EncodedFrame, MarketFrameEncoder } from './frame-encoder';
import type { MarketSink } from './market-feed';

/** The sink every feed publishes into: encode each event once, fan it out, then check backpressure. */
export class MarketPublisher implements MarketSink {
  private readonly counters;

  constructor(
    private readonly encoder: MarketFrameEncoder,
    private readonly hub: TopicHub,
    private readonly metrics: CoreMetrics,
  ) {
    const p = metrics.published;
    this.counters = {
      trades: p.labels('trades'),
      bbo: p.labels('bbo'),
      depth: p.labels('depth'),
      bars1s: p.labels('bars1s'),
    };
  }

  publish(ticks: readonly MarketTick[]): void {
    for (const tick of ticks) this.send(this.encoder.encode(tick));
    this.endBatch();
  }

  /** Depth first: a BBO or trade frame never announces a level the depth stream has not shown. */
  publishData(batch: MarketDataBatch): void {
    for (const d of batch.depth) this.send(this.encoder.encodeDepthDelta(d));
    for (const q of batch.quotes) this.send(this.encoder.encodeQuote(q));
    for (const t of batch.trades) this.send(this.encoder.encodeTrade(t));
    for (const b of batch.bars) if (b.interval === '1s') this.send(this.encoder.encodeBar1s(b));
    this.endBatch();
  }

  serveDepth(source: (symbol: string) => DepthSnapshot | undefined): void {
    this.encoder.serveDepth(source);
  }

  private send(frame: EncodedFrame): void {
    this.hub.publish(frame.topic, frame.text);
    this.counters[frame.channel].inc();
  }

  private endBatch(): void {
    this.metrics.feedSteps.inc();
    // Once per batch, not per frame (the check is a native call per socket), and after uWS has
    // written the batch, not before (see sweepAfterWrite).
    this.hub.sweepAfterWrite();
  }
}
