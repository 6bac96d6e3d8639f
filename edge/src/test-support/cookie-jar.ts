type StoredCookie = { value: string; path: string };

/**
 * A minimal browser-like cookie jar for one origin: remembers Set-Cookie (Max-Age=0 deletes),
 * sends cookies whose Path prefixes the request path. Enough to drive the refresh-token flow.
 */
export class CookieJar {
  readonly cookies = new Map<string, StoredCookie>();
  /** Every Set-Cookie header seen, newest last (tests read attributes from here). */
  readonly setCookieHeaders: string[] = [];

  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      this.setCookieHeaders.push(header);
      const [pair = '', ...attrs] = header.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const attr = (key: string) =>
        attrs.find((a) => a.toLowerCase().startsWith(`${key.toLowerCase()}=`))?.split('=')[1] ?? undefined;
      if (attr('Max-Age') === '0') this.cookies.delete(name);
      else this.cookies.set(name, { value: pair.slice(eq + 1), path: attr('Path') ?? '/' });
    }
  }

  header(url: string): string | undefined {
    const path = new URL(url).pathname;
    const matching = [...this.cookies].filter(([, c]) => path === c.path || path.startsWith(`${c.path}/`));
    return matching.length > 0 ? matching.map(([n, c]) => `${n}=${c.value}`).join('; ') : undefined;
  }

  /** A fetch that sends and stores this jar's cookies. */
  fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : input.toString();
    const headers = new Headers(init?.headers);
    const cookie = this.header(url);
    if (cookie) headers.set('Cookie', cookie);
    const response = await fetch(input, { ...init, headers });
    this.store(response);
    return response;
  };
}
