import { expect, test } from 'vitest';
import { SingleFlight } from './single-flight';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

test('concurrent callers of one key share one load', async () => {
  const flight = new SingleFlight<number>(10);
  const d = deferred<number>();
  let loads = 0;
  const load = () => {
    loads += 1;
    return d.promise;
  };
  const a = flight.run('k', load);
  const b = flight.run('k', load);
  d.resolve(7);
  expect(await Promise.all([a, b])).toEqual([7, 7]);
  expect(loads).toBe(1);
  expect(flight.running).toBe(0);
});

test('tryRun starts at most concurrencyMax loads and refuses the next', async () => {
  const flight = new SingleFlight<number>(2);
  const d = deferred<number>();
  expect(flight.tryRun('a', () => d.promise)).not.toBeNull();
  expect(flight.tryRun('b', () => d.promise)).not.toBeNull();
  expect(flight.tryRun('c', () => d.promise)).toBeNull();
  expect(flight.tryRun('a', () => d.promise)).not.toBeNull(); // joins, does not start
  d.resolve(1);
  await Promise.resolve();
  await Promise.resolve();
  expect(flight.running).toBe(0);
  expect(flight.tryRun('c', () => Promise.resolve(2))).not.toBeNull();
});
