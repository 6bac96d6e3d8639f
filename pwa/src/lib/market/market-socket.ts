import {
  type ClientMessage,
  decodeServerFrame,
  type MarketFrame,
  type ProtocolErrorCode,
  type ServerFrame,
  SUBSCRIPTIONS_PER_SOCKET_MAX,
  TOPICS_PER_MESSAGE_MAX,
  WS_CLOSE_SESSION_REVOKED,
} from '@tradewind/shared/protocol';
import { assert } from '@tradewind/shared/util';
import type { Scheduler, TimerHandle } from '../util/scheduler';
import { reconnectDelayMs } from './backoff';
import type { SocketFactory, SocketLike } from './socket-like';

/** What the UI shows. `stopped` only after `stop()`. */
export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'stopped';

/** Without any frame for this long we ping; after two silent beats the socket is dead. */
export const HEARTBEAT_INTERVAL_MS = 10_000;
/** Close codes we send. Browsers let a page send only 1000 and 3000-4999 (application codes). */
export const CLOSE_CODE_NORMAL = 1000;
/** We gave up on a socket that stayed silent through the heartbeat. */
export const CLOSE_CODE_SILENT = 4000;
/** The device went offline. */
export const CLOSE_CODE_OFFLINE = 4001;

export type MarketSocketOptions = {
  url: string;
  createSocket: SocketFactory;
  scheduler: Scheduler;
  /** In [0, 1); Math.random in the app, a seeded stream in tests. */
  random: () => number;
  onMarketFrame: (frame: MarketFrame) => void;
  /** Every other data frame (depth, private account updates, answers): the trading screens read these. */
  onOtherFrame?: (frame: ServerFrame) => void;
  onStatus?: (status: ConnectionStatus) => void;
  /** The core refused our token: the session should refresh and call setToken again. */
  onAuthError?: (code: ProtocolErrorCode, message: string) => void;
  onProtocolError?: (code: ProtocolErrorCode, message: string) => void;
};

/**
 * The core WebSocket client: keeps one connection to the core alive (exponential backoff
 * with jitter, a heartbeat, a pause while the network is down), and after every
 * (re)connect re-sends the token and re-subscribes to the wanted topics. Market frames
 * that repeat or go back in `seq` on one connection are dropped. No DOM: tests inject
 * the socket factory and the scheduler.
 */
export class MarketSocket {
  readonly #opts: MarketSocketOptions;
  #socket: SocketLike | undefined;
  #status: ConnectionStatus = 'stopped';
  #started = false;
  #networkUp = true;
  /** Sockets created so far: the first attempt is `connecting`, every later one `reconnecting`. */
  #connects = 0;
  #attempt = 0;
  #retryTimer: TimerHandle | undefined;
  #beatTimer: TimerHandle | undefined;
  #rxSinceBeat = false;
  #silentBeats = 0;
  #token: string | null = null;
  #requestSeq = 0;
  readonly #wanted = new Set<string>();
  /** Topics the current connection has asked for (reset on every new connection). */
  readonly #sent = new Set<string>();
  /** Last `seq` per `<type>.<symbol>` on the current connection. */
  readonly #lastSeq = new Map<string, number>();

