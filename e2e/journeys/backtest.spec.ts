import { expect, type Page, test } from '@playwright/test';
import { runBacktest } from '@tradewind/shared/backtest';
import { INSTRUMENTS } from '@tradewind/shared/domain';
import type { Bar } from '@tradewind/shared/market-data';
import { newEmail, PASSWORD, register, waitForServiceWorker } from './helpers';

/**
 * A backtest in the browser while offline: the chart of a symbol is opened once online (the
 * service worker keeps its candles), then offline the backtest screen runs sma-cross in a Web
 * Worker on those candles. Its metrics must equal, bit for bit, `runBacktest` run here on the same
 * candles fetched from edge and the same run queued on the server: all three ways of running give
 * identical results for the same inputs.
 */
const SYMBOL = 'TSLA';
/** The server journey's own symbol, so the two journeys never share data. */
const SERVER_SYMBOL = 'AMZN';
const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2026, 0, 5);
const DAYS = 200;
const PARAMS = { fast: 5, slow: 20, qtyLots: 10 };
const FROM = '2026-01-05T00:00';
const TO = '2026-08-01T00:00';

/** A deterministic wave with drift: several SMA crossings up and down over the 200 days. */
function csvRows(): string {
  const rows = ['Date,Open,High,Low,Close,Volume'];
  let prev = 200;
  for (let i = 0; i < DAYS; i++) {
    const close = 200 + 25 * Math.sin(i / 9) + 8 * Math.sin(i / 2.3) + i * 0.1;
    const open = prev;
    const hi = Math.max(open, close) + 1.5;
    const lo = Math.min(open, close) - 1.5;
    const day = new Date(FIRST_DAY + i * DAY).toISOString().slice(0, 10);
    rows.push(`${day},${open.toFixed(2)},${hi.toFixed(2)},${lo.toFixed(2)},${close.toFixed(2)},${1000 + i}`);
    prev = close;
  }
  return rows.join('\n');
}

async function importHistory(
  request: Parameters<Parameters<typeof test>[2]>[0]['request'],
  symbol = SYMBOL,
): Promise<string> {
  const signedIn = await request.post('/trpc/auth.register', {
    data: { email: newEmail(), password: PASSWORD, displayName: 'Backtester' },
  });
  expect(signedIn.ok()).toBe(true);
  const token = ((await signedIn.json()) as { result: { data: { accessToken: string } } }).result.data.accessToken;
  const imported = await request.post('/trpc/market.importCsv', {
    data: { symbol, csv: csvRows() },
    headers: { authorization: `Bearer ${token}` },
  });
  expect(await imported.json()).toMatchObject({ result: { data: { ok: true, rows: DAYS } } });
  return token;
}

async function openChartOnline(page: Page): Promise<void> {
  await page.goto(`/#/chart/${SYMBOL}`);
  await page.getByRole('button', { name: '1d', exact: true }).click();
  await expect(page.getByTestId('chart')).toHaveAttribute('data-interval', '1d');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-status', 'ready');
  await waitForServiceWorker(page);
  // Under the service worker, this load's candles are kept for offline use.
  await page.reload();
  await expect(page.getByTestId('chart')).toHaveAttribute('data-status', 'ready');
  await expect
    .poll(async () => Number((await page.getByTestId('chart').getAttribute('data-candles')) ?? '0'), {
      timeout: 20_000,
    })
    .toBeGreaterThanOrEqual(DAYS);
}

async function fillForm(page: Page, symbol: string): Promise<void> {
  await page.goto('/#/backtest');
  await page.locator('select[name="strategy"]').selectOption('sma-cross');
  await page.locator('select[name="symbol"]').selectOption(symbol);
  await page.locator('select[name="interval"]').selectOption('1d');
  await page.locator('input[name="from"]').fill(FROM);
  await page.locator('input[name="to"]').fill(TO);
  await page.locator('input[name="fast"]').fill(String(PARAMS.fast));
  await page.locator('input[name="slow"]').fill(String(PARAMS.slow));
  await page.locator('input[name="qtyLots"]').fill(String(PARAMS.qtyLots));
  await page.locator('input[name="cash"]').fill('10000.00');
}

