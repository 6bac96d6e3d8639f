import { parseOptions } from '@node-rs/argon2';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  LOGIN_FAILURE_WINDOW_MS,
  LOGIN_FAILURES_PER_ACCOUNT_MAX,
  LOGIN_FAILURES_PER_IP_MAX,
} from '../../identity/login-throttle';
import { PasswordHasher } from '../../identity/password';
import { newUser, registerAndSignIn, rejection, startTestEdge, type TestEdge } from '../../test-support/edge-harness';

let edge: TestEdge;
beforeAll(async () => {
  edge = await startTestEdge();
});
afterAll(() => edge.close());

async function registered() {
  const { input } = await registerAndSignIn(edge.client());
  return input;
}

test('login with the right password signs in and sets an HttpOnly, SameSite=Strict refresh cookie on /trpc', async () => {
  const input = await registered();
  const client = edge.client();
  const signedIn = await client.trpc.auth.login.mutate({
    email: ` ${input.email.toUpperCase()} `,
    password: input.password,
  });
  expect(signedIn.user.email).toBe(input.email);
  const cookie = client.jar.setCookieHeaders.at(-1) ?? '';
  expect(cookie).toMatch(/^tw_refresh=[A-Za-z0-9_-]{43}; /);
  expect(cookie).toContain('Path=/trpc');
  expect(cookie).toContain('HttpOnly');
  expect(cookie).toContain('SameSite=Strict');
  client.state.accessToken = signedIn.accessToken;
  expect((await client.trpc.auth.me.query()).email).toBe(input.email);
});

test('the answer names the user and nothing more: never the password hash', async () => {
  const input = await registered();
  const client = edge.client();
  const signedIn = await client.trpc.auth.login.mutate({ email: input.email, password: input.password });
  expect(Object.keys(signedIn.user).sort()).toEqual(['displayName', 'email', 'id', 'role']);
  expect(JSON.stringify(signedIn)).not.toContain('$argon2');
});

test('a wrong password and an unknown e-mail get the same UNAUTHORIZED answer', async () => {
  const input = await registered();
  const wrong = await rejection(
    edge.client().trpc.auth.login.mutate({ email: input.email, password: 'wrong password!' }),
  );
  const unknown = await rejection(
    edge.client().trpc.auth.login.mutate({ email: 'nobody@example.com', password: input.password }),
  );
  for (const err of [wrong, unknown]) {
    expect(err.data?.code).toBe('UNAUTHORIZED');
    expect(err.data?.reason).toBe('AUTH_INVALID_CREDENTIALS');
    expect(err.message).toBe('Invalid e-mail or password.');
  }
  expect(wrong.data).toEqual(unknown.data);
});

test(`an account allows ${LOGIN_FAILURES_PER_ACCOUNT_MAX} failed logins per window; one more is TOO_MANY_REQUESTS`, async () => {
  const input = await registered();
  const attacker = edge.client();
  for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT_MAX - 1; i++) {
    const err = await rejection(attacker.trpc.auth.login.mutate({ email: input.email, password: `guess number ${i}` }));
    expect(err.data?.code).toBe('UNAUTHORIZED');
  }
  // The last attempt within the limit is still judged on its password.
  await attacker.trpc.auth.login.mutate({ email: input.email, password: input.password });
  // Success forgave the account: the full allowance is back.
  for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT_MAX; i++) {
    const err = await rejection(attacker.trpc.auth.login.mutate({ email: input.email, password: `again ${i}` }));
    expect(err.data?.code).toBe('UNAUTHORIZED');
  }
  // One past the limit: refused before the password is looked at, even the right one, from any IP.
  const limited = await rejection(edge.client().trpc.auth.login.mutate(input));
  expect(limited.data?.code).toBe('TOO_MANY_REQUESTS');
  expect(limited.data?.httpStatus).toBe(429);
  expect(limited.data?.reason).toBe('AUTH_RATE_LIMITED');
  // When the window has passed, the right password works again.
  edge.clock.advanceMs(LOGIN_FAILURE_WINDOW_MS + 1);
  await edge.client().trpc.auth.login.mutate(input);
});

