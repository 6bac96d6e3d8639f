import { expect, test } from 'vitest';
import { requestInfo } from './request-info';

const request = (headers: Record<string, string>) => new Request('http://127.0.0.1:8080/trpc/auth.me', { headers });

test('the client IP is the socket address unless edge is told to trust its proxy', () => {
  const spoofed = request({ 'X-Forwarded-For': '203.0.113.9' });
  expect(requestInfo(spoofed, { remoteAddress: '127.0.0.1' }, false).ip).toBe('127.0.0.1');
  expect(requestInfo(spoofed, { remoteAddress: '127.0.0.1' }, true).ip).toBe('203.0.113.9');
  // Behind our proxy only the last hop is trusted: earlier entries are whatever the client sent.
  const chain = request({ 'X-Forwarded-For': '1.1.1.1, 198.51.100.7' });
  expect(requestInfo(chain, { remoteAddress: '10.0.0.1' }, true).ip).toBe('198.51.100.7');
  expect(requestInfo(request({}), {}, false).ip).toBe('unknown');
});

test('cookies, origin, user agent and authorization are copied out once', () => {
  const info = requestInfo(
    request({
      Cookie: 'a=1; tw_refresh=abc; a=2',
      Origin: 'http://127.0.0.1:8080',
      'User-Agent': 'x'.repeat(1000),
      Authorization: 'Bearer t',
    }),
    { remoteAddress: '127.0.0.1' },
    false,
  );
  expect(info.cookies.get('tw_refresh')).toBe('abc');
  expect(info.cookies.get('a')).toBe('1');
  expect(info.origin).toBe('http://127.0.0.1:8080');
  expect(info.userAgent).toHaveLength(256);
  expect(info.authorization).toBe('Bearer t');
  expect(info.host).toBe('127.0.0.1:8080');
});
