import { PASSWORD_LENGTH_MIN } from '@tradewind/shared/auth';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { LOGIN_FAILURE_WINDOW_MS, LOGIN_FAILURES_PER_ACCOUNT_MAX } from '../../identity/login-throttle';
import {
  newUser,
  registerAndSignIn,
  rejection,
  startTestEdge,
  type TestClient,
  type TestEdge,
} from '../../test-support/edge-harness';

let edge: TestEdge;
beforeAll(async () => {
  edge = await startTestEdge();
});
afterAll(() => edge.close());

const NEW_PASSWORD = 'a completely new passphrase';
const refreshCookie = (client: TestClient) => client.jar.cookies.get('tw_refresh')?.value;

/** A user signed in on two devices: `phone` changes the password, `laptop` should be cut off. */
async function userOnTwoDevices() {
  const phone = edge.client();
  const { input, signedIn } = await registerAndSignIn(phone);
  const laptop = edge.client();
  laptop.state.accessToken = (
    await laptop.trpc.auth.login.mutate({ email: input.email, password: input.password })
  ).accessToken;
  return { input, userId: signedIn.user.id, phone, laptop };
}

async function userRow(userId: string) {
  const [row] = await edge.db.sql<{ password_hash: string; valid_after_ms: number }[]>`
    select password_hash, (extract(epoch from tokens_valid_after) * 1000)::float8 as valid_after_ms
    from users where id = ${userId}`;
  if (!row) throw new Error('no user');
  return row;
}

async function liveSessions(userId: string): Promise<number> {
  const [row] = await edge.db.sql<{ n: number }[]>`
    select count(*)::int as n from sessions where user_id = ${userId} and revoked_at is null`;
  return row?.n ?? 0;
}

test('a wrong current password is a typed BAD_REQUEST and changes nothing', async () => {
  const { input, userId, phone, laptop } = await userOnTwoDevices();
  const before = await userRow(userId);
  const laptopCookie = refreshCookie(laptop);
  const wrong = await rejection(
    phone.trpc.auth.changePassword.mutate({ currentPassword: 'not my password', newPassword: NEW_PASSWORD }),
  );
  expect(wrong.data?.code).toBe('BAD_REQUEST');
  expect(wrong.data?.reason).toBe('AUTH_CURRENT_PASSWORD_WRONG');
  expect(wrong.message).toBe('Your current password is not correct.');
  expect(await userRow(userId)).toEqual(before);
  expect(await liveSessions(userId)).toBe(2);
  // Both devices carry on; the old password still signs in, the new one does not.
  expect((await phone.trpc.auth.me.query()).id).toBe(userId);
  expect((await laptop.trpc.auth.me.query()).id).toBe(userId);
  await laptop.trpc.auth.refresh.mutate();
  expect(refreshCookie(laptop)).not.toBe(laptopCookie);
  await edge.client().trpc.auth.login.mutate(input);
  const notNew = await rejection(edge.client().trpc.auth.login.mutate({ email: input.email, password: NEW_PASSWORD }));
  expect(notNew.data?.reason).toBe('AUTH_INVALID_CREDENTIALS');
  expect((await phone.trpc.notifications.inbox.query({})).items).toEqual([]);
});

test('after a change the new password signs in and the old one does not', async () => {
  const { input, phone } = await userOnTwoDevices();
  await phone.trpc.auth.changePassword.mutate({ currentPassword: input.password, newPassword: NEW_PASSWORD });
  const old = await rejection(edge.client().trpc.auth.login.mutate(input));
  expect(old.data?.reason).toBe('AUTH_INVALID_CREDENTIALS');
  const fresh = await edge.client().trpc.auth.login.mutate({ email: input.email, password: NEW_PASSWORD });
  expect(fresh.user.email).toBe(input.email);
  expect((await userRow(fresh.user.id)).password_hash).toMatch(/^\$argon2id\$/);
});

