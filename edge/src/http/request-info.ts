import type { RequestInfo } from '../context';
import { parseCookies } from './cookies';

/** Client IPs longer than this are not addresses; they are cut, so a header cannot bloat a row. */
const IP_CHARS_MAX = 64;
const USER_AGENT_CHARS_MAX = 256;

/** What the host knows about the connection that the Request itself does not carry. */
export type ConnectionInfo = { remoteAddress?: string | undefined };

function clientIp(request: Request, connection: ConnectionInfo, trustProxy: boolean): string {
  if (trustProxy) {
    // Our proxy appends the address it saw; earlier entries are whatever the client claimed.
    const hops = request.headers.get('X-Forwarded-For')?.split(',') ?? [];
    const last = hops[hops.length - 1]?.trim();
    if (last) return last.slice(0, IP_CHARS_MAX);
  }
  return (connection.remoteAddress ?? 'unknown').slice(0, IP_CHARS_MAX);
}

export function requestInfo(request: Request, connection: ConnectionInfo, trustProxy: boolean): RequestInfo {
  const h = request.headers;
  return {
    ip: clientIp(request, connection, trustProxy),
    userAgent: h.get('User-Agent')?.slice(0, USER_AGENT_CHARS_MAX) ?? null,
    origin: h.get('Origin'),
    host: h.get('Host') ?? new URL(request.url).host,
    authorization: h.get('Authorization'),
    cookies: parseCookies(h.get('Cookie')),
  };
}
