import type { MarketTick } from '@tradewind/shared/market-sim';
import type { CoreMetrics } from '../metrics';
import type { TopicHub } from '../ws/topic-hub';
import type { MarketFrameEncoder } from './frame-encoder';
import type { MarketSink } from './market-feed';

/** The sink every feed publishes into: encode each tick once, fan it out, then check backpressure. */
export class MarketPublisher implements MarketSink {
  private readonly publishedTrades;
  private readonly publishedBbo;

  constructor(
    private readonly encoder: MarketFrameEncoder,
    private readonly hub: TopicHub,
    private readonly metrics: CoreMetrics,
  ) {
    this.publishedTrades = metrics.published.labels('trades');
    this.publishedBbo = metrics.published.labels('bbo');
  }

  publish(ticks: readonly MarketTick[]): void {
    for (const tick of ticks) {
      const frame = this.encoder.encode(tick);
      this.hub.publish(frame.topic, frame.text);
      (frame.channel === 'trades' ? this.publishedTrades : this.publishedBbo).inc();
    }
    this.metrics.feedSteps.inc();
    // Once per batch, not per frame: the check is a native call per socket.
    this.hub.sweep();
  }
}
