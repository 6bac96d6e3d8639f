import type { SocketLike } from './socket-like';

/**
 * A scripted stand-in for the browser's WebSocket, for tests: records what the client
 * sends and lets the test play the server (open, frames, close).
 */
export class FakeSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  onmessage: SocketLike['onmessage'] = null;
  readonly sent: Record<string, unknown>[] = [];
  closedByClient: { code: number | undefined; reason: string | undefined } | undefined;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(code?: number, reason?: string): void {
    this.closedByClient = { code, reason };
  }

  serverOpens(): void {
    this.onopen?.({});
  }

  serverSends(frame: object): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  serverSendsRaw(data: unknown): void {
    this.onmessage?.({ data });
  }

  serverCloses(code = 1006, reason = ''): void {
    this.onclose?.({ code, reason });
  }

  /** The ops sent so far, in order, e.g. ['auth', 'subscribe']. */
  ops(): unknown[] {
    return this.sent.map((m) => m.op);
  }
}

/** A seeded stream in [0, 1) (mulberry32), so jittered delays are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
