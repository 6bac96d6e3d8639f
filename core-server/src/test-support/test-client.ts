import { type ClientMessage, decodeServerFrame, type ServerFrame } from '@tradewind/shared/protocol';
import WebSocket from 'ws';

/** Longest a test waits for a frame or event before failing with what it saw. */
export const TEST_WAIT_MS = 5_000;

let flushCount = 0;

type Waiter = { pred: (f: ServerFrame) => boolean; resolve: (frames: ServerFrame[]) => void; scanned: number };

/** A real `ws` client that queues the server's frames so that a test can wait for them in order. */
export class TestClient {
  private readonly queue: ServerFrame[] = [];
  private waiter: Waiter | undefined;
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      const frame = decodeServerFrame(isBinary ? '' : String(data));
      if (frame === undefined) throw new Error(`server sent an undecodable frame: ${String(data).slice(0, 200)}`);
      this.queue.push(frame);
      this.wake();
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
  }

  /** Opens a socket; rejects with the HTTP status when the upgrade is refused. */
  static connect(url: string, headers: Record<string, string> = {}): Promise<TestClient> {
    const socket = new WebSocket(url, { headers });
    const client = new TestClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      socket.once('error', reject);
    });
  }

  send(message: ClientMessage | Record<string, unknown> | string | Buffer, binary = false): void {
    const data = typeof message === 'string' || Buffer.isBuffer(message) ? message : JSON.stringify(message);
    this.socket.send(data, { binary });
  }

  /** Every frame up to and including the first that matches; they are consumed. */
  until(pred: (f: ServerFrame) => boolean, timeoutMs = TEST_WAIT_MS): Promise<ServerFrame[]> {
    if (this.waiter) throw new Error('one wait at a time');
    const hit = this.queue.findIndex(pred);
    if (hit >= 0) return Promise.resolve(this.queue.splice(0, hit + 1));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error(`no matching frame in ${timeoutMs} ms; queued: ${JSON.stringify(this.queue.slice(-5))}`));
      }, timeoutMs);
      this.waiter = {
        pred,
        scanned: this.queue.length,
        resolve: (frames) => {
          clearTimeout(timer);
          resolve(frames);
        },
      };
    });
  }

  async next<T extends ServerFrame['type']>(
    type: T,
    pred: (f: Extract<ServerFrame, { type: T }>) => boolean = () => true,
  ) {
    const frames = await this.until((f) => f.type === type && pred(f as Extract<ServerFrame, { type: T }>));
    return frames[frames.length - 1] as Extract<ServerFrame, { type: T }>;
  }

  /** Sends a request with an id and returns the answer that echoes it. */
  async request(message: ClientMessage & { id: string }): Promise<ServerFrame> {
    this.send(message);
    const frames = await this.until((f) => 'id' in f && f.id === message.id);
    return frames[frames.length - 1] as ServerFrame;
  }

  /** A ping round trip: every frame the server sent before the pong, consumed. */
  async flush(id = `flush-${++flushCount}`): Promise<ServerFrame[]> {
    this.send({ op: 'ping', id });
    const frames = await this.until((f) => f.type === 'pong' && f.id === id);
    return frames.slice(0, -1);
  }

  /** Frames received and not yet consumed. */
  pending(): ServerFrame[] {
    return [...this.queue];
  }

  close(): Promise<{ code: number; reason: string }> {
    this.socket.close();
    return this.closed;
  }

  private wake(): void {
    const w = this.waiter;
    if (!w) return;
    // Only frames that arrived since the last look: a long queue must not make waiting quadratic.
    let hit = -1;
    for (let i = w.scanned; i < this.queue.length; i++) {
      if (w.pred(this.queue[i] as ServerFrame)) {
        hit = i;
        break;
      }
    }
    w.scanned = this.queue.length;
    if (hit < 0) return;
    this.waiter = undefined;
    w.resolve(this.queue.splice(0, hit + 1));
  }
}
