import { expect, test } from 'vitest';
import { PAGES_MAX } from '../../lib/chart/intervals';
import { ChartLoader, type ChartUpdate } from './chart-loader';

const M = 60_000;
const NOW = Date.UTC(2026, 10, 24, 12, 0, 30);

/** A fake edge: `market.candles` answers from a fixed history of 1m bars ending at NOW. */
function fakeEdge(historyBars: number) {
  const first = Math.floor(NOW / M) * M - (historyBars - 1) * M;
  const urls: string[] = [];
  const fetchFn = (async (input: RequestInfo | URL) => {
    const url = String(input);
    urls.push(url);
    const params = new URL(url, 'http://x').searchParams;
    const q = { from: Number(params.get('from')), to: Number(params.get('to')) };
    const bars = [];
    for (let t = Math.max(first, Math.ceil(q.from / M) * M); t < q.to && t <= NOW; t += M)
      bars.push([t, 100, 110, 90, 105, 10_000, 3]);
    const data = { tickSize: '0.01', lotSize: '0.0001', bars, partial: false, reason: null };
    return new Response(JSON.stringify(data), { status: 200 });
  }) as typeof fetch;
  return { fetchFn, urls };
}

test('the latest page loads (and asks to be kept offline); older pages are put in front until history ends', async () => {
  const edge = fakeEdge(1_200);
  const updates: ChartUpdate[] = [];
  const loader = new ChartLoader({
    symbol: 'BTC-USD',
    interval: '1m',
    onChange: (u) => updates.push(u),
    fetch: edge.fetchFn,
  });
  await loader.start(NOW);
  expect(loader.count).toBe(500);
  expect(edge.urls[0]).toContain('keep=1');
  expect(updates.at(-1)).toMatchObject({ kind: 'all', prepended: 0 });
  const last = updates.at(-1);
  expect(last?.kind === 'all' && last.bars[0]?.close).toBe(1.05);
  await loader.loadOlder();
  expect(loader.count).toBe(1_000);
  expect(edge.urls[1]).not.toContain('keep=1');
  expect(updates.at(-1)).toMatchObject({ kind: 'all', prepended: 500 });
  await loader.loadOlder();
  await loader.loadOlder(); // empty page: the start of history
  await loader.loadOlder(); // not asked any more
  expect(loader.count).toBe(1_200);
  expect(edge.urls).toHaveLength(4);
});

test(`at most ${PAGES_MAX} pages per chart`, async () => {
  const edge = fakeEdge(1_000_000);
  const loader = new ChartLoader({ symbol: 'BTC-USD', interval: '1m', onChange: () => {}, fetch: edge.fetchFn });
  await loader.start(NOW);
  for (let i = 0; i < PAGES_MAX + 3; i += 1) await loader.loadOlder();
  expect(edge.urls).toHaveLength(PAGES_MAX);
});

test('live trades update the last bar or open the next one, with the studies', async () => {
  const edge = fakeEdge(3);
  const updates: ChartUpdate[] = [];
  const loader = new ChartLoader({
    symbol: 'BTC-USD',
    interval: '1m',
    onChange: (u) => updates.push(u),
    fetch: edge.fetchFn,
  });
  await loader.start(NOW);
  loader.trade('1.20', '0.5', NOW + 1_000);
  expect(updates.at(-1)).toMatchObject({ kind: 'last', count: 3, bar: { close: 1.2, high: 1.2, volume: 1.5 } });
  loader.trade('1.30', '0.1', NOW + M);
  expect(updates.at(-1)).toMatchObject({ kind: 'last', count: 4, bar: { open: 1.3, close: 1.3 } });
  loader.trade('9.99', '1', NOW - 5 * M); // late: never rewrites history
  expect(updates).toHaveLength(3);
});

test('an answer arriving after the chart was left is dropped', async () => {
  const edge = fakeEdge(3);
  const updates: ChartUpdate[] = [];
  const loader = new ChartLoader({
    symbol: 'BTC-USD',
    interval: '1m',
    onChange: (u) => updates.push(u),
    fetch: edge.fetchFn,
  });
  const started = loader.start(NOW);
  loader.close();
  await started;
  expect(updates).toHaveLength(0);
});
