import type { RequestInfo } from '../../context';
import { fail } from '../../errors';

/**
 * Refuses a request whose Origin header names another host than the one it was sent to.
 * Browsers send Origin on every POST; non-browser clients send none, and have no ambient
 * cookies to abuse.
 */
export function refuseCrossOrigin(request: RequestInfo): void {
  if (request.origin === null) return;
  let originHost: string;
  try {
    originHost = new URL(request.origin).host;
  } catch {
    fail('AUTH_ORIGIN_REFUSED');
  }
  if (originHost !== request.host) fail('AUTH_ORIGIN_REFUSED');
}