async function runOffline(page: Page): Promise<{ tradeCount: number; metrics: unknown; stateHash: string }> {
  await fillForm(page, SYMBOL);
  await page.getByRole('button', { name: 'Run in browser' }).click();
  const report = page.getByTestId('backtest-report');
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('backtest-error')).toHaveCount(0);
  await expect(report.locator('[data-metric="probabilisticSharpe"] dd')).not.toHaveText('—');
  await expect(report.locator('[data-metric="sharpeAnnual"] dd')).not.toHaveText('—');
  const summary = JSON.parse((await report.getAttribute('data-summary')) ?? 'null') as {
    tradeCount: number;
    barCount: number;
    metrics: unknown;
    stateHash: string;
  };
  expect(summary.barCount).toBe(DAYS);
  expect(Number(await page.getByTestId('trade-count').textContent())).toBe(summary.tradeCount);
  // The run is kept for comparison.
  await expect(page.getByTestId('backtest-compare')).toBeVisible();
  return summary;
}

type Request = Parameters<Parameters<typeof test>[2]>[0]['request'];
type Outcome = { tradeCount: number; metrics: unknown; stateHash: string };

/** The same inputs as a server backtest: queued at edge, run by core's worker thread on market_bars. */
async function runOnServer(request: Request, token: string): Promise<Outcome> {
  const headers = { authorization: `Bearer ${token}` };
  const submitted = await request.post('/trpc/backtests.submit', {
    headers,
    data: {
      strategy: 'sma-cross',
      params: PARAMS,
      symbol: SYMBOL,
      interval: '1d',
      fromMs: Date.parse(`${FROM}Z`),
      toMs: Date.parse(`${TO}Z`),
      cash: '10000.00',
    },
  });
  expect(submitted.ok()).toBe(true);
  const id = ((await submitted.json()) as { result: { data: { id: string } } }).result.data.id;
  const input = encodeURIComponent(JSON.stringify({ id }));
  await expect
    .poll(
      async () => {
        const res = await request.get(`/trpc/backtests.status?input=${input}`, { headers });
        return ((await res.json()) as { result: { data: { status: string } } }).result.data.status;
      },
      { timeout: 30_000 },
    )
    .toBe('done');
  const res = await request.get(`/trpc/backtests.result?input=${input}`, { headers });
  return ((await res.json()) as { result: { data: Outcome } }).result.data;
}

/** The same inputs run in this (Node) process on edge's candles. */
async function runHere(
  request: Parameters<Parameters<typeof test>[2]>[0]['request'],
  symbol = SYMBOL,
  params: Record<string, unknown> = PARAMS,
) {
  const from = Date.parse(`${FROM}Z`);
  const to = Date.parse(`${TO}Z`);
  const res = await request.get(`/md/v1/candles?symbol=${symbol}&interval=1d&from=${from}&to=${to}`);
  expect(res.ok()).toBe(true);
  const body = (await res.json()) as { bars: [number, number, number, number, number, number, number][] };
  const bars: Bar[] = body.bars
    .filter(([t]) => t >= from && t < to)
    .map(([t, o, h, l, c, v, n]) => ({
      symbol,
      interval: '1d',
      openTimeMs: t,
      openTicks: o,
      highTicks: h,
      lowTicks: l,
      closeTicks: c,
      volumeLots: v,
      tradeCount: n,
    }));
  const instrument = INSTRUMENTS.find((i) => i.symbol === symbol);
  if (instrument === undefined) throw new Error(`${symbol} not in the catalog`);
  const r = runBacktest({
    strategy: 'sma-cross',
    params,
    instruments: [instrument],
    data: { kind: 'bars', interval: '1d', bars },
    fromMs: from,
    toMs: to,
    initialCashMinor: 1_000_000n,
  });
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  const json = JSON.parse(
    JSON.stringify(r.value.performance?.metrics ?? null, (_k, v) => (typeof v === 'bigint' ? String(v) : v)),
  );
  return { tradeCount: r.value.trades.length, metrics: json, stateHash: r.value.stateHash };
}

