import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  type BacktestConfig,
  type BacktestResult,
  checkRange,
  runBacktest,
  tradeMonteCarlo,
} from '@tradewind/shared/backtest';
import { decimalToSteps, INSTRUMENTS, parseStep } from '@tradewind/shared/domain';
import type { MonteCarloResult } from '@tradewind/shared/metrics';
import { type CliOptions, parseCliArgs, USAGE } from './args';
import { BarSourceError, type LoadedBars, loadBars } from './bar-source';
import { progressBar } from './progress-bar';
import { renderReport } from './report-html';
import { lookAheadSection, runResearch } from './research-cli';

export type CliIo = {
  readonly stderr: (s: string) => void;
  readonly stdout: (s: string) => void;
  readonly stderrIsTty: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Set to stop the run between bars (the CLI wires SIGINT to it). */
  readonly cancel?: { aborted: boolean };
};

/** Exit codes: 0 done, 1 the strategy failed, 2 bad input, 130 cancelled. */
export const EXIT = { ok: 0, strategyFailed: 1, badInput: 2, cancelled: 130 } as const;

const CENT = parseStep('0.01');

/** The whole CLI as a function (tested in-process): parse, load bars, run, write report.html + result.json. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) return bad(io, parsed.message);
  const o = parsed.options;
  const instrument = INSTRUMENTS.find((i) => i.symbol === o.symbol);
  if (instrument === undefined)
    return bad(io, `unknown symbol ${o.symbol} (known: ${INSTRUMENTS.map((i) => i.symbol).join(', ')})`);
  const range = checkRange(o.fromMs, o.toMs);
  if (!range.ok) return bad(io, `${range.code}: ${range.message}`);
  const cash = decimalToSteps(o.cash, CENT);
  if (!cash.ok) return bad(io, `--cash: ${cash.code}`);
  let loaded: LoadedBars;
  try {
    loaded = await loadBars(
      { instrument, interval: o.interval, fromMs: o.fromMs, toMs: o.toMs },
      { dataFile: o.dataFile, seed: o.seed, databaseUrl: io.env.DATABASE_URL },
    );
  } catch (e) {
    if (e instanceof BarSourceError || (e as NodeJS.ErrnoException).code === 'ENOENT')
      return bad(io, (e as Error).message);
    throw e;
  }
  if (loaded.source.kind === 'generated')
    io.stderr(`note: generated bars (seed ${loaded.source.seed}): ${loaded.source.reason}\n`);
  const bar = progressBar(io.stderr, io.stderrIsTty);
  const config = {
    strategy: o.strategy,
    params: o.params,
    instruments: [instrument],
    data: { kind: 'bars', interval: o.interval, bars: loaded.bars },
    fromMs: o.fromMs,
    toMs: o.toMs,
    initialCashMinor: cash.value,
    fill: { bars: o.fill, slippageBps: o.slippageBps, latencyMs: o.latencyMs },
    ...(o.makerFeeBps === null && o.takerFeeBps === null
      ? {}
      : { fees: { makerFeeBps: o.makerFeeBps ?? 2, takerFeeBps: o.takerFeeBps ?? 5 } }),
    ...(io.cancel === undefined ? {} : { signal: io.cancel }),
  } satisfies BacktestConfig;
  if (o.research !== null) {
    const progress = (done: number, total: number) =>
      bar.update({ eventsDone: done, eventsTotal: total, timeMs: o.fromMs });
    const found = await runResearch(o.research, config, o.interval, progress);
    bar.done();
    if (!found.ok) return bad(io, found.message);
    await writeOutputs(o, found.result, loaded, io, found);
    return EXIT.ok;
  }
  const r = runBacktest({ ...config, onProgress: (p) => bar.update(p) });
  bar.done();
  if (!r.ok) return bad(io, `${r.code}: ${r.message}`);
  await writeOutputs(o, r.value, loaded, io, o.lookAhead ? lookAheadSection(config) : undefined);
  if (r.value.status === 'failed') return EXIT.strategyFailed;
  return r.value.status === 'cancelled' ? EXIT.cancelled : EXIT.ok;
}

function bad(io: CliIo, message: string): number {
  io.stderr(`backtest: ${message}\n${USAGE}\n`);
  return EXIT.badInput;
}

async function writeOutputs(
  o: CliOptions,
  result: BacktestResult,
  loaded: LoadedBars,
  io: CliIo,
  extra?: { readonly html: string; readonly json: Record<string, unknown> },
): Promise<void> {
  const instrument = INSTRUMENTS.find((i) => i.symbol === o.symbol);
  if (instrument === undefined) throw new Error('instrument vanished');
  let monteCarlo: MonteCarloResult | null = null;
  if (o.monteCarloRuns > 0 && result.trades.length > 0) {
    const mc = tradeMonteCarlo(result, o.monteCarloRuns, 1);
    if (mc.ok) monteCarlo = mc.value;
  }
  const settings = {
    fill: o.fill,
    slippageBps: String(o.slippageBps),
    latencyMs: String(o.latencyMs),
    cash: `${o.cash} ${instrument.quote}`,
    fees:
      o.makerFeeBps === null && o.takerFeeBps === null
        ? 'engine defaults (maker 2, taker 5 bps)'
        : `maker ${o.makerFeeBps ?? 2}, taker ${o.takerFeeBps ?? 5} bps`,
  };
  const dir = resolve(o.outDir);
  await mkdir(dir, { recursive: true });
  const html = renderReport({
    result,
    instrument,
    interval: o.interval,
    source: loaded.source,
    monteCarlo,
    settings,
    ...(extra === undefined ? {} : { researchHtml: extra.html }),
  });
  const json = JSON.stringify(
    { source: loaded.source, interval: o.interval, symbol: o.symbol, settings, monteCarlo, result, ...extra?.json },
    (_k, v) => (typeof v === 'bigint' ? v.toString() : v),
    1,
  );
  await writeFile(join(dir, 'report.html'), html);
  await writeFile(join(dir, 'result.json'), json);
  const m = result.performance?.metrics;
  io.stderr(
    `${result.status}: ${result.trades.length} trades, return ${m?.totalReturnRatio === null || m === undefined ? '—' : `${(m.totalReturnRatio * 100).toFixed(2)} %`}, Sharpe ${m?.sharpeAnnual?.toFixed(2) ?? '—'}, PSR ${m?.probabilisticSharpe?.toFixed(3) ?? '—'}\n`,
  );
  io.stdout(`${join(dir, 'report.html')}\n`);
}
