import http from 'node:http';
import https from 'node:https';
import { SEND_TIMEOUT_MS, type SendResult } from './channel';
import { guardedLookup, type Resolver } from './target-url';

/** Error text kept per delivery (shown to the user in the dead letters). */
export const ERROR_CHARS_MAX = 300;

/** fetch refuses URLs with credentials: `https://user:pass@host/` becomes Basic auth. */
export function splitCredentials(raw: string): { url: string; authorization: string | null } {
  const url = new URL(raw);
  if (url.username === '' && url.password === '') return { url: raw, authorization: null };
  const basic = Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString(
    'base64',
  );
  url.username = '';
  url.password = '';
  return { url: url.toString(), authorization: `Basic ${basic}` };
}

/** 2xx sent; 408, 429 and 5xx retried; any other answer refused for good. */
export function classify(status: number, text: string): SendResult {
  if (status >= 200 && status < 300) return { status: 'sent' };
  const error = `HTTP ${status}: ${text.slice(0, ERROR_CHARS_MAX)}`;
  if (status === 408 || status === 429 || status >= 500) return { status: 'retry', error };
  return { status: 'failed', error };
}

/** A network error, a timeout, or (`refused`) a name the guard would not connect to. */
export type Posted =
  | { readonly status: number; readonly text: string }
  | { readonly error: string; readonly refused?: boolean };

/** Response bytes kept (an error text is cut to ERROR_CHARS_MAX anyway); the rest is drained. */
const RESPONSE_BYTES_KEPT = 4096;
/** Connections kept open per receiver: a push service gets many messages in a burst. */
export const SOCKETS_PER_HOST = 32;

export type Poster = (url: string, headers: Record<string, string>, body: string | Uint8Array) => Promise<Posted>;

/**
 * Where outgoing POSTs go through: keep-alive agents (a TLS handshake per message would cost
 * more than the message) whose sockets resolve names with `guardedLookup`. `guard` on: names
 * that resolve to private or loopback addresses are refused, and the socket connects to the
 * very address that was checked (no second lookup to rebind). Off: for operator-configured
 * receivers (SMS provider, Telegram's API base) and NOTIFY_ALLOW_PRIVATE_TARGETS.
 */
export function createTransport(o: { guard: boolean; resolve?: Resolver }): { post: Poster; close(): void } {
  const options = { keepAlive: true, maxSockets: SOCKETS_PER_HOST, lookup: guardedLookup(!o.guard, o.resolve) };
  const agents = { 'http:': new http.Agent(options), 'https:': new https.Agent(options) };
  return {
    post: (url, headers, body) => postWith(agents, url, headers, body),
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}`.slice(0, ERROR_CHARS_MAX) : 'send failed';
}

/** One POST with a deadline; network errors, refused names and timeouts come back as values. */
function postWith(
  agents: { 'http:': http.Agent; 'https:': https.Agent },
  url: string,
  headers: Record<string, string>,
  body: string | Uint8Array,
): Promise<Posted> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch (err) {
      return resolve({ error: errorText(err) });
    }
    const agent =
      target.protocol === 'https:' ? agents['https:'] : target.protocol === 'http:' ? agents['http:'] : null;
    if (agent === null) return resolve({ error: `unsupported protocol ${target.protocol}` });
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const request = (agent === agents['https:'] ? https.request : http.request)(target, {
      method: 'POST',
      agent,
      headers: { ...headers, 'Content-Length': String(bytes.byteLength) },
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    request.on('error', (err) =>
      resolve({ error: errorText(err), refused: (err as { code?: unknown }).code === 'ERR_PRIVATE_TARGET' }),
    );
    request.on('response', (response) => {
      const kept: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        if (size < RESPONSE_BYTES_KEPT) kept.push(chunk);
        size += chunk.length;
      });
      response.on('error', (err) => resolve({ error: errorText(err) }));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          text: Buffer.concat(kept).subarray(0, RESPONSE_BYTES_KEPT).toString(),
        }),
      );
    });
    request.end(bytes);
  });
}

export async function postJson(
  post: Poster,
  url: string,
  payload: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<SendResult> {
  const { url: target, authorization } = splitCredentials(url);
  const headers = {
    'Content-Type': 'application/json',
    ...(authorization ? { Authorization: authorization } : {}),
    ...extraHeaders,
  };
  const posted = await post(target, headers, JSON.stringify(payload));
  if ('error' in posted) return { status: posted.refused ? 'failed' : 'retry', error: posted.error };
  return classify(posted.status, posted.text);
}
