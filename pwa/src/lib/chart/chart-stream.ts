import { type Signal, signal } from '@preact/signals';
import type { Bar1sFrame, MarketFrame, ReplayStatusFrame, ServerFrame } from '@tradewind/shared/protocol';

export type ChartFollower = {
  /** A closed 1-second bar of the followed symbol, in order. */
  onBar(frame: Bar1sFrame): void;
  /** A replay's status (replay symbols only). */
  onStatus?(frame: ReplayStatusFrame): void;
  /** Bars were missed (a gap in `seq`, or a new connection): reload the history. */
  onGap(): void;
};

/**
 * The chart's live feed from core: `bars1s.<SYM>` for the live market, or a replay session's
 * `bars1s.<SYM>@<id>` and `replay.<SYM>@<id>`. One chart at a time follows one symbol; the
 * socket wiring subscribes to `topics` and hands every frame to `apply`. Each topic's `seq`
 * must rise by one: anything else means frames were conflated or a socket was replaced.
 */
export class ChartStream {
  readonly topics: Signal<readonly string[]> = signal([]);
  #symbol: string | null = null;
  #follower: ChartFollower | null = null;
  #barSeq = 0;
  #tape: ((frame: MarketFrame) => void) | null = null;

  /** Follows `symbol` (a live symbol, or a replay symbol `<SYM>@<id>`) until the returned stop. */
  follow(symbol: string, follower: ChartFollower): () => void {
    this.#symbol = symbol;
    this.#follower = follower;
    this.#barSeq = 0;
    this.#setTopics();
    return () => {
      if (this.#follower !== follower) return;
      this.#follower = null;
      this.#symbol = null;
      this.#setTopics();
    };
  }

  /**
   * Also hears the followed replay's trades and quotes (`trades.<SYM>@<id>`, `bbo.<SYM>@<id>`)
   * until the returned stop: the practice panel's feed. Live symbols' trades go to the price store.
   */
  listenTape(listener: (frame: MarketFrame) => void): () => void {
    this.#tape = listener;
    this.#setTopics();
    return () => {
      if (this.#tape !== listener) return;
      this.#tape = null;
      this.#setTopics();
    };
  }

  #setTopics(): void {
    const symbol = this.#symbol;
    if (symbol === null) {
      this.topics.value = [];
      return;
    }
    if (!symbol.includes('@')) {
      this.topics.value = [`bars1s.${symbol}`];
      return;
    }
    const tape = this.#tape === null ? [] : [`trades.${symbol}`, `bbo.${symbol}`];
    this.topics.value = [`bars1s.${symbol}`, `replay.${symbol}`, ...tape];
  }

  /** A frame from the socket; anything not for the followed symbol is ignored. */
  apply(frame: ServerFrame): void {
    const f = this.#follower;
    if (f === null) return;
    if ((frame.type === 'trade' || frame.type === 'bbo') && frame.symbol === this.#symbol) {
      this.#tape?.(frame);
      return;
    }
    if (frame.type === 'bar' && frame.symbol === this.#symbol) {
      const gap = this.#barSeq !== 0 && frame.seq !== this.#barSeq + 1;
      // A seq at or below the last one is a new subscription's first frame, or a repeat.
      if (this.#barSeq !== 0 && frame.seq <= this.#barSeq) {
        this.#barSeq = frame.seq;
        f.onGap();
        return;
      }
      this.#barSeq = frame.seq;
      if (gap) f.onGap();
      f.onBar(frame);
    } else if (frame.type === 'replay' && frame.symbol === this.#symbol) {
      f.onStatus?.(frame);
    }
  }
}