test('a backtest runs in the browser offline on cached candles, with the same result as in Node and on the server', async ({
  page,
  context,
  request,
}) => {
  const token = await importHistory(request);
  await openChartOnline(page);
  await context.setOffline(true);
  const browser = await runOffline(page);
  await context.setOffline(false);
  expect(browser.tradeCount).toBeGreaterThan(0);
  const node = await runHere(request);
  const server = await runOnServer(request, token);
  expect(browser.tradeCount).toBe(node.tradeCount);
  expect(browser.stateHash).toBe(node.stateHash);
  // Core's worker thread and this process are both Node: bit-identical, every metric.
  expect(server.tradeCount).toBe(node.tradeCount);
  expect(server.stateHash).toBe(node.stateHash);
  expect(server.metrics).toEqual(node.metrics);
  // Every metric is bit-identical too: the metrics use only correctly rounded operations and
  // shared/metrics' portable exp/ln/pow (fdlibm ports), never the engine's Math.pow or `**`.
  expect(browser.metrics).toEqual(node.metrics);
  expect(server.metrics).toEqual(browser.metrics);
});

test('a signed-in user runs the same backtest on the server from the backtest screen', async ({ page, request }) => {
  await importHistory(request, SERVER_SYMBOL);
  await register(page);
  await fillForm(page, SERVER_SYMBOL);
  await page.locator('input[name="lookAhead"]').check();
  await page.getByRole('button', { name: 'Run on server' }).click();
  const report = page.getByTestId('backtest-report');
  await expect(report).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('backtest-error')).toHaveCount(0);
  await expect(report.locator('[data-metric="probabilisticSharpe"] dd')).not.toHaveText('—');
  // The server's checks: a Monte Carlo of the trade sequence, and sma-cross does not peek ahead.
  await expect(report.getByTestId('backtest-monte-carlo').locator('tbody tr')).toHaveCount(2);
  await expect(report.getByTestId('backtest-look-ahead')).toHaveAttribute('data-passed', 'true');
  const shown = JSON.parse((await report.getAttribute('data-summary')) ?? 'null') as Outcome;
  const node = await runHere(request, SERVER_SYMBOL);
  expect(node.tradeCount).toBeGreaterThan(0);
  expect(shown.tradeCount).toBe(node.tradeCount);
  expect(shown.stateHash).toBe(node.stateHash);
  expect(shown.metrics).toEqual(node.metrics);
});

/** The research journey's own symbol. */
const RESEARCH_SYMBOL = 'MSFT';

