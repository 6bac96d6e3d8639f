import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { browserKeys } from '../testing/browser-keys';
import { startFakeHttp } from '../testing/fake-http';
import { createTransport } from './http';
import { sendPush } from './push';
import {
  checkTargetUrl,
  guardedLookup,
  isPrivateAddress,
  PrivateTargetError,
  privateAddressOf,
  RESOLVE_ON_INPUT_MS,
  type Resolver,
} from './target-url';

let fake: Awaited<ReturnType<typeof startFakeHttp>>;
beforeAll(async () => {
  fake = await startFakeHttp();
});
afterAll(async () => {
  await fake.close();
});

const port = () => new URL(fake.url).port;
const v4 = (address: string): LookupAddress => ({ address, family: 4 });
const v6 = (address: string): LookupAddress => ({ address, family: 6 });

/** A resolver for made-up names (they do not exist in DNS: a request that arrives went where we said). */
function resolver(answers: LookupAddress[][]) {
  const calls: string[] = [];
  const resolve: Resolver = async (host) => {
    calls.push(host);
    return answers[Math.min(calls.length, answers.length) - 1] ?? [];
  };
  return { resolve, calls };
}

test.each([
  '127.0.0.1',
  '127.255.0.9',
  '10.0.0.1',
  '172.16.5.4',
  '172.31.255.255',
  '192.168.1.1',
  '169.254.169.254',
  '100.64.0.1',
  '0.0.0.0',
  '198.18.0.1',
  '224.0.0.1',
  '255.255.255.255',
  '::1',
  '::',
  'fd00::1',
  'fc00::1',
  'fe80::1',
  '::ffff:127.0.0.1',
  '::ffff:10.0.0.1',
  '64:ff9b::a00:1',
  '[::1]',
])('%s is private', (address) => {
  expect(isPrivateAddress(address)).toBe(true);
});

test.each([
  '93.184.216.34',
  '8.8.8.8',
  '172.32.0.1',
  '172.15.255.255',
  '100.128.0.1',
  '169.255.0.1',
  '2606:4700::1111',
  '2001:4860:4860::8888',
])('%s is public', (address) => {
  expect(isPrivateAddress(address)).toBe(false);
});

test('guardedLookup refuses a name when ANY of its addresses is private, hands back all checked ones otherwise', async () => {
  const lookup = (answers: LookupAddress[], allowPrivate = false, all = true) =>
    new Promise<{ err: Error | null; address: unknown; family?: number }>((done) =>
      guardedLookup(allowPrivate, async () => answers)('hooks.example.test', { all }, (err, address, family) =>
        done({ err, address, family }),
      ),
    );
  const mixed = await lookup([v4('93.184.216.34'), v6('::1')]);
  expect(mixed.err).toBeInstanceOf(PrivateTargetError);
  expect(mixed.err?.message).toBe('hooks.example.test resolves to ::1, a private or loopback address');
  expect(await lookup([v4('93.184.216.34'), v6('2606:4700::1111')])).toEqual({
    err: null,
    address: [v4('93.184.216.34'), v6('2606:4700::1111')],
    family: undefined,
  });
  expect(await lookup([v4('93.184.216.34')], false, false)).toEqual({ err: null, address: '93.184.216.34', family: 4 });
  expect((await lookup([v4('127.0.0.1')], true)).err).toBeNull();
  expect((await lookup([])).err?.message).toBe('no address for hooks.example.test');
});

test('a name that resolves to loopback is refused before connecting; the receiver gets nothing', async () => {
  const { resolve } = resolver([[v4('127.0.0.1')]]);
  const transport = createTransport({ guard: true, resolve });
  const before = fake.received.length;
  const posted = await transport.post(`http://hooks.example.test:${port()}/x`, {}, '{}');
  expect(posted).toMatchObject({ refused: true });
  expect('error' in posted && posted.error).toContain('resolves to 127.0.0.1');
  expect(fake.received.length).toBe(before);
  transport.close();
});

