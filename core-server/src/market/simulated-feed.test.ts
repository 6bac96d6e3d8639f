import { SIMULATED_INSTRUMENTS } from '@tradewind/shared';
import type { MarketTick } from '@tradewind/shared/market-sim';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock';
import { SimulatedFeed } from './simulated-feed';

function collectBatches(feed: SimulatedFeed, count: number): Promise<MarketTick[][]> {
  const batches: MarketTick[][] = [];
  return new Promise((resolve) => {
    feed.start({
      publishData: () => {},
      serveDepth: () => {},
      publish: (ticks) => {
        batches.push([...ticks]);
        if (batches.length === count) {
          feed.stop();
          resolve(batches);
        }
      },
    });
  });
}

describe('SimulatedFeed', () => {
  it('steps on its own timer and publishes one batch per step, stamped with the injected clock', async () => {
    const clock = new ManualClock(1_000);
    const feed = new SimulatedFeed({ seed: 3, ticksPerSecond: 200, instruments: SIMULATED_INSTRUMENTS, clock });
    const batches = await collectBatches(feed, 5);
    for (const batch of batches) {
      expect(batch.filter((t) => t.kind === 'bbo')).toHaveLength(SIMULATED_INSTRUMENTS.length);
      expect(batch.every((t) => t.tsMs === 1_000)).toBe(true);
    }
    expect(feed.health()).toMatchObject({ running: false, consecutiveFailures: 0 });
    expect(feed.health().steps).toBeGreaterThanOrEqual(5);
  });

  it('gives the same ticks for the same seed whether stepped by timer or by hand', async () => {
    const clock = new ManualClock(0);
    const timed = await collectBatches(
      new SimulatedFeed({ seed: 11, ticksPerSecond: 500, instruments: SIMULATED_INSTRUMENTS, clock }),
      4,
    );
    const manual = new SimulatedFeed({
      seed: 11,
      ticksPerSecond: 1,
      instruments: SIMULATED_INSTRUMENTS,
      clock,
      manual: true,
    });
    const byHand: MarketTick[][] = [];
    manual.start({ publish: (ticks) => byHand.push([...ticks]), publishData: () => {}, serveDepth: () => {} });
    manual.step(4);
    expect(byHand).toEqual(timed);
  });

  it('reports failing health while its sink throws, and counts through the error hook', async () => {
    const errors: unknown[] = [];
    const feed = new SimulatedFeed({
      seed: 1,
      ticksPerSecond: 200,
      instruments: SIMULATED_INSTRUMENTS,
      clock: new ManualClock(0),
      onError: (e) => errors.push(e),
    });
    await new Promise<void>((resolve) => {
      feed.start({
        publishData: () => {},
        serveDepth: () => {},
        publish: () => {
          if (errors.length >= 2) resolve();
          throw new Error('sink broke');
        },
      });
    });
    expect(feed.health().consecutiveFailures).toBeGreaterThanOrEqual(2);
    feed.stop();
    expect(feed.health().running).toBe(false);
  });
});
