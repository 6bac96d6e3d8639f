import { afterAll, beforeAll, expect, test } from 'vitest';
import { newUser, registerAndSignIn, rejection, startTestEdge, type TestEdge } from '../../test-support/edge-harness';

let edge: TestEdge;
beforeAll(async () => {
  edge = await startTestEdge();
});
afterAll(() => edge.close());

test('register creates the user with a paper account funded with 100000.00 USD, and me shows it', async () => {
  const client = edge.client();
  const { input, signedIn } = await registerAndSignIn(client);
  expect(signedIn.user.email).toBe(input.email);
  expect(signedIn.accessTokenExpiresAtMs).toBe(edge.clock.nowMs() + 10 * 60 * 1000);
  const me = await client.trpc.auth.me.query();
  expect(me).toMatchObject({ id: signedIn.user.id, email: input.email, displayName: input.displayName, role: 'user' });
  expect(me.accounts).toEqual([
    {
      id: expect.any(String),
      name: 'Paper',
      kind: 'paper',
      currency: 'USD',
      cash: '100000.00',
      cashMinor: '10000000',
      margin: null,
    },
  ]);
});

test('e-mails are stored trimmed and lower-cased, and the password hash is argon2id', async () => {
  const client = edge.client();
  const { signedIn } = await registerAndSignIn(client, {
    ...newUser(),
    email: '  Ada.Lovelace@Example.COM ',
  });
  expect(signedIn.user.email).toBe('ada.lovelace@example.com');
  const [row] = await edge.db.sql`select password_hash from users where email = 'ada.lovelace@example.com'`;
  expect(row?.password_hash).toMatch(/^\$argon2id\$/);
});

test('a duplicate e-mail, in any case, is CONFLICT and creates nothing', async () => {
  const client = edge.client();
  const { input } = await registerAndSignIn(client);
  const before = await edge.db.sql`select count(*)::int as n from accounts`;
  const err = await rejection(
    edge.client().trpc.auth.register.mutate({ ...input, email: input.email.toUpperCase(), displayName: 'Other' }),
  );
  expect(err.data?.code).toBe('CONFLICT');
  expect(err.data?.httpStatus).toBe(409);
  expect(err.data?.reason).toBe('AUTH_EMAIL_TAKEN');
  const after = await edge.db.sql`select count(*)::int as n from accounts`;
  expect(after[0]?.n).toBe(before[0]?.n);
});

test('invalid inputs are BAD_REQUEST with the errors of each field', async () => {
  const err = await rejection(
    edge.client().trpc.auth.register.mutate({ email: 'not-an-email', password: 'short', displayName: '   ' }),
  );
  expect(err.data?.code).toBe('BAD_REQUEST');
  expect(err.message).toBe('Invalid input.');
  expect(Object.keys(err.data?.fieldErrors ?? {}).sort()).toEqual(['displayName', 'email', 'password']);
  expect(err.data?.fieldErrors?.password).toEqual(['Use at least 10 characters.']);
});

test('passwords of 10 and 128 characters are accepted; 9 and 129 are refused', async () => {
  for (const length of [10, 128]) {
    await edge.client().trpc.auth.register.mutate({ ...newUser(), password: 'p'.repeat(length) });
  }
  for (const length of [9, 129]) {
    const err = await rejection(
      edge.client().trpc.auth.register.mutate({ ...newUser(), password: 'p'.repeat(length) }),
    );
    expect(err.data?.fieldErrors?.password).toHaveLength(1);
  }
});

test('inputs of the wrong shape are BAD_REQUEST, not a crash', async () => {
  const response = await fetch(`${edge.url}/trpc/auth.register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 42, password: null, extra: { deep: [1, 2, 3] } }),
  });
  expect(response.status).toBe(400);
  const body = (await response.json()) as { error: { data: { fieldErrors: Record<string, string[]> } } };
  expect(Object.keys(body.error.data.fieldErrors).sort()).toEqual(['displayName', 'email', 'password']);
});