test('a change cuts every earlier session off: access tokens refused, refresh families revoked, on every device', async () => {
  const { input, userId, phone, laptop } = await userOnTwoDevices();
  const phoneToken = phone.state.accessToken;
  const phoneCookie = refreshCookie(phone);
  edge.clock.advanceMs(60_000);
  await phone.trpc.auth.changePassword.mutate({ currentPassword: input.password, newPassword: NEW_PASSWORD });

  expect((await rejection(laptop.trpc.auth.me.query())).data?.reason).toBe('AUTH_SESSION_REVOKED');
  expect((await rejection(laptop.trpc.auth.refresh.mutate())).data?.reason).toBe('AUTH_REFRESH_INVALID');
  // The changing device's own earlier token and cookie are dead too: it lives on in a new session.
  const oldPhone = edge.client();
  oldPhone.state.accessToken = phoneToken;
  expect((await rejection(oldPhone.trpc.auth.me.query())).data?.reason).toBe('AUTH_SESSION_REVOKED');
  oldPhone.jar.cookies.set('tw_refresh', { value: phoneCookie ?? '', path: '/trpc' });
  expect((await rejection(oldPhone.trpc.auth.refresh.mutate())).data?.reason).toBe('AUTH_REFRESH_INVALID');
  const sessions = await edge.db.sql<{ revoke_reason: string | null }[]>`
    select revoke_reason from sessions where user_id = ${userId} order by created_at, id`;
  expect(sessions.filter((s) => s.revoke_reason === 'password_change')).toHaveLength(2);
  expect(await liveSessions(userId)).toBe(1);
});

test('the cut-off stands on its own: a token issued before it is refused even if its session were live', async () => {
  const { input, userId, phone, laptop } = await userOnTwoDevices();
  edge.clock.advanceMs(60_000);
  const changed = await phone.trpc.auth.changePassword.mutate({
    currentPassword: input.password,
    newPassword: NEW_PASSWORD,
  });
  phone.state.accessToken = changed.accessToken;
  expect((await userRow(userId)).valid_after_ms).toBe(edge.clock.nowMs());
  // Undo the session revocations behind edge's back: the user's "valid after" still refuses the token.
  await edge.db.sql`update sessions set revoked_at = null, revoke_reason = null where user_id = ${userId}`;
  expect((await rejection(laptop.trpc.auth.me.query())).data?.reason).toBe('AUTH_SESSION_REVOKED');
  expect((await phone.trpc.auth.me.query()).id).toBe(userId);
});

