import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { register } from './helpers';

/** Candles the chart reports drawing (its `data-candles` attribute). */
async function candleCount(page: Page): Promise<number> {
  return Number((await page.getByTestId('chart').getAttribute('data-candles')) ?? '0');
}

/** Waits until core has recorded some seconds of BTC-USD today (the stack started fresh). */
async function waitForRecordedDay(request: APIRequestContext): Promise<void> {
  const input = encodeURIComponent(JSON.stringify({ symbol: 'BTC-USD' }));
  const trades = async () => {
    const res = await request.get(`/trpc/replay.days?input=${input}`);
    const days = ((await res.json()) as { result?: { data: { trades: number }[] } }).result?.data ?? [];
    return days[0]?.trades ?? 0;
  };
  await expect.poll(trades, { timeout: 45_000 }).toBeGreaterThanOrEqual(20);
}

/** Starts a replay of the recorded day from the chart's form, at `speed`. */
async function startReplay(page: Page, speed: string): Promise<void> {
  await page.getByRole('button', { name: 'Replay a day' }).click();
  const form = page.getByTestId('replay-form');
  await expect(form.getByLabel('Day (UTC)')).toBeEnabled();
  await form.getByLabel('Speed').selectOption(speed);
  await form.getByRole('button', { name: 'Start replay' }).click();
  await expect(page).toHaveURL(/#\/chart\/BTC-USD\/replay\/[a-f0-9]{16}$/);
}

test('a CSV is imported from the screen: a bad file shows its line and column, a good one its chart', async ({
  page,
}) => {
  await register(page);
  await page.goto('/#/import');
  await page.getByLabel('Symbol').selectOption('AAPL');
  const bad = [
    'Date,Open,High,Low,Close,Volume',
    '2026-03-02,180.00,182.50,179.10,181.20,1000',
    '2026-03-03,abc,184,180,183,1200',
  ];
  await page
    .getByLabel('CSV file')
    .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad.join('\n')) });
  await page.getByRole('button', { name: 'Import' }).click();
  const errors = page.getByTestId('import-errors');
  await expect(errors).toContainText('Nothing was imported: 1 problem');
  await expect(errors.locator('tbody tr')).toHaveCount(1);
  await expect(errors.locator('tbody td').first()).toHaveText('3');

  const good = [
    'Date,Open,High,Low,Close,Volume',
    '2026-03-02,180.00,182.50,179.10,181.20,1000',
    '2026-03-03,181.20,184.00,180.90,183.75,1200',
    '2026-03-04,183.75,185.10,182.00,182.40,900',
  ];
  await page
    .getByLabel('CSV file')
    .setInputFiles({ name: 'aapl.csv', mimeType: 'text/csv', buffer: Buffer.from(good.join('\n')) });
  await page.getByRole('button', { name: 'Import' }).click();
  const done = page.getByTestId('import-done');
  await expect(done).toContainText('3 rows of 1d bars');
  await expect(done).toContainText('from 2026-03-02 to 2026-03-04');
  await done.getByRole('link', { name: 'View the AAPL chart' }).click();
  await expect(page).toHaveURL(/#\/chart\/AAPL$/);
  // The chart opens at the imported interval and draws the imported days.
  await expect(page.getByTestId('chart')).toHaveAttribute('data-interval', '1d');
  await expect(page.getByTestId('chart')).toHaveAttribute('data-status', 'ready');
  await expect.poll(() => candleCount(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
});

test('a recorded day replays on the chart, pauses, plays at 10× and runs to its end at max', async ({
  page,
  request,
}) => {
  await waitForRecordedDay(request);
  await register(page);
  await page.goto('/#/chart/BTC-USD');
  await page.getByRole('button', { name: '1s', exact: true }).click();
  // 1× first: the stack has recorded only seconds of today, which 10× plays out before a loaded
  // machine has drawn the chart; the speed is changed below, while paused.
  await startReplay(page, '1');

  const replay = page.getByTestId('replay');
  const chart = page.getByTestId('chart');
  await expect(chart).toHaveAttribute('data-status', 'ready');
  await expect(chart).toHaveAttribute('data-interval', '1s');
  // The day plays: its seconds become candles, and the position moves on.
  const firstPosition = Number(await replay.getAttribute('data-position'));
  await expect.poll(() => candleCount(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(5);
  await expect.poll(async () => Number(await replay.getAttribute('data-position'))).toBeGreaterThan(firstPosition);

  await replay.getByRole('button', { name: 'Pause' }).click();
  await expect(replay).toHaveAttribute('data-state', 'paused');
  const atPause = await candleCount(page);
  await replay.getByRole('button', { name: '10×' }).click();
  await expect(replay.getByRole('button', { name: '10×' })).toHaveAttribute('aria-pressed', 'true');
  await replay.getByRole('button', { name: 'Play' }).click();
  await expect(replay).toHaveAttribute('data-state', /playing|ended/);
  // Seek to 15 s before the end, then play out at max: how long `max` takes over minutes of a
  // busy recording depends on the machine's load; the last seconds do not.
  if ((await replay.getAttribute('data-state')) === 'playing') {
    const slider = replay.getByLabel('Replay position');
    const nearEnd = Number(await slider.getAttribute('max')) - 15_000;
    if (Number(await replay.getAttribute('data-position')) < nearEnd) await slider.fill(String(nearEnd));
  }
  await replay.getByRole('button', { name: 'Max' }).click();
  await expect(replay.getByRole('button', { name: 'Max' })).toHaveAttribute('aria-pressed', 'true');
  if ((await replay.getAttribute('data-state')) === 'paused')
    await replay.getByRole('button', { name: 'Play' }).click();
  await expect(replay).toHaveAttribute('data-state', 'ended', { timeout: 30_000 });
  await expect(page.getByTestId('replay-progress')).toHaveAttribute('value', '1000');
  // The rest of the recorded seconds were drawn (how many depends on how long the stack has run).
  await expect.poll(() => candleCount(page)).toBeGreaterThan(atPause);

  await replay.getByRole('button', { name: 'Stop' }).click();
  await expect(page).toHaveURL(/#\/chart\/BTC-USD$/);
});

test('a practice market buy during a replay fills at a replayed price and opens a position', async ({
  page,
  request,
}) => {
  await waitForRecordedDay(request);
  await register(page);
  await page.goto('/#/chart/BTC-USD');
  // 1×: the recorded seconds play in real time, so trades keep coming while the order is placed.
  await startReplay(page, '1');

  const practice = page.getByTestId('practice');
  await expect(practice).toContainText('lives only in this page');
  await expect(practice.getByTestId('practice-cash')).toHaveText('100,000.00');
  await expect(practice.getByLabel('Quantity')).toHaveValue('0.0001');
  await practice.getByRole('button', { name: 'Buy' }).click();
  const fills = practice.getByTestId('practice-fills').locator('li');
  await expect(fills).toHaveCount(1, { timeout: 20_000 });
  await expect(fills.first()).toContainText(/buy 0\.0001 @ [\d,]+\.\d\d · fee 0\.0\d/);
  await expect(practice.getByTestId('practice-position')).toHaveAttribute('data-lots', '1');
  await expect(practice.getByTestId('practice-position')).toHaveText('0.0001 BTC');
  // 100,000.00 less about 9.6x USD of BTC and its fee.
  await expect(practice.getByTestId('practice-cash')).toHaveText(/^99,99\d\.\d\d$/);

  await practice.getByRole('button', { name: 'Reset practice account' }).click();
  await expect(practice.getByTestId('practice-position')).toHaveAttribute('data-lots', '0');
  await expect(practice.getByTestId('practice-cash')).toHaveText('100,000.00');
  await expect(fills).toHaveCount(0);
});