test('a signed-in user optimises and walks forward on the server from the screen, then compares the runs', async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await importHistory(request, RESEARCH_SYMBOL);
  await register(page);
  await fillForm(page, RESEARCH_SYMBOL);
  await page.locator('select[name="kind"]').selectOption('optimise');
  await expect(page.getByRole('button', { name: 'Run in browser' })).toBeDisabled();
  await page.locator('input[name="vary-fast"]').fill('3, 5, 8');
  await page.locator('input[name="vary-slow"]').fill('15:25:10');
  await page.getByRole('button', { name: 'Run on server' }).click();
  const ranked = page.getByTestId('backtest-ranked');
  await expect(ranked).toBeVisible({ timeout: 60_000 });
  await expect(ranked.getByRole('heading')).toContainText('of 6 candidates');
  const report = page.getByTestId('backtest-report');
  const best = JSON.parse((await report.getAttribute('data-summary')) ?? 'null') as Outcome & {
    request: { params: Record<string, unknown> };
    research: { ranked: { params: Record<string, unknown>; score: number }[] };
  };
  expect(best.research.ranked.length).toBeGreaterThan(1);
  expect(await ranked.locator('tbody tr').count()).toBe(best.research.ranked.length);
  // Ranked best first, and the report is the best candidate's own run: Node agrees to the bit.
  const scores = best.research.ranked.map((c) => c.score);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  expect(best.request.params).toEqual(best.research.ranked[0]?.params);
  const node = await runHere(request, RESEARCH_SYMBOL, best.request.params);
  expect(best.stateHash).toBe(node.stateHash);
  expect(best.metrics).toEqual(node.metrics);

  // Walk-forward: 60 bars in sample, 20 out, over the 208-day range → ⌈148 / 20⌉ = 8 windows, one stitched curve.
  await page.locator('select[name="kind"]').selectOption('walk-forward');
  await page.getByRole('button', { name: 'Run on server' }).click();
  const windows = page.getByTestId('backtest-windows');
  await expect(windows).toBeVisible({ timeout: 60_000 });
  await expect(windows.locator('tbody tr')).toHaveCount(8);
  await expect(report.getByRole('img', { name: 'Out-of-sample equity (stitched)' })).toBeVisible();

  // Side by side: pick the two runs, their curves are laid over each other.
  const compare = page.getByTestId('backtest-compare');
  await expect(compare.getByRole('checkbox')).toHaveCount(2);
  for (const box of await compare.getByRole('checkbox').all()) await box.check();
  await expect(page.getByTestId('backtest-overlay')).toHaveAttribute('data-runs', '2');
  await expect(page.getByTestId('backtest-overlay').locator('path')).toHaveCount(2);
});

test.describe('cancel', () => {
  // page.route must see the candles request: no service worker in between.
  test.use({ serviceWorkers: 'block' });

  test('a long browser run shows progress and stops on Cancel, keeping nothing', async ({ page }) => {
    const BARS = 400_000;
    const MIN = 60_000;
    const start = Date.UTC(2025, 0, 1);
    test.setTimeout(120_000);
    // A long series so the run lasts long enough to be cancelled; the worker and its cancel are real.
    const bars = Array.from({ length: BARS }, (_, i) => {
      const p = 345_000 + Math.round(8_000 * Math.sin(i / 37) + 3_000 * Math.sin(i / 7));
      return [start + i * MIN, p, p + 40, p - 40, p + ((i * 7919) % 61) - 30, 10, 1];
    });
    const body = JSON.stringify({
      symbol: 'ETH-USD',
      interval: '1m',
      source: 'test',
      tickSize: '0.01',
      lotSize: '0.001',
      from: 0,
      to: 0,
      partial: false,
      reason: null,
      bars,
    });
    await page.route('**/md/v1/candles?**', (route) => route.fulfill({ contentType: 'application/json', body }));
    await page.goto('/#/backtest');
    await page.locator('select[name="symbol"]').selectOption('ETH-USD');
    await page.locator('select[name="interval"]').selectOption('1m');
    await page.locator('input[name="from"]').fill(new Date(start).toISOString().slice(0, 16));
    await page.locator('input[name="to"]').fill(new Date(start + BARS * MIN).toISOString().slice(0, 16));
    await page.getByRole('button', { name: 'Run in browser' }).click();
    const progress = page.getByTestId('backtest-progress');
    // Cancel is enabled once the worker runs (not while candles load): click it as soon as it is.
    await progress.getByRole('button', { name: 'Cancel' }).click({ timeout: 90_000 });
    await expect(progress).toHaveCount(0);
    await expect(page.getByTestId('backtest-report')).toHaveCount(0);
    await expect(page.getByTestId('backtest-error')).toHaveCount(0);
    await expect(page.getByTestId('backtest-compare')).toHaveCount(0);
  });
});
