import type { Sql } from '@tradewind/db';
import { assert, type Instrument } from '@tradewind/shared';
import type { ReplaySpeed } from '@tradewind/shared/protocol';
import type { FeedHealth, MarketFeed, MarketSink } from '../market/market-feed';
import { openHistory } from './recorded-history';
import { ReplayPlayer } from './replay-player';
import { ReplayRunner } from './replay-runner';

export type ReplayFeedOptions = {
  readonly sql: Sql;
  readonly instruments: readonly Instrument[];
  readonly fromMs: number;
  readonly toMs: number;
  readonly speed: ReplaySpeed;
  readonly monotonicMs?: () => number;
  /** Manual: no timer; the owner calls `tick()` (tests). */
  readonly manual?: boolean;
  readonly onError?: (error: unknown) => void;
};

/**
 * The whole market driven by recorded history (`MARKET_SOURCE=replay`): every instrument's
 * trades, quotes and 1-second bars of `[fromMs, toMs)` on the ordinary topics, at a fixed
 * speed, once. Nothing is recorded (it is the record) and no agents trade, so tests and demos
 * run on fixed data: the same range gives the same frames.
 */
export class ReplayFeed implements MarketFeed {
  readonly name = 'replay';
  readonly instruments: readonly Instrument[];
  private player: ReplayPlayer | undefined;
  private runner: ReplayRunner | undefined;
  private steps = 0;
  private failures = 0;

  constructor(private readonly options: ReplayFeedOptions) {
    assert(options.fromMs < options.toMs, 'replay range must not be empty');
    this.instruments = options.instruments;
  }

  start(sink: MarketSink): void {
    assert(this.player === undefined, 'feed already started');
    const { sql, fromMs, toMs, speed } = this.options;
    const symbols = this.instruments.map((i) => i.symbol);
    this.player = new ReplayPlayer({
      range: { symbols, fromMs, toMs },
      speed,
      open: (from) => openHistory(sql, { symbols, fromMs: from, toMs }),
      publish: (batch) => sink.publishData(batch),
    });
    if (this.options.manual) return;
    this.runner = new ReplayRunner(this.options.monotonicMs ?? (() => performance.now()), (e) => this.fail(e));
    this.runner.add(this);
  }

  stop(): void {
    this.runner?.close();
    this.runner = undefined;
    this.player?.stop();
  }

  /** Ended counts as running: the feed did its job; health is about failures. */
  health(): FeedHealth {
    const state = this.player?.state;
    return {
      running: state !== undefined && state !== 'stopped',
      steps: this.steps,
      consecutiveFailures: this.failures,
    };
  }

  get positionMs(): number | undefined {
    return this.player?.positionMs;
  }
  get state(): string | undefined {
    return this.player?.state;
  }

  async tick(elapsedMs: number): Promise<number> {
    const player = this.player;
    assert(player !== undefined, 'feed not started');
    const n = await player.tick(elapsedMs);
    this.steps += 1;
    this.failures = 0;
    return n;
  }

  private fail(e: unknown): void {
    this.failures += 1;
    this.options.onError?.(e);
  }
}
