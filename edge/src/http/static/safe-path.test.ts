import { expect, test } from 'vitest';
import { resolveStaticPath, STATIC_PATH_SEGMENTS_MAX } from './safe-path';

const ROOT = '/srv/pwa/dist';

test('ordinary paths map to files under the root', () => {
  expect(resolveStaticPath(ROOT, '/assets/index-abc.js')).toEqual({
    full: '/srv/pwa/dist/assets/index-abc.js',
    rel: 'assets/index-abc.js',
  });
  expect(resolveStaticPath(ROOT, '/icons/icon%20192.png')?.full).toBe('/srv/pwa/dist/icons/icon 192.png');
  expect(resolveStaticPath(ROOT, '/settings/')?.rel).toBe('settings/');
});

test('dot segments, hidden files, backslashes, NUL and malformed escapes are refused', () => {
  for (const path of [
    '/../etc/passwd',
    '/%2e%2e/etc/passwd',
    '/assets/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
    '/a/./b',
    '/.env',
    '/assets/.git/config',
    '/..%5c..%5cwindows',
    '/x%00.js',
    '/%E0%A4%A',
    '//etc/passwd',
    'relative/path',
  ]) {
    expect(resolveStaticPath(ROOT, path), path).toBeNull();
  }
});

test(`paths of ${STATIC_PATH_SEGMENTS_MAX} segments are served; one more is refused`, () => {
  expect(resolveStaticPath(ROOT, `/${Array(STATIC_PATH_SEGMENTS_MAX).fill('a').join('/')}`)).not.toBeNull();
  expect(
    resolveStaticPath(
      ROOT,
      `/${Array(STATIC_PATH_SEGMENTS_MAX + 1)
        .fill('a')
        .join('/')}`,
    ),
  ).toBeNull();
});
