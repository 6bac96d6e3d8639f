import type { Instrument } from '@tradewind/shared';
import {
  encodeServerFrame,
  type PublicChannel,
  REPLAY_CHANNEL,
  type ReplaySpeed,
  type ReplayView,
  replaySymbolOf,
} from '@tradewind/shared/protocol';
import { MarketFrameEncoder } from '../market/frame-encoder';
import type { MarketSink } from '../market/market-feed';
import type { HistoryCursor } from './recorded-history';
import { ReplayPlayer } from './replay-player';

/** Status frames while playing: at most one per this much wall time (plus one per change). */
export const REPLAY_STATUS_EVERY_MS = 500;

export type SessionSpec = {
  readonly id: string;
  readonly userId: string;
  readonly instrument: Instrument;
  readonly fromMs: number;
  readonly toMs: number;
  readonly speed: ReplaySpeed;
  readonly paused: boolean;
};

/** Where a session's frames go: the core's topic hub. */
export type SessionOutput = {
  /** A sink over the session's own encoder (the live market's sink, pointed at replay topics). */
  readonly sinkOf: (encoder: MarketFrameEncoder) => MarketSink;
  readonly publish: (topic: string, text: string) => void;
};

/**
 * One user's replay: a player over the recorded history of one symbol, publishing through an
 * encoder of its own whose only instrument is the replay symbol `<SYM>@<id>` — so its frames,
 * topics and `seq`s are separate from the live market's, which never sees them.
 */
export class ReplaySession {
  readonly replaySymbol: string;
  readonly encoder: MarketFrameEncoder;
  readonly player: ReplayPlayer;
  private readonly statusTopic: string;
  private statusSeq = 0;
  private lastStatus: string | undefined;
  private sinceStatusMs = 0;
  /** Wall time of the last control call or of the last tick with a subscriber (idle reaping). */
  lastUsedMs: number;

  constructor(
    readonly spec: SessionSpec,
    open: (symbol: string, fromMs: number, toMs: number) => HistoryCursor,
    private readonly output: SessionOutput,
    nowMs: number,
  ) {
    this.replaySymbol = replaySymbolOf(spec.instrument.symbol, spec.id);
    this.statusTopic = `${REPLAY_CHANNEL}.${this.replaySymbol}`;
    this.encoder = new MarketFrameEncoder([{ ...spec.instrument, symbol: this.replaySymbol as Instrument['symbol'] }]);
    const sink = output.sinkOf(this.encoder);
    const symbol = spec.instrument.symbol;
    this.player = new ReplayPlayer({
      range: { symbols: [symbol], fromMs: spec.fromMs, toMs: spec.toMs },
      speed: spec.speed,
      paused: spec.paused,
      open: (fromMs) => open(symbol, fromMs, spec.toMs),
      // The store's rows name the real symbol; the session's frames name the replay symbol.
      publish: (batch) =>
        sink.publishData({
          trades: batch.trades.map((t) => ({ ...t, symbol: this.replaySymbol })),
          quotes: batch.quotes.map((q) => ({ ...q, symbol: this.replaySymbol })),
          depth: [],
          bars: batch.bars.map((b) => ({ ...b, symbol: this.replaySymbol })),
        }),
    });
    this.lastUsedMs = nowMs;
    this.publishStatus();
  }

  get topics(): string[] {
    return [...(['trades', 'bbo', 'bars1s'] as const).map((c) => `${c}.${this.replaySymbol}`), this.statusTopic];
  }

  view(): ReplayView {
    const p = this.player;
    return {
      id: this.spec.id,
      symbol: this.spec.instrument.symbol,
      replaySymbol: this.replaySymbol,
      fromMs: this.spec.fromMs,
      toMs: this.spec.toMs,
      speed: p.speed,
      state: p.state,
      positionMs: p.positionMs,
      events: p.events,
    };
  }

  /** The first frame for a new subscriber of one of the session's topics. */
  last(channel: PublicChannel | typeof REPLAY_CHANNEL): string | undefined {
    return channel === REPLAY_CHANNEL ? this.lastStatus : this.encoder.last(channel, this.replaySymbol);
  }

  async tick(elapsedMs: number): Promise<void> {
    const before = this.player.state;
    await this.player.tick(elapsedMs);
    this.sinceStatusMs += elapsedMs;
    if (this.player.state !== before || (before === 'playing' && this.sinceStatusMs >= REPLAY_STATUS_EVERY_MS)) {
      this.publishStatus();
    }
  }

  /** A status frame now (after every control call and state change). */
  publishStatus(): void {
    this.sinceStatusMs = 0;
    this.statusSeq += 1;
    const { symbol: _symbol, replaySymbol, ...rest } = this.view();
    this.lastStatus = encodeServerFrame({ type: 'replay', symbol: replaySymbol, seq: this.statusSeq, ...rest });
    this.output.publish(this.statusTopic, this.lastStatus);
  }
}
