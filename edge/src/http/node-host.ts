import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EdgeConfig } from '../config';
import { createEdge, type Edge, type EdgeDeps, REQUEST_BODY_BYTES_MAX } from '../edge';

/** Open requests get this long to finish on shutdown before their connections are cut. */
export const SHUTDOWN_GRACE_MS = 5_000;
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

export type EdgeServer = { port: number; url: string; edge: Edge; close(): Promise<void> };

/** Reads a request body up to the limit; null when it is larger (the rest is not read). */
async function readBody(req: IncomingMessage): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > REQUEST_BODY_BYTES_MAX) return null;
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('Set-Cookie', cookies);
  if (response.body) {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      if (!res.write(chunk)) await once(res, 'drain');
    }
  }
  res.end();
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
  res.end(message);
}

/** The Node → Web bridge: one IncomingMessage becomes one Request for edge's fetch handler. */
async function bridge(edge: Edge, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  if (Number(req.headers['content-length'] ?? 0) > REQUEST_BODY_BYTES_MAX) {
    return refuse(res, 413, 'Request body too large.');
  }
  const body = hasBody ? await readBody(req) : undefined;
  if (body === null) return refuse(res, 413, 'Request body too large.');
  let url: URL;
  try {
    url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  } catch {
    return refuse(res, 400, 'Bad request.');
  }
  const aborted = new AbortController();
  res.once('close', () => aborted.abort());
  const request = new Request(url, { method, headers: toHeaders(req), body, signal: aborted.signal });
  const response = await edge.fetch(request, { remoteAddress: req.socket.remoteAddress });
  await writeResponse(res, response);
}

async function stopServer(server: Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
  force.unref();
  await closed;
  clearTimeout(force);
}

/** Serves edge on node:http at config.host:config.port (port 0 picks a free one). */
export async function startEdgeServer(config: EdgeConfig, deps: EdgeDeps = {}): Promise<EdgeServer> {
  const edge = createEdge(config, deps);
  const { log, metrics } = edge.services;
  const server = createServer(
    { headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
    (req, res) => {
      bridge(edge, req, res).catch((err) => {
        metrics.uncaughtErrors.inc({ where: 'node_host' });
        log.error({ err, url: req.url }, 'bridging request failed');
        if (!res.headersSent) refuse(res, 500, 'Internal server error.');
        else res.destroy();
      });
    },
  );
  server.on('clientError', (err, socket) => {
    log.debug({ err }, 'client error');
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  server.listen(config.port, config.host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= stopServer(server).then(() => edge.close());
    return closing;
  };
  return { port, url: `http://${host}:${port}`, edge, close };
}
