import { SEND_TIMEOUT_MS, type SendResult } from './channel';

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

export type Posted = { readonly status: number; readonly text: string } | { readonly error: string };

/** One POST with a deadline; network errors and timeouts come back as values. */
export async function post(url: string, headers: Record<string, string>, body: string | Uint8Array): Promise<Posted> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
    return { status: response.status, text: await response.text() };
  } catch (err) {
    return { error: err instanceof Error ? `${err.name}: ${err.message}`.slice(0, ERROR_CHARS_MAX) : 'send failed' };
  }
}

export async function postJson(
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
  return 'error' in posted ? { status: 'retry', error: posted.error } : classify(posted.status, posted.text);
}
