import { type ChannelModel, connect } from 'amqplib';
import { RETRY_DELAY_MS_MAX, RETRY_DELAY_MS_MIN } from './limits';
import { type BusLog, type BusStats, backoffMs } from './stats';

/** Something that lives on the RabbitMQ connection and must be set up again on each one. */
export interface AmqpPart {
  attach(model: ChannelModel): Promise<void>;
  detach(): void;
}

/** A connection attempt gives up after this long (an unreachable host must not hang start). */
const CONNECT_TIMEOUT_MS = 5_000;
/** AMQP heartbeat: a silently dead peer is noticed within about twice this. */
const HEARTBEAT_S = 10;

/**
 * One RabbitMQ connection that comes back: on loss it detaches every part, reconnects with
 * exponential backoff, and attaches them again (channels, queues and consumers do not
 * survive a connection). A part that fails to attach closes the connection, which makes
 * the whole setup start over after the backoff.
 */
export class AmqpLink {
  readonly #parts = new Set<AmqpPart>();
  #model: ChannelModel | null = null;
  #failures = 0;
  #connectedOnce = false;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(
    private readonly url: string,
    private readonly stats: BusStats,
    private readonly log: BusLog,
    private readonly onConnected?: (model: ChannelModel) => void,
  ) {}

  get connected(): boolean {
    return this.#model !== null;
  }

  get model(): ChannelModel | null {
    return this.#model;
  }

  /** One attempt now (and its attachments); on failure, retries continue in the background. */
  async start(): Promise<void> {
    await this.#connect();
  }

  /** Adds a part; if connected, resolves once it is attached to the current connection. */
  async add(part: AmqpPart): Promise<void> {
    this.#parts.add(part);
    const model = this.#model;
    if (model) await this.#attach(model, part);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const model = this.#model;
    this.#model = null;
    for (const part of this.#parts) part.detach();
    await model?.close().catch(() => {});
  }

  async #connect(): Promise<void> {
    if (this.#closed) return;
    let model: ChannelModel;
    try {
      model = await connect(withHeartbeat(this.url), { timeout: CONNECT_TIMEOUT_MS });
    } catch (error) {
      this.#retry(error);
      return;
    }
    if (this.#closed) {
      await model.close().catch(() => {});
      return;
    }
    // Without an 'error' listener an EventEmitter error would crash the process; 'close' follows it.
    model.on('error', (error: Error) => this.log.warn({ err: error.message }, 'RabbitMQ connection error'));
    model.on('close', () => this.#lost(model));
    this.#model = model;
    if (this.#connectedOnce) this.stats.reconnects += 1;
    this.#connectedOnce = true;
    this.#failures = 0;
    this.onConnected?.(model);
    await Promise.all([...this.#parts].map((part) => this.#attach(model, part)));
  }

  async #attach(model: ChannelModel, part: AmqpPart): Promise<void> {
    try {
      await part.attach(model);
    } catch (error) {
      this.log.warn({ err: String(error) }, 'RabbitMQ setup failed; reconnecting');
      if (this.#model === model) await model.close().catch(() => {});
    }
  }

  #lost(model: ChannelModel): void {
    if (this.#model !== model) return;
    this.#model = null;
    for (const part of this.#parts) part.detach();
    this.#retry(new Error('connection closed'));
  }

  #retry(error: unknown): void {
    if (this.#closed) return;
    this.#failures += 1;
    const delayMs = backoffMs(this.#failures, RETRY_DELAY_MS_MIN, RETRY_DELAY_MS_MAX);
    this.log.warn({ err: String(error), delayMs }, 'RabbitMQ unavailable; reconnecting');
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#connect();
    }, delayMs);
  }
}

/** amqplib takes the heartbeat from the URL; keep one the operator set. */
function withHeartbeat(url: string): string {
  const u = new URL(url);
  if (!u.searchParams.has('heartbeat')) u.searchParams.set('heartbeat', String(HEARTBEAT_S));
  return u.toString();
}
