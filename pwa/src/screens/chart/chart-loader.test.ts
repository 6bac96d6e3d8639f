import { expect, test } from 'vitest';
import { PAGES_MAX } from '../../lib/chart/intervals';
import { ChartLoader, type ChartUpdate } from './chart-loader';

const M = 60_000;
const NOW = Date.UTC(2026, 10, 24, 12, 0, 30);

/**
 * A fake edge: `market.candles` answers from a fixed history of closed bars ending at NOW (as
 * edge stores a bar once it closed): 1m bars with close 1.05, 1s bars with close 1.10.
 */
function fakeEdge(historyBars: number) {
  const first = Math.floor(NOW / M) * M - (historyBars - 1) * M;
  const urls: string[] = [];
  const fetchFn = (async (input: RequestInfo | URL) => {
    const url = String(input);
    urls.push(url);
    const params = new URL(url, 'http://x').searchParams;
    const q = { from: Number(params.get('from')), to: Number(params.get('to')) };
    const step = params.get('interval') === '1s' ? 1_000 : M;
    const close = step === M ? 105 : 110;
    const bars = [];
    for (let t = Math.max(first, Math.ceil(q.from / step) * step); t < q.to && t + step <= NOW; t += step)
      bars.push([t, 100, 120, 90, close, 10_000, 3]);
    const data = { tickSize: '0.01', lotSize: '0.0001', bars, partial: false, reason: null };
    return new Response(JSON.stringify(data), { status: 200 });
  }) as typeof fetch;
  return { fetchFn, urls };
}

test('the latest page loads (and asks to be kept offline) with the bar in progress; older pages go in front until history ends', async () => {
  const edge = fakeEdge(1_200);
  const updates: ChartUpdate[] = [];
  const loader = new ChartLoader({
    symbol: 'BTC-USD',
    interval: '1m',
    onChange: (u) => updates.push(u),
    fetch: edge.fetchFn,
  });
  await loader.start(NOW);
  // 499 closed minutes of the page, and the minute in progress from its 30 closed seconds.
  expect(loader.count).toBe(500);
  expect(edge.urls[0]).toContain('keep=1');
  expect(edge.urls[1]).toContain('interval=1s');
  expect(edge.urls[1]).not.toContain('keep=1');
  expect(updates.at(-1)).toMatchObject({ kind: 'all', prepended: 0 });
  const last = updates.at(-1);
  expect(last?.kind === 'all' && last.bars[0]?.close).toBe(1.05);
  expect(last?.kind === 'all' && last.bars.at(-1)).toEqual({
    time: Math.floor(NOW / M) * 60,
    open: 1,
    high: 1.2,
    low: 0.9,
    close: 1.1,
    volume: 30,
  });
  await loader.loadOlder();
  expect(loader.count).toBe(1_000);
  expect(edge.urls[2]).not.toContain('keep=1');
  expect(updates.at(-1)).toMatchObject({ kind: 'all', prepended: 500 });
  await loader.loadOlder();
  await loader.loadOlder(); // empty page: the start of history
  await loader.loadOlder(); // not asked any more
  expect(loader.count).toBe(1_200);
  expect(edge.urls).toHaveLength(5);
});

test(`at most ${PAGES_MAX} pages per chart`, async () => {
  const edge = fakeEdge(1_000_000);
  const loader = new ChartLoader({ symbol: 'BTC-USD', interval: '1m', onChange: () => {}, fetch: edge.fetchFn });
  await loader.start(NOW);
  for (let i = 0; i < PAGES_MAX + 3; i += 1) await loader.loadOlder();
  // PAGES_MAX pages of history, plus the one request for the bar in progress.
  expect(edge.urls.filter((u) => u.includes('interval=1m'))).toHaveLength(PAGES_MAX);
});

const wire = (openTimeMs: number, close: string, volume = '0.5') => ({
  openTimeMs,
  open: close,
  high: close,
  low: close,
  close,
  volume,
});

test("core's 1-second bars update the bar in progress or open the next one, with the studies; nothing counts twice", async () => {
  const edge = fakeEdge(3);
  const updates: ChartUpdate[] = [];
  const loader = new ChartLoader({
    symbol: 'BTC-USD',
    interval: '1m',
    onChange: (u) => updates.push(u),
    fetch: edge.fetchFn,
  });
  // Arrives while the history is loading: folded in once it is there.
  loader.bar(wire(NOW, '1.30'));
  await loader.start(NOW);
  expect(updates.at(-1)).toMatchObject({ kind: 'all' });
  const all = updates.at(-1);
  expect(all?.kind === 'all' && all.bars.at(-1)).toMatchObject({ close: 1.3, high: 1.3, volume: 30.5 });
  loader.bar(wire(NOW - 10_000, '9.99')); // already in the history: never counted again
  expect(updates).toHaveLength(1);
  loader.bar(wire(NOW + 1_000, '1.20'));
  expect(updates.at(-1)).toMatchObject({ kind: 'last', count: 3, bar: { close: 1.2, volume: 31 } });
  loader.bar(wire(Math.floor(NOW / M) * M + M, '1.40'));
  expect(updates.at(-1)).toMatchObject({ kind: 'last', count: 4, bar: { open: 1.4, close: 1.4, volume: 0.5 } });
});

test('a replay chart stands at its moment: history stops strictly before it and is not kept offline', async () => {
  const edge = fakeEdge(100);
  const loader = new ChartLoader({
    symbol: 'BTC-USD',
    interval: '5m',
    onChange: () => {},
    fetch: edge.fetchFn,
    replay: true,
  });
  const at = NOW - 20 * M + 17_000;
  await loader.start(at);
  const open = Math.floor(at / (5 * M)) * 5 * M;
  const first = new URL(edge.urls[0] ?? '', 'http://x').searchParams;
  expect(Number(first.get('to'))).toBe(open);
  expect(first.get('keep')).toBeNull();
  const fill = new URL(edge.urls[1] ?? '', 'http://x').searchParams;
  expect([fill.get('interval'), Number(fill.get('from')), Number(fill.get('to'))]).toEqual(['1s', open, at]);
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
