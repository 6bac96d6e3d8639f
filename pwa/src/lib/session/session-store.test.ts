import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { authApiOf } from '../api/auth-api';
import type { AuthApi, AuthGrant } from '../api/auth-types';
import { fakeEdgeFetch, newFakeEdgeState } from '../api/edge-contract.fake';
import { createApiClient } from '../api/trpc-client';
import { ManualScheduler } from '../util/manual-scheduler';
import {
  type LockRunner,
  REFRESH_DELAY_MS_MIN,
  REFRESH_LEAD_MS,
  REFRESH_RETRY_MS,
  SessionStore,
} from './session-store';

const EMAIL = 'ada@example.com';
const PASSWORD = 'correct horse battery';
const NAME = 'Ada';

/** In-process stand-in for Web Locks: runs holders one after another. */
function serialLock(): LockRunner {
  let tail: Promise<unknown> = Promise.resolve();
  return (_name, fn) => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** The app's wiring (client ⇄ session) against the fake edge, on a manual clock. */
function stack() {
  const scheduler = new ManualScheduler();
  const edge = newFakeEdgeState();
  let session: SessionStore | undefined;
  const client = createApiClient({
    url: 'http://edge.test/trpc',
    fetch: fakeEdgeFetch(edge, () => scheduler.nowMs()),
    accessToken: () => session?.accessToken() ?? Promise.resolve(null),
    refreshAfterUnauthorized: () => session?.refresh() ?? Promise.resolve(false),
  });
  session = new SessionStore({ api: authApiOf(client), scheduler, withLock: serialLock() });
  return { scheduler, edge, client, session };
}

/** A signed-in session (on a manual clock) whose refreshes are answered by `refresh`. */
async function signedInWithRefresh(refresh: AuthApi['refresh']) {
  const scheduler = new ManualScheduler();
  const api: AuthApi = {
    register: () => Promise.resolve(fakeGrant()),
    login: () => Promise.resolve(fakeGrant()),
    refresh,
    logout: () => Promise.resolve(),
    changePassword: () => Promise.reject(new TypeError('Failed to fetch')),
  };
  const session = new SessionStore({ api, scheduler, withLock: serialLock() });
  await session.login({ email: EMAIL, password: PASSWORD });
  return { scheduler, session };
}

describe('SessionStore with the tRPC client', () => {
  it('registers, holds the token in memory and shows the user', async () => {
    const { session } = stack();
    expect(await session.register({ email: EMAIL, password: PASSWORD, displayName: NAME })).toBe(null);
    expect(session.status.value).toBe('signed-in');
    expect(session.user.value?.email).toBe(EMAIL);
    expect(session.token.value).toBe('access-1');
  });

  it('returns field errors from edge for invalid input and stays signed out', async () => {
    const { session } = stack();
    const error = await session.register({ email: 'not-an-email', password: 'short', displayName: NAME });
    expect(error?.kind).toBe('invalid');
    expect(error?.kind === 'invalid' && Object.keys(error.fields).sort()).toEqual(['email', 'password']);
    expect(session.status.value).toBe('restoring');
  });

  it('returns CONFLICT for a duplicate e-mail and UNAUTHORIZED for a wrong password', async () => {
    const { session } = stack();
    await session.register({ email: EMAIL, password: PASSWORD, displayName: NAME });
    expect((await session.register({ email: EMAIL, password: PASSWORD, displayName: NAME }))?.kind).toBe('conflict');
    await session.logout();
    const wrong = await session.login({ email: EMAIL, password: 'wrong password' });
    expect(wrong).toEqual({ kind: 'unauthorized', message: 'Invalid e-mail or password' });
    expect(session.user.value).toBe(null);
  });

  it('restores the session from the refresh cookie, and is anonymous without one', async () => {
    const a = stack();
    await a.session.restore();
    expect(a.session.status.value).toBe('anonymous');
    await a.session.register({ email: EMAIL, password: PASSWORD, displayName: NAME });
    const again = new SessionStore({ api: authApiOf(a.client), scheduler: a.scheduler, withLock: serialLock() });
    await again.restore();
    expect(again.user.value?.email).toBe(EMAIL);
    expect(again.token.value).toBe('access-2');
  });

  it('sends the bearer token to protected procedures only', async () => {
    const { session, client, edge } = stack();
    await session.register({ email: EMAIL, password: PASSWORD, displayName: NAME });
    const me = await client.auth.me.query();
    expect(me.accounts[0]?.cash).toBe('100000.00');
    expect(edge.calls).toEqual(['auth.me bearer=access-1']);
  });

  it('refreshes ahead of expiry on its own', async () => {
    const { session, scheduler, edge } = stack();
    await session.register({ email: EMAIL, password: PASSWORD, displayName: NAME });
    expect(scheduler.pendingDelaysMs()).toEqual([15 * 60_000 - REFRESH_LEAD_MS]);
    scheduler.advance(15 * 60_000 - REFRESH_LEAD_MS);
    await settle(() => session.token.value === 'access-2');
    expect(edge.calls).toEqual(['auth.refresh cookie=refresh-1']);
  });

  it('refreshes before a request when the token is about to expire', async () => {
    const { session, scheduler, client, edge } = stack();
    await session.register({ email: EMAIL, password: PASSWORD, displayName: NAME });
    await client.auth.me.query();
    expect(edge.calls).toEqual(['auth.me bearer=access-1']);
    jumpClock(scheduler, 15 * 60_000 - 5_000);
    await client.auth.me.query();
    expect(edge.calls.slice(1)).toEqual(['auth.refresh cookie=refresh-1', 'auth.me bearer=access-2']);
  });

  it('after a 401 refreshes once and resends the request with the new token', async () => {
    const { session, client, edge } = stack();
    await session.register({ email: EMAIL, password: PASSWORD, displayName: NAME });
    edge.accessTokens.clear(); // edge revoked the access token (e.g. a restart with a new key)
    const me = await client.auth.me.query();
    expect(me.email).toBe(EMAIL);
    expect(edge.calls).toEqual(['auth.me bearer=access-1', 'auth.refresh cookie=refresh-1', 'auth.me bearer=access-2']);
  });

  it('makes one refresh call when many callers need a token at once', async () => {
    const { session, edge } = stack();
    await session.register({ email: EMAIL, password: PASSWORD, displayName: NAME });
    const results = await Promise.all([session.refresh(), session.refresh(), session.refresh()]);
    expect(results).toEqual([true, true, true]);
    expect(edge.calls.filter((c) => c.startsWith('auth.refresh'))).toHaveLength(1);
  });

  it('signs out when the refresh cookie is refused (revoked family)', async () => {
    const { session, edge } = stack();
    await session.register({ email: EMAIL, password: PASSWORD, displayName: NAME });
    edge.refreshTokens.clear();
    expect(await session.refresh()).toBe(false);
    expect(session.status.value).toBe('anonymous');
    expect(session.token.value).toBe(null);
  });

  it('logs out locally even when edge cannot be reached', async () => {
    const scheduler = new ManualScheduler();
    const api: AuthApi = {
      register: () => Promise.resolve(fakeGrant()),
      login: () => Promise.resolve(fakeGrant()),
      refresh: () => Promise.reject(new TypeError('Failed to fetch')),
      logout: () => Promise.reject(new TypeError('Failed to fetch')),
      changePassword: () => Promise.reject(new TypeError('Failed to fetch')),
    };
    const session = new SessionStore({ api, scheduler, withLock: serialLock() });
    await session.login({ email: EMAIL, password: PASSWORD });
    await session.logout();
    expect(session.user.value).toBe(null);
    expect(scheduler.pendingDelaysMs()).toEqual([]);
  });
});

describe('SessionStore password change', () => {
  const NEW_PASSWORD = 'a brand new passphrase';

  it('changes the password and holds the new session; the old cookie and token are dead', async () => {
    const { session, client, edge, scheduler } = stack();
    await session.register({ email: EMAIL, password: PASSWORD, displayName: NAME });
    jumpClock(scheduler, 15 * 60_000 - 5_000); // about to expire: refreshed before the change is sent
    expect(await session.changePassword({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD })).toBe(null);
    expect(edge.calls).toEqual(['auth.refresh cookie=refresh-1', 'auth.changePassword bearer=access-2']);
    expect(session.token.value).toBe('access-3');
    expect(session.status.value).toBe('signed-in');
    expect([...edge.refreshTokens.keys()]).toEqual(['refresh-3']);
    expect((await client.auth.me.query()).email).toBe(EMAIL);
    expect(await session.refresh()).toBe(true);
    expect(session.token.value).toBe('access-4');
  });

  it("shows the server's refusal as it is and keeps the session", async () => {
    const { session } = stack();
    await session.register({ email: EMAIL, password: PASSWORD, displayName: NAME });
    const wrong = await session.changePassword({ currentPassword: 'not my password', newPassword: NEW_PASSWORD });
    expect(wrong).toEqual({ kind: 'invalid', message: 'Your current password is not correct.', fields: {} });
    expect(session.token.value).toBe('access-1');
    expect(session.status.value).toBe('signed-in');
  });

  it('a refresh asked for during the change waits for it and takes its token, never spending the dying cookie', async () => {
    const scheduler = new ManualScheduler();
    let refreshes = 0;
    let finish: ((g: AuthGrant) => void) | undefined;
    const api: AuthApi = {
      register: () => Promise.resolve(fakeGrant()),
      login: () => Promise.resolve(fakeGrant()),
      refresh: () => {
        refreshes += 1;
        return Promise.reject(Object.assign(new Error('revoked'), { data: { code: 'UNAUTHORIZED' } }));
      },
      logout: () => Promise.resolve(),
      changePassword: () => new Promise<AuthGrant>((resolve) => (finish = resolve)),
    };
    const session = new SessionStore({ api, scheduler, withLock: serialLock() });
    await session.login({ email: EMAIL, password: PASSWORD });
    const changing = session.changePassword({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    await settle(() => finish !== undefined);
    // Core closed the socket because of this very change: the socket asks for a refresh.
    const refreshed = session.refresh();
    finish?.({ ...fakeGrant(), accessToken: 'after-change' });
    expect(await changing).toBe(null);
    expect(await refreshed).toBe(true);
    expect(refreshes).toBe(0);
    expect(session.token.value).toBe('after-change');
    expect(session.status.value).toBe('signed-in');
  });

  it('a logout while the change is on its way keeps the user out when its answer comes', async () => {
    let finish: ((g: AuthGrant) => void) | undefined;
    const api: AuthApi = {
      register: () => Promise.resolve(fakeGrant()),
      login: () => Promise.resolve(fakeGrant()),
      refresh: () => Promise.resolve(fakeGrant()),
      logout: () => Promise.resolve(),
      changePassword: () => new Promise<AuthGrant>((resolve) => (finish = resolve)),
    };
    const session = new SessionStore({ api, scheduler: new ManualScheduler(), withLock: serialLock() });
    await session.login({ email: EMAIL, password: PASSWORD });
    const changing = session.changePassword({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    await settle(() => finish !== undefined);
    await session.logout();
    finish?.({ ...fakeGrant(), accessToken: 'after-change' });
    expect(await changing).toBe(null);
    expect(session.status.value).toBe('anonymous');
    expect(session.token.value).toBe(null);
  });

  it('a change refused as signed out is not resent; the session, ended elsewhere, signs out', async () => {
    const { session, edge } = stack();
    await session.register({ email: EMAIL, password: PASSWORD, displayName: NAME });
    // Another device changed the password first: every token of this one is dead.
    edge.accessTokens.clear();
    edge.refreshTokens.clear();
    const refused = await session.changePassword({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(refused?.kind).toBe('unauthorized');
    await settle(() => session.status.value === 'anonymous');
    expect(edge.calls).toEqual(['auth.changePassword bearer=access-1', 'auth.refresh cookie=refresh-1']);
    expect(session.endedElsewhere.value).toBe(true);
  });

  it('says when edge ended the session, not when the user logged out here', async () => {
    const { session, edge } = stack();
    await session.register({ email: EMAIL, password: PASSWORD, displayName: NAME });
    await session.logout();
    expect(session.endedElsewhere.value).toBe(false);
    await session.login({ email: EMAIL, password: PASSWORD });
    edge.refreshTokens.clear();
    await session.refresh();
    expect(session.endedElsewhere.value).toBe(true);
    await session.login({ email: EMAIL, password: PASSWORD });
    expect(session.endedElsewhere.value).toBe(false);
  });
});

describe('SessionStore without network', () => {
  it('keeps the session and retries later when a refresh cannot reach edge', async () => {
    let refreshes = 0;
    const { scheduler, session } = await signedInWithRefresh(() => {
      refreshes += 1;
      return Promise.reject(new TypeError('Failed to fetch'));
    });
    expect(await session.refresh()).toBe(false);
    expect(session.status.value).toBe('signed-in');
    expect(scheduler.pendingDelaysMs()).toEqual([REFRESH_RETRY_MS]);
    scheduler.advance(REFRESH_RETRY_MS);
    await settle(() => refreshes === 2);
  });

  it('keeps the session when edge answers a refresh with SERVICE_UNAVAILABLE or a server fault', async () => {
    for (const code of ['SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR']) {
      const { scheduler, session } = await signedInWithRefresh(() =>
        Promise.reject(
          new TRPCClientError('down', { result: { error: { message: 'down', code: -1, data: { code } } } }),
        ),
      );
      expect(await session.refresh()).toBe(false);
      expect(session.status.value).toBe('signed-in');
      expect(scheduler.pendingDelaysMs()).toEqual([REFRESH_RETRY_MS]);
    }
  });

  it('never schedules refreshes closer than the minimum, whatever the token says', async () => {
    const scheduler = new ManualScheduler();
    const api: AuthApi = {
      register: () => Promise.resolve(fakeGrant()),
      login: () => Promise.resolve({ ...fakeGrant(), accessTokenExpiresAtMs: scheduler.nowMs() - 3_600_000 }),
      refresh: () => Promise.resolve(fakeGrant()),
      logout: () => Promise.resolve(),
      changePassword: () => Promise.reject(new TypeError('Failed to fetch')),
    };
    const session = new SessionStore({ api, scheduler, withLock: serialLock() });
    await session.login({ email: EMAIL, password: PASSWORD });
    expect(scheduler.pendingDelaysMs()).toEqual([REFRESH_DELAY_MS_MIN]);
  });

  it('goes from restoring to anonymous when it starts offline', async () => {
    const api: AuthApi = {
      register: () => Promise.reject(new TypeError('offline')),
      login: () => Promise.reject(new TypeError('offline')),
      refresh: () => Promise.reject(new TypeError('offline')),
      logout: () => Promise.resolve(),
      changePassword: () => Promise.reject(new TypeError('Failed to fetch')),
    };
    const session = new SessionStore({ api, scheduler: new ManualScheduler(), withLock: serialLock() });
    expect(session.status.value).toBe('restoring');
    await session.restore();
    expect(session.status.value).toBe('anonymous');
  });
});

function fakeGrant(): AuthGrant {
  return {
    accessToken: 'opaque',
    accessTokenExpiresAtMs: 1_700_000_000_000 + 900_000,
    user: { id: 'u1', email: EMAIL, displayName: NAME, role: 'user' },
  };
}

/** Moves the clock without firing timers: a device that slept through its refresh timer. */
function jumpClock(scheduler: ManualScheduler, ms: number): void {
  scheduler.jump(ms);
}

/** Lets pending I/O and the batch link's 0 ms timer run until `done` holds (bounded turns of the event loop). */
async function settle(done: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((ok) => setTimeout(ok, 0));
  expect(done()).toBe(true);
}
