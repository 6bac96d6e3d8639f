import type { Logger } from '../logger';
import { INPUT_QUEUE_MAX, INPUTS_PER_TURN_MAX } from './limits';

/**
 * The strategies' inputs in arrival order, handled off the hot path: pushed by the journal's
 * commit callback and the market feed, drained on a later turn of the event loop, at most
 * INPUTS_PER_TURN_MAX per turn so sockets and the journal get their turns. Bounded: past
 * INPUT_QUEUE_MAX the runner is overloaded (it fails its deployments rather than fall behind).
 */
export class InputQueue {
  private items: (() => void)[] = [];
  private head = 0;
  private scheduled = false;
  private waiters: (() => void)[] = [];

  constructor(
    private readonly log: Logger,
    private readonly onOverload: () => void,
  ) {}

  get length(): number {
    return this.items.length - this.head;
  }

  push(input: () => void): void {
    if (this.length >= INPUT_QUEUE_MAX) {
      this.items = [];
      this.head = 0;
      this.onOverload();
      return;
    }
    this.items.push(input);
    this.schedule();
  }

  idle(): Promise<void> {
    if (this.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  private drain(): void {
    this.scheduled = false;
    const end = Math.min(this.items.length, this.head + INPUTS_PER_TURN_MAX);
    while (this.head < end) {
      const input = this.items[this.head] as () => void;
      this.items[this.head++] = noop;
      try {
        input();
      } catch (e) {
        // A bug of the runner, not of a strategy (those are caught by the runtime): logged, never fatal.
        this.log.error({ err: e }, 'strategy input failed');
      }
    }
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
      for (const w of this.waiters.splice(0)) w();
    } else this.schedule();
  }
}

const noop = () => {};
