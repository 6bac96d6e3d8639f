import { BASE_SECURITY_HEADERS } from './security-headers';

/** A response with edge's base security headers added (the input's headers may be immutable). */
export function withHeaders(response: Response, extra: Readonly<Record<string, string>> = {}): Response {
  const headers = new Headers(response.headers);
  for (const [k, v] of Object.entries({ ...BASE_SECURITY_HEADERS, ...extra })) headers.set(k, v);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return withHeaders(
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
    }),
  );
}

export function text(body: string, status: number, headers: Record<string, string> = {}): Response {
  return withHeaders(
    new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers } }),
  );
}
