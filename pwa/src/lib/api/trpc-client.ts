import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from './app-router';

export type ApiClient = TRPCClient<AppRouter>;

/** Procedures that must work without an access token (they are how one gets a token). */
const TOKENLESS_PATHS: ReadonlySet<string> = new Set(['auth.register', 'auth.login', 'auth.refresh']);
/**
 * Never resent after a 401: a password change's refused token means the session is gone, and
 * the refresh a resend needs would wait for the change itself (SessionStore.changePassword).
 */
const NEVER_RESENT_PATHS: ReadonlySet<string> = new Set(['auth.changePassword']);
/** Batches stay small so one slow procedure does not hold many answers back. */
export const BATCH_ITEMS_MAX = 10;

export type ApiClientOptions = {
  /** `/trpc` on the app's own origin in the browser; an absolute URL in tests. */
  url: string;
  /** A valid access token (refreshed first if it is about to expire), or null when signed out. */
  accessToken: () => Promise<string | null>;
  /** The token was refused: refresh it; true if a new one is ready (the request is then retried once). */
  refreshAfterUnauthorized: () => Promise<boolean>;
  fetch?: typeof globalThis.fetch;
};

/**
 * The typed client for edge. Adds `Authorization: Bearer` from the session to every call
 * that needs it; on a 401 it refreshes once and resends the same request.
 */
export function createApiClient(opts: ApiClientOptions): ApiClient {
  const baseFetch = opts.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: opts.url,
        maxItems: BATCH_ITEMS_MAX,
        headers: async ({ opList }) => {
          if (opList.every((op) => TOKENLESS_PATHS.has(op.path))) return {};
          const token = await opts.accessToken();
          return token ? { authorization: `Bearer ${token}` } : {};
        },
        fetch: (input, init) =>
          fetchWithRefresh(baseFetch, opts, String(input instanceof Request ? input.url : input), init),
      }),
    ],
  });
}

async function fetchWithRefresh(
  baseFetch: typeof globalThis.fetch,
  opts: ApiClientOptions,
  url: string,
  init: RequestInit | undefined,
): Promise<Response> {
  const first = await baseFetch(url, init);
  if (first.status !== 401 || !resendable(url) || !new Headers(init?.headers).has('authorization')) return first;
  if (!(await opts.refreshAfterUnauthorized())) return first;
  const token = await opts.accessToken();
  const headers = new Headers(init?.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  else headers.delete('authorization');
  return baseFetch(url, { ...init, headers });
}

/** `/trpc/auth.me,market.instruments?batch=1` → does any of these procedures need the token, and may they be resent? */
function resendable(url: string): boolean {
  const path = new URL(url, 'http://x').pathname;
  const procedures = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)).split(',');
  return procedures.some((p) => !TOKENLESS_PATHS.has(p)) && !procedures.some((p) => NEVER_RESENT_PATHS.has(p));
}