test('the limit answers with Retry-After', async () => {
  const input = await registered();
  const client = edge.client();
  for (let i = 0; i < LOGIN_FAILURES_PER_ACCOUNT_MAX; i++) {
    await rejection(client.trpc.auth.login.mutate({ email: input.email, password: `guess number ${i}` }));
  }
  const response = await fetch(`${edge.url}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': client.ip },
    body: JSON.stringify({ email: input.email, password: input.password }),
  });
  expect(response.status).toBe(429);
  expect(Number(response.headers.get('Retry-After'))).toBe(LOGIN_FAILURE_WINDOW_MS / 1000);
  edge.clock.advanceMs(LOGIN_FAILURE_WINDOW_MS + 1);
});

test(`one IP may fail ${LOGIN_FAILURES_PER_IP_MAX} logins per window across accounts; one more is refused`, async () => {
  const sprayer = edge.client();
  for (let i = 0; i < LOGIN_FAILURES_PER_IP_MAX; i++) {
    const err = await rejection(
      sprayer.trpc.auth.login.mutate({ email: `spray-${i}@example.com`, password: 'Password1!' }),
    );
    expect(err.data?.code).toBe('UNAUTHORIZED');
  }
  const limited = await rejection(
    sprayer.trpc.auth.login.mutate({ email: 'fresh@example.com', password: 'Password1!' }),
  );
  expect(limited.data?.code).toBe('TOO_MANY_REQUESTS');
  // Another IP is not affected.
  const input = await registered();
  await edge.client().trpc.auth.login.mutate(input);
  edge.clock.advanceMs(LOGIN_FAILURE_WINDOW_MS + 1);
});

test('concurrent guesses cannot overshoot the account limit', async () => {
  const input = await registered();
  const attempts = Array.from({ length: LOGIN_FAILURES_PER_ACCOUNT_MAX + 5 }, (_, i) =>
    rejection(edge.client().trpc.auth.login.mutate({ email: input.email, password: `parallel guess ${i}` })),
  );
  const codes = (await Promise.all(attempts)).map((e) => e.data?.code);
  expect(codes.filter((c) => c === 'UNAUTHORIZED')).toHaveLength(LOGIN_FAILURES_PER_ACCOUNT_MAX);
  expect(codes.filter((c) => c === 'TOO_MANY_REQUESTS')).toHaveLength(5);
  edge.clock.advanceMs(LOGIN_FAILURE_WINDOW_MS + 1);
});

test('a hash weaker than the policy is upgraded at login', async () => {
  const input = await registered();
  const weak = await new PasswordHasher({ memoryKib: 32, timeCost: 1, parallelism: 1 }).hash(input.password);
  await edge.db.sql`update users set password_hash = ${weak} where email = ${input.email}`;
  await edge.client().trpc.auth.login.mutate(input);
  const [row] = await edge.db.sql`select password_hash from users where email = ${input.email}`;
  expect(parseOptions(row?.password_hash as string)).toMatchObject({ memoryCost: 64, timeCost: 1, parallelism: 1 });
  await edge.client().trpc.auth.login.mutate(input);
});

test('login input is validated: a malformed e-mail or an empty password is BAD_REQUEST', async () => {
  const err = await rejection(edge.client().trpc.auth.login.mutate({ email: 'nope', password: '' }));
  expect(err.data?.code).toBe('BAD_REQUEST');
  expect(Object.keys(err.data?.fieldErrors ?? {}).sort()).toEqual(['email', 'password']);
  const long = await rejection(edge.client().trpc.auth.login.mutate({ ...newUser(), password: 'x'.repeat(129) }));
  expect(long.data?.code).toBe('BAD_REQUEST');
});
