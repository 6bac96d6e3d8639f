import type { HttpResponse } from 'uWebSockets.js';

/** Largest request body the trading API reads; past it the request is answered 413 unread. */
export const BODY_BYTES_MAX = 16 * 1024;

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: string; message: string };

/**
 * Reads a JSON body (uWS reuses the chunk buffers: each is copied). Call after `onAborted`.
 * Resolves with a typed failure for a body too large or not JSON; never throws.
 */
export function readJsonBody(res: HttpResponse, bytesMax = BODY_BYTES_MAX): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    res.onData((chunk, isLast) => {
      if (done) return;
      size += chunk.byteLength;
      if (size > bytesMax) {
        done = true;
        resolve({ ok: false, status: '413 Payload Too Large', message: `body exceeds ${bytesMax} bytes` });
        return;
      }
      chunks.push(Buffer.from(chunk.slice(0)));
      if (!isLast) return;
      done = true;
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ ok: true, value: text.length === 0 ? {} : (JSON.parse(text) as unknown) });
      } catch {
        resolve({ ok: false, status: '400 Bad Request', message: 'body is not JSON' });
      }
    });
  });
}
