import type postgres from 'postgres';
import { OUTBOX_CHANNEL } from './outbox';
import type { BusStats } from './stats';

/**
 * Wakes outbox readers when there may be new events: LISTEN on the outbox channel (sent
 * at commit by appendToOutbox) and a periodic poll as the safety net, because a
 * notification can be missed (the listening connection drops, a publisher wrote without
 * notifying). postgres.js re-LISTENs after a reconnect and calls `onlisten` again, which
 * wakes everyone to catch up on what was committed meanwhile.
 */
export class OutboxWakeups {
  readonly #targets = new Set<() => void>();
  #listener: postgres.ListenMeta | null = null;
  #timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly sql: postgres.Sql,
    private readonly pollIntervalMs: number,
    private readonly stats: BusStats,
  ) {}

  async start(): Promise<void> {
    this.#listener = await this.sql.listen(
      OUTBOX_CHANNEL,
      () => this.#wakeAll('notify'),
      () => this.#wakeAll('notify'),
    );
    this.#timer = setInterval(() => this.#wakeAll('poll'), this.pollIntervalMs);
    // The poll must not keep a process alive on its own; the bus is closed explicitly.
    this.#timer.unref();
  }

  add(target: () => void): void {
    this.#targets.add(target);
  }

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    const listener = this.#listener;
    this.#listener = null;
    await listener?.unlisten();
  }

  #wakeAll(cause: 'notify' | 'poll'): void {
    if (cause === 'notify') this.stats.wakeupsByNotify += 1;
    else this.stats.wakeupsByPoll += 1;
    for (const target of this.#targets) target();
  }
}
