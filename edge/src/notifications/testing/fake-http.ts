import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Received = { method: string; path: string; headers: IncomingHttpHeaders; body: Buffer };

/**
 * A local HTTP receiver for channel tests (push service, SMS provider, Telegram Bot API,
 * webhook endpoint): records every request; answers with the queued statuses, then 201.
 */
export async function startFakeHttp(
  answer: (r: Received) => { status: number; body?: string } = () => ({ status: 201 }),
) {
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  const statuses: number[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const r: Received = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks),
    };
    received.push(r);
    const queued = statuses.shift();
    const a = queued === undefined ? answer(r) : { status: queued };
    res.writeHead(a.status, { 'Content-Type': 'application/json' });
    res.end(a.body ?? '{"ok":true}');
    for (const w of waiters.splice(0)) w();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    /** The next requests get these statuses, in order. */
    queue: (...s: number[]) => statuses.push(...s),
    /** Resolves once `n` requests have arrived. */
    async waitFor(n: number): Promise<void> {
      while (received.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