  constructor(opts: MarketSocketOptions) {
    this.#opts = opts;
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  /** Failed attempts since the last healthy connection (the backoff exponent). */
  get attempt(): number {
    return this.#attempt;
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#connectOrWait();
  }

  stop(): void {
    this.#started = false;
    this.#clearTimers();
    this.#dropSocket(CLOSE_CODE_NORMAL, 'client stopped');
    this.#setStatus('stopped');
  }

  /** The browser's online/offline events. Offline closes at once; online retries at once. */
  setNetworkAvailable(up: boolean): void {
    if (up === this.#networkUp) return;
    this.#networkUp = up;
    if (!this.#started) return;
    if (!up) {
      this.#clearTimers();
      this.#dropSocket(CLOSE_CODE_OFFLINE, 'network offline');
      this.#setStatus('offline');
      return;
    }
    this.#attempt = 0;
    this.#connectOrWait();
  }

  /** The full set of topics wanted; the difference is sent if connected, all of it on reconnect. */
  setTopics(topics: Iterable<string>): void {
    const next = new Set(topics);
    assert(next.size <= SUBSCRIPTIONS_PER_SOCKET_MAX, `at most ${SUBSCRIPTIONS_PER_SOCKET_MAX} topics per socket`);
    this.#wanted.clear();
    for (const t of next) this.#wanted.add(t);
    if (this.#status === 'live') this.#syncTopics();
  }

  /** null = anonymous. A new token is sent at once on a live socket, and after every reconnect. */
  setToken(token: string | null): void {
    if (token === this.#token) return;
    const hadToken = this.#token !== null;
    this.#token = token;
    if (this.#status !== 'live') return;
    if (token !== null) this.#send({ op: 'auth', id: this.#nextId('auth'), token });
    else if (hadToken) this.#send({ op: 'logout', id: this.#nextId('logout') });
  }

  #connectOrWait(): void {
    if (!this.#started) return;
    if (!this.#networkUp) {
      this.#setStatus('offline');
      return;
    }
    this.#setStatus(this.#connects > 0 ? 'reconnecting' : 'connecting');
    this.#connects += 1;
    let socket: SocketLike;
    try {
      socket = this.#opts.createSocket(this.#opts.url);
    } catch {
      // A malformed URL or a browser refusal: treat like a failed connection.
      this.#scheduleRetry();
      return;
    }
    this.#socket = socket;
    socket.onopen = () => this.#onOpen(socket);
    socket.onmessage = (event) => this.#onMessage(socket, event.data);
    socket.onclose = (event) => this.#onClose(socket, event);
    socket.onerror = () => undefined; // a close event always follows; handled there
  }

  #onOpen(socket: SocketLike): void {
    if (socket !== this.#socket) return;
    this.#sent.clear();
    this.#lastSeq.clear();
    this.#setStatus('live');
    if (this.#token !== null) this.#send({ op: 'auth', id: this.#nextId('auth'), token: this.#token });
    this.#syncTopics();
    this.#rxSinceBeat = true;
    this.#silentBeats = 0;
    this.#scheduleBeat();
  }

  #onClose(socket: SocketLike, event: { code: number; reason: string }): void {
    if (socket !== this.#socket) return;
    this.#socket = undefined;
    this.#clearTimers();
    if (event.code === WS_CLOSE_SESSION_REVOKED) {
      // Logged out or the password changed (elsewhere too): this token is dead. Reconnect
      // anonymously for market data; the session refreshes (or signs out) and calls setToken.
      this.#token = null;
      this.#opts.onAuthError?.('AUTH_SESSION_REVOKED', event.reason);
    }
    if (!this.#started) return;
    if (!this.#networkUp) {
      this.#setStatus('offline');
      return;
    }
    this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    const delayMs = reconnectDelayMs(this.#attempt, this.#opts.random());
    this.#attempt += 1;
    this.#setStatus('reconnecting');
    this.#retryTimer = this.#opts.scheduler.setTimeout(() => {
      this.#retryTimer = undefined;
      this.#connectOrWait();
    }, delayMs);
  }

  #onMessage(socket: SocketLike, data: unknown): void {
    if (socket !== this.#socket || typeof data !== 'string') return;
    this.#rxSinceBeat = true;
    const frame = decodeServerFrame(data);
    if (frame) this.#onFrame(frame);
  }

  #onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'trade':
      case 'bbo':
        if (this.#isNewSeq(`${frame.type}.${frame.symbol}`, frame.seq)) this.#opts.onMarketFrame(frame);
        return;
      case 'hello':
        // The server speaks our protocol: the connection is healthy, so backoff starts over.
        this.#attempt = 0;
        return;
      case 'error':
        if (
          frame.code === 'AUTH_INVALID_TOKEN' ||
          frame.code === 'AUTH_EXPIRED' ||
          frame.code === 'AUTH_SESSION_REVOKED'
        ) {
          this.#opts.onAuthError?.(frame.code, frame.message);
        } else {
          this.#opts.onProtocolError?.(frame.code, frame.message);
        }
        return;
      default:
        // ack, authed, pong: liveness is all the socket needs; depth and account frames go on.
        this.#opts.onOtherFrame?.(frame);
        return;
    }
  }

  #isNewSeq(key: string, seq: number): boolean {
    const last = this.#lastSeq.get(key);
    if (last !== undefined && seq <= last) return false;
    this.#lastSeq.set(key, seq);
    return true;
  }

  #syncTopics(): void {
    const add = [...this.#wanted].filter((t) => !this.#sent.has(t));
    const remove = [...this.#sent].filter((t) => !this.#wanted.has(t));
    for (const chunk of chunks(remove, TOPICS_PER_MESSAGE_MAX)) {
      this.#send({ op: 'unsubscribe', id: this.#nextId('unsub'), topics: chunk });
      for (const t of chunk) this.#sent.delete(t);
    }
    for (const chunk of chunks(add, TOPICS_PER_MESSAGE_MAX)) {
      this.#send({ op: 'subscribe', id: this.#nextId('sub'), topics: chunk });
      for (const t of chunk) this.#sent.add(t);
    }
  }

  #scheduleBeat(): void {
    this.#beatTimer = this.#opts.scheduler.setTimeout(() => this.#beat(), HEARTBEAT_INTERVAL_MS);
  }

  /** Once per interval: anything received means alive; else ping, and after two silent beats give up. */
  #beat(): void {
    this.#beatTimer = undefined;
    if (this.#rxSinceBeat) {
      this.#rxSinceBeat = false;
      this.#silentBeats = 0;
    } else {
      this.#silentBeats += 1;
      if (this.#silentBeats >= 2) {
        const socket = this.#socket;
        this.#dropSocket(CLOSE_CODE_SILENT, 'no frames from server');
        if (socket) this.#onCloseAfterDrop();
        return;
      }
      this.#send({ op: 'ping', id: this.#nextId('ping') });
    }
    this.#scheduleBeat();
  }

  /** A socket we closed ourselves may never fire onclose (half-open TCP): retry now. */
  #onCloseAfterDrop(): void {
    if (this.#started && this.#networkUp) this.#scheduleRetry();
  }

  #send(message: ClientMessage): void {
    this.#socket?.send(JSON.stringify(message));
  }

  #nextId(prefix: string): string {
    this.#requestSeq += 1;
    return `${prefix}-${this.#requestSeq}`;
  }

  #dropSocket(code: number, reason: string): void {
    const socket = this.#socket;
    this.#socket = undefined;
    if (!socket) return;
    socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
    try {
      socket.close(code, reason);
    } catch {
      // closing an already-failed socket may throw in some browsers; it is gone either way
    }
  }

  #clearTimers(): void {
    if (this.#retryTimer) this.#opts.scheduler.clearTimeout(this.#retryTimer);
    if (this.#beatTimer) this.#opts.scheduler.clearTimeout(this.#beatTimer);
    this.#retryTimer = this.#beatTimer = undefined;
  }

  #setStatus(status: ConnectionStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    this.#opts.onStatus?.(status);
  }
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
