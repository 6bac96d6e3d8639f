import { ACCESS_TOKEN_TTL_S, signAccessToken } from '@tradewind/shared/auth';
import type { KeyRing } from './key-ring';
import type { SessionUser } from './sessions';

/** What login, register and refresh return: the access token lives in the client's memory only. */
export type SignedIn = {
  accessToken: string;
  /** When the access token expires (epoch ms): the client refreshes a little before. */
  accessTokenExpiresAtMs: number;
  user: SessionUser;
};

/**
 * The answer a client gets. `user` is copied field by field: callers hold wider rows (login's
 * has the password hash), and whatever object is passed here would be serialised as it is.
 */
export async function signIn(keys: KeyRing, user: SessionUser, sessionId: string, nowMs: number): Promise<SignedIn> {
  const nowS = Math.floor(nowMs / 1000);
  const accessToken = await signAccessToken({ userId: user.id, sessionId, role: user.role }, await keys.signer(), nowS);
  const { id, email, displayName, role } = user;
  return {
    accessToken,
    accessTokenExpiresAtMs: (nowS + ACCESS_TOKEN_TTL_S) * 1000,
    user: { id, email, displayName, role },
  };
}
