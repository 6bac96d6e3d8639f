import type { CoreInternalConfig } from '../config';

/** An order-entry call that takes longer than this is reported as unavailable (never retried blindly). */
export const CORE_REQUEST_TIMEOUT_MS = 5_000;
/** Core's answers are small JSON; a larger one is a bug or an attack, not an answer. */
export const CORE_RESPONSE_BYTES_MAX = 256 * 1024;

/** What a call to core's internal API can come back with; failures of the transport are values too. */
export type CoreReply =
  | { readonly ok: true; readonly status: number; readonly body: unknown }
  | { readonly ok: false; readonly failure: 'unreachable' | 'timeout' | 'bad_response' | 'unauthorized' };

export type CoreClient = {
  post(path: string, body: unknown): Promise<CoreReply>;
};

/**
 * The client of core's internal, service-authenticated HTTP API: one POST of JSON per call,
 * the service token as a bearer, a deadline and a size cap on the answer. Core is the
 * judge of every order; edge only forwards what it has validated and authorised.
 */
export function createCoreClient(
  config: CoreInternalConfig,
  fetchImpl: typeof globalThis.fetch = globalThis.fetch,
): CoreClient {
  return {
    async post(path, body) {
      let response: Response;
      try {
        response = await fetchImpl(`${config.url}${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${config.serviceToken}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(CORE_REQUEST_TIMEOUT_MS),
        });
      } catch (e) {
        return { ok: false, failure: isTimeout(e) ? 'timeout' : 'unreachable' };
      }
      if (response.status === 401 || response.status === 403) return { ok: false, failure: 'unauthorized' };
      return readJson(response);
    },
  };
}

async function readJson(response: Response): Promise<CoreReply> {
  try {
    const text = await response.text();
    if (text.length > CORE_RESPONSE_BYTES_MAX) return { ok: false, failure: 'bad_response' };
    return { ok: true, status: response.status, body: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, failure: isTimeout(e) ? 'timeout' : 'bad_response' };
  }
}

const isTimeout = (e: unknown): boolean =>
  e instanceof DOMException ? e.name === 'TimeoutError' || e.name === 'AbortError' : false;
