import { parseApiKey } from '@tradewind/db';
import type { ApiKeyScope } from '@tradewind/db/schema';
import type { ApiKeyVerifier } from './api-keys';
import type { AccessResult, KeyStore } from './key-store';

/** The two headers a REST call may authenticate with, read synchronously in the uWS handler. */
export type RestCredentials = { readonly authorization: string; readonly apiKey: string };

export type RestCaller =
  | { readonly ok: true; readonly userId: string; readonly role: 'user' | 'admin'; readonly via: 'token' | 'apiKey' }
  | {
      readonly ok: false;
      readonly code:
        | 'AUTH_REQUIRED'
        | 'AUTH_SESSION_REVOKED'
        | 'FORBIDDEN'
        | 'RATE_LIMITED'
        | 'CORE_JOURNAL_UNAVAILABLE';
      readonly message: string;
    };

export type RestAuth = { readonly keys: KeyStore; readonly apiKeys: ApiKeyVerifier };

const API_KEY_SCHEME = 'ApiKey ';
const REQUIRED = 'a Bearer access token or an API key (Authorization: ApiKey <id>.<secret>, or X-API-Key) is required';

/**
 * Who calls the REST API: an access token (`Authorization: Bearer …`, any scope, its role) or
 * an API key (`Authorization: ApiKey <id>.<secret>` or `X-API-Key: <id>.<secret>`; the scope
 * the route needs; never admin). Object-level checks come after, the same for both.
 */
export async function restCaller(auth: RestAuth, cred: RestCredentials, scope: ApiKeyScope): Promise<RestCaller> {
  const keyText = cred.authorization.startsWith(API_KEY_SCHEME)
    ? cred.authorization.slice(API_KEY_SCHEME.length)
    : cred.apiKey;
  if (keyText.length > 0) {
    const key = parseApiKey(keyText);
    if (key === undefined) return { ok: false, code: 'AUTH_REQUIRED', message: 'malformed API key' };
    const checked = await auth.apiKeys.verify(key, scope);
    return checked.ok ? { ok: true, userId: checked.userId, role: 'user', via: 'apiKey' } : checked;
  }
  const token = cred.authorization.startsWith('Bearer ') ? cred.authorization.slice(7) : '';
  if (token.length === 0) return { ok: false, code: 'AUTH_REQUIRED', message: REQUIRED };
  const result = await auth.keys.verify(token);
  if (!result.ok) return { ok: false, code: restCodeOf(result.code), message: result.message };
  return { ok: true, userId: result.claims.userId, role: result.claims.role, via: 'token' };
}

/**
 * 401 AUTH_SESSION_REVOKED: logged out or a password changed (refresh or sign in again); 503
 * when the session cannot be checked (the database is away; fail closed, as order entry does).
 */
function restCodeOf(code: Extract<AccessResult, { ok: false }>['code']): Extract<RestCaller, { ok: false }>['code'] {
  if (code === 'AUTH_SESSION_REVOKED') return code;
  return code === 'AUTH_UNAVAILABLE' ? 'CORE_JOURNAL_UNAVAILABLE' : 'AUTH_REQUIRED';
}
