import { readFile } from 'node:fs/promises';
import { connect } from '@tradewind/db';
import { EVENTS_MAX, generateBars } from '@tradewind/shared/backtest';
import { decimalToSteps, type Instrument, SIMULATED_INSTRUMENTS } from '@tradewind/shared/domain';
import { BAR_INTERVAL_MS, type Bar, type BarInterval } from '@tradewind/shared/market-data';

/** Where the bars came from; the report states it (generated data is not market data). */
export type BarSource =
  | { readonly kind: 'csv'; readonly file: string }
  | { readonly kind: 'database'; readonly source: string }
  | { readonly kind: 'generated'; readonly seed: number; readonly reason: string };

export type LoadedBars = { readonly bars: Bar[]; readonly source: BarSource };
export type BarRequest = {
  readonly instrument: Instrument;
  readonly interval: BarInterval;
  readonly fromMs: number;
  readonly toMs: number;
};

/** A CSV row in error, with its line number: the CLI prints it and exits 2. */
export class BarSourceError extends Error {}

/**
 * CSV: a header line naming at least time, open, high, low, close (volume optional), in any
 * order; `time` (or `open_time`) is epoch ms or an ISO date; prices are decimals of the quote
 * currency on the instrument's tick grid; volume is in base units on the lot grid.
 */
export function parseBarsCsv(text: string, req: BarRequest): Bar[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  const timeCol = col('time') >= 0 ? col('time') : col('open_time');
  const cols = [col('open'), col('high'), col('low'), col('close')];
  if (timeCol < 0 || cols.some((c) => c < 0)) throw new BarSourceError('CSV header needs time, open, high, low, close');
  if (lines.length - 1 > EVENTS_MAX) throw new BarSourceError(`more than ${EVENTS_MAX} rows`);
  const volCol = col('volume');
  const bars: Bar[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = (lines[i] as string).split(',').map((c) => c.trim());
    const t = cells[timeCol] ?? '';
    const timeMs = /^\d+$/.test(t) ? Number(t) : Date.parse(t);
    if (!Number.isSafeInteger(timeMs)) throw new BarSourceError(`line ${i + 1}: bad time ${t}`);
    if (timeMs < req.fromMs || timeMs >= req.toMs) continue;
    const [open, high, low, close] = cols.map((c) => ticksOf(cells[c] ?? '', req.instrument, i + 1));
    const volumeLots = volCol >= 0 && cells[volCol] ? lotsOf(cells[volCol] as string, req.instrument, i + 1) : 0;
    bars.push({
      symbol: req.instrument.symbol,
      interval: req.interval,
      openTimeMs: timeMs,
      openTicks: open as number,
      highTicks: high as number,
      lowTicks: low as number,
      closeTicks: close as number,
      volumeLots,
      tradeCount: 0,
    });
  }
  return bars.sort((a, b) => a.openTimeMs - b.openTimeMs);
}

function ticksOf(text: string, instrument: Instrument, line: number): number {
  const r = decimalToSteps(text, instrument.tick);
  if (!r.ok) throw new BarSourceError(`line ${line}: price ${text}: ${r.code}`);
  return Number(r.value);
}

function lotsOf(text: string, instrument: Instrument, line: number): number {
  const r = decimalToSteps(text, instrument.lot);
  if (!r.ok) throw new BarSourceError(`line ${line}: volume ${text}: ${r.code}`);
  return Number(r.value);
}

/** Bars of one symbol from the market_bars table, one source per time (recorded, then csv, then ccxt). */
export async function barsFromDatabase(url: string, req: BarRequest): Promise<LoadedBars> {
  const db = connect(url, { max: 1, appName: 'tradewind-backtest' });
  try {
    const rows = await db.sql<
      { t: string; o: string; h: string; l: string; c: string; v: string; n: number; source: string }[]
    >`
      select distinct on (open_time) (extract(epoch from open_time) * 1000)::bigint as t, open_ticks as o, high_ticks as h,
        low_ticks as l, close_ticks as c, volume_lots as v, trade_count as n, source
      from market_bars
      where symbol = ${req.instrument.symbol} and interval = ${req.interval}
        and open_time >= to_timestamp(${req.fromMs / 1000}) and open_time < to_timestamp(${req.toMs / 1000})
      order by open_time, case when source = 'recorded' then 0 when source = 'csv' then 1 else 2 end
      limit ${EVENTS_MAX + 1}`;
    const bars: Bar[] = rows.map((r) => ({
      symbol: req.instrument.symbol,
      interval: req.interval,
      openTimeMs: Number(r.t),
      openTicks: Number(r.o),
      highTicks: Number(r.h),
      lowTicks: Number(r.l),
      closeTicks: Number(r.c),
      volumeLots: Number(r.v),
      tradeCount: r.n,
    }));
    const sources = [...new Set(rows.map((r) => r.source))].join('+');
    return { bars, source: { kind: 'database', source: sources } };
  } finally {
    await db.close();
  }
}

/** Deterministic bars: a random walk from the simulated market's start price for the symbol. */
export function generatedBars(req: BarRequest, seed: number, reason: string): LoadedBars {
  const stepMs = BAR_INTERVAL_MS[req.interval];
  const fromMs = Math.ceil(req.fromMs / stepMs) * stepMs;
  const count = Math.max(0, Math.min(EVENTS_MAX, Math.ceil((req.toMs - fromMs) / stepMs)));
  const sim = SIMULATED_INSTRUMENTS.find((s) => s.instrument.symbol === req.instrument.symbol);
  // About 1 % per hour, scaled by √time (a random walk's spread grows with √t).
  const volatilityBps = Math.max(5, Math.round(100 * Math.sqrt(stepMs / 3_600_000)));
  const bars = generateBars({
    symbol: req.instrument.symbol,
    interval: req.interval,
    fromMs,
    count,
    startTicks: sim?.startPriceTicks ?? 10_000,
    volatilityBps,
    seed,
  });
  return { bars, source: { kind: 'generated', seed, reason } };
}

export type BarSourceChoice = {
  readonly dataFile: string | null;
  readonly seed: number | null;
  readonly databaseUrl: string | undefined;
};

/** --data CSV, else --seed (generated), else DATABASE_URL, else generated with seed 1. */
export async function loadBars(req: BarRequest, choice: BarSourceChoice): Promise<LoadedBars> {
  if (choice.dataFile !== null)
    return {
      bars: parseBarsCsv(await readFile(choice.dataFile, 'utf8'), req),
      source: { kind: 'csv', file: choice.dataFile },
    };
  if (choice.seed !== null) return generatedBars(req, choice.seed, 'asked for with --seed');
  if (choice.databaseUrl) {
    const loaded = await barsFromDatabase(choice.databaseUrl, req);
    if (loaded.bars.length > 0) return loaded;
    return generatedBars(req, 1, 'no bars for the symbol and range in market_bars');
  }
  return generatedBars(req, 1, 'no --data file and no DATABASE_URL');
}