test('DNS rebinding: the socket connects to the address the guard checked, the name is resolved once', async () => {
  // First answer loopback (allowed here: guard off, as NOTIFY_ALLOW_PRIVATE_TARGETS), then an
  // address nobody listens on (TEST-NET-1): the request arriving proves no second lookup decided.
  const { resolve, calls } = resolver([[v4('127.0.0.1')], [v4('192.0.2.1')]]);
  const transport = createTransport({ guard: false, resolve });
  const posted = await transport.post(`http://rebind.example.test:${port()}/rebind`, {}, '{"n":1}');
  expect(posted).toMatchObject({ status: 201 });
  expect(calls).toEqual(['rebind.example.test']);
  expect(fake.received.at(-1)).toMatchObject({ path: '/rebind', headers: { host: `rebind.example.test:${port()}` } });
  transport.close();
});

test('keep-alive: a second message to the same receiver reuses the connection', async () => {
  const { resolve, calls } = resolver([[v4('127.0.0.1')]]);
  const transport = createTransport({ guard: false, resolve });
  const url = `http://keepalive.example.test:${port()}/ka`;
  expect(await transport.post(url, {}, 'a')).toMatchObject({ status: 201 });
  expect(await transport.post(url, {}, 'b')).toMatchObject({ status: 201 });
  expect(calls).toHaveLength(1); // one socket, one lookup
  transport.close();
});

test('a push endpoint whose name resolves to a private address is gone (the subscription is deleted), not retried', async () => {
  const { resolve } = resolver([[v4('10.1.2.3')]]);
  const transport = createTransport({ guard: true, resolve });
  const browser = browserKeys(`http://push.example.test:${port()}/p`);
  const result = await sendPush(
    { ...browser.subscription.keys, endpoint: browser.subscription.endpoint },
    { id: 1, kind: 'test', title: 't', body: 'b', url: '#/', tag: 'tw-1' },
    () => 'vapid t=x, k=y',
    true, // http:// passes the URL check; the guard on the socket still refuses the name
    transport.post,
  );
  expect(result).toMatchObject({ status: 'gone' });
  transport.close();
});

test('when a URL is given: the private address its name resolves to is named; public names, literals and unresolvable names pass', async () => {
  const answers: Record<string, LookupAddress[]> = {
    'intranet.example.test': [v4('93.184.216.34'), v4('10.0.0.7')],
    'hooks.example.test': [v4('93.184.216.34')],
  };
  const resolve: Resolver = async (host) => {
    const found = answers[host];
    if (found === undefined) throw Object.assign(new Error(`ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found;
  };
  expect(await privateAddressOf(new URL('https://intranet.example.test/hook'), resolve)).toBe('10.0.0.7');
  expect(await privateAddressOf(new URL('https://hooks.example.test/hook'), resolve)).toBeNull();
  expect(await privateAddressOf(new URL('https://nowhere.example.test/hook'), resolve)).toBeNull();
  expect(await privateAddressOf(new URL('https://93.184.216.34/hook'), resolve)).toBeNull();
  // The literal check treats the root's dot as nothing: `localhost.` is localhost.
  expect(checkTargetUrl('https://localhost./x', false).ok).toBe(false);
  expect(checkTargetUrl('https://LOCALHOST/x', false).ok).toBe(false);
});

test(`a name that does not resolve within ${RESOLVE_ON_INPUT_MS} ms when given is left to the send-time check`, async () => {
  vi.useFakeTimers();
  try {
    const hanging: Resolver = () => new Promise(() => {});
    const answer = privateAddressOf(new URL('https://slow.example.test/hook'), hanging);
    await vi.advanceTimersByTimeAsync(RESOLVE_ON_INPUT_MS);
    expect(await answer).toBeNull();
  } finally {
    vi.useRealTimers();
  }
});