test("the caller's new session works: its access token, its refresh cookie, its notice in the inbox", async () => {
  const { input, userId, phone } = await userOnTwoDevices();
  const before = refreshCookie(phone);
  const signedIn = await phone.trpc.auth.changePassword.mutate({
    currentPassword: input.password,
    newPassword: NEW_PASSWORD,
  });
  expect(Object.keys(signedIn.user).sort()).toEqual(['displayName', 'email', 'id', 'role']);
  expect(signedIn.accessTokenExpiresAtMs).toBe(edge.clock.nowMs() + 10 * 60 * 1000);
  expect(refreshCookie(phone)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(refreshCookie(phone)).not.toBe(before);
  phone.state.accessToken = signedIn.accessToken;
  expect((await phone.trpc.auth.me.query()).id).toBe(userId);
  const refreshed = await phone.trpc.auth.refresh.mutate();
  phone.state.accessToken = refreshed.accessToken;
  const inbox = await phone.trpc.notifications.inbox.query({});
  expect(inbox.items).toMatchObject([{ kind: 'security', title: 'Your password was changed', read: false }]);
  // A security notice is not the user's to mute: it goes to the account's e-mail, opt-in or not.
  const deliveries = await edge.db
    .sql`select channel, target, status from notification_deliveries where user_id = ${userId}`;
  expect(deliveries).toEqual([{ channel: 'email', target: '', status: 'pending' }]);
});

test('the new password obeys the registration rules and must differ from the current one', async () => {
  const { input, userId, phone } = await userOnTwoDevices();
  const before = await userRow(userId);
  const short = await rejection(
    phone.trpc.auth.changePassword.mutate({
      currentPassword: input.password,
      newPassword: 'x'.repeat(PASSWORD_LENGTH_MIN - 1),
    }),
  );
  expect(short.data?.code).toBe('BAD_REQUEST');
  expect(short.data?.fieldErrors).toEqual({ newPassword: [`Use at least ${PASSWORD_LENGTH_MIN} characters.`] });
  const same = await rejection(
    phone.trpc.auth.changePassword.mutate({ currentPassword: input.password, newPassword: input.password }),
  );
  expect(same.data?.fieldErrors).toEqual({ newPassword: ['Choose a password different from your current one.'] });
  expect(await userRow(userId)).toEqual(before);
  expect(await liveSessions(userId)).toBe(2);
});

test('without a valid access token nothing is checked or changed', async () => {
  const input = newUser();
  await registerAndSignIn(edge.client(), input);
  const anonymous = await rejection(
    edge.client().trpc.auth.changePassword.mutate({ currentPassword: input.password, newPassword: NEW_PASSWORD }),
  );
  expect(anonymous.data?.code).toBe('UNAUTHORIZED');
  expect(anonymous.data?.reason).toBe('AUTH_TOKEN_MISSING');
  await edge.client().trpc.auth.login.mutate(input);
});

test('two changes racing from two devices: exactly one wins, and its password is the one that works', async () => {
  const { input, phone, laptop } = await userOnTwoDevices();
  const results = await Promise.allSettled([
    phone.trpc.auth.changePassword.mutate({ currentPassword: input.password, newPassword: 'the phone password' }),
    laptop.trpc.auth.changePassword.mutate({ currentPassword: input.password, newPassword: 'the laptop password' }),
  ]);
  const won = results.findIndex((r) => r.status === 'fulfilled');
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  const winner = won === 0 ? 'the phone password' : 'the laptop password';
  const loser = won === 0 ? 'the laptop password' : 'the phone password';
  await edge.client().trpc.auth.login.mutate({ email: input.email, password: winner });
  const lost = await rejection(edge.client().trpc.auth.login.mutate({ email: input.email, password: loser }));
  expect(lost.data?.reason).toBe('AUTH_INVALID_CREDENTIALS');
});

test(`wrong current passwords share login's limit (${LOGIN_FAILURES_PER_ACCOUNT_MAX} per account): one more is TOO_MANY_REQUESTS`, async () => {
  const { input, userId, phone } = await userOnTwoDevices();
  const before = await userRow(userId);
  for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT_MAX; i++) {
    const err = await rejection(
      phone.trpc.auth.changePassword.mutate({ currentPassword: `guess number ${i}`, newPassword: NEW_PASSWORD }),
    );
    expect(err.data?.reason).toBe('AUTH_CURRENT_PASSWORD_WRONG');
  }
  // Past the limit even the right password is refused, here and at login, from anywhere.
  const limited = await rejection(
    phone.trpc.auth.changePassword.mutate({ currentPassword: input.password, newPassword: NEW_PASSWORD }),
  );
  expect(limited.data?.code).toBe('TOO_MANY_REQUESTS');
  expect(limited.data?.reason).toBe('AUTH_RATE_LIMITED');
  expect((await rejection(edge.client().trpc.auth.login.mutate(input))).data?.reason).toBe('AUTH_RATE_LIMITED');
  expect(await userRow(userId)).toEqual(before);
  // When the window has passed the right password works again (the old access token has expired by then).
  edge.clock.advanceMs(LOGIN_FAILURE_WINDOW_MS + 1);
  phone.state.accessToken = (await phone.trpc.auth.login.mutate(input)).accessToken;
  await phone.trpc.auth.changePassword.mutate({ currentPassword: input.password, newPassword: NEW_PASSWORD });
  await edge.client().trpc.auth.login.mutate({ email: input.email, password: NEW_PASSWORD });
});
