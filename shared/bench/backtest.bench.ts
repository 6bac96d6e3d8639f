/**
 * Suite `backtest` (issue 6's benchmark): `node --import tsx shared/bench/backtest.bench.ts`, or
 * `npm run bench -- backtest`. An SMA crossover (fast 10, slow 30, long only, market orders at the
 * next open) over the same 1,000,000 seeded hourly bars (× BENCH_SCALE), on one thread:
 *  - ours: `runBacktest` — every order through the full engine path (risk checks, matching against
 *    the liquidity account's quote, fees, ledger, positions), the strategy's SMAs streaming inside
 *    the run, equity sampled, round trips and metrics computed;
 *  - grademark: its `backtest(strategy, dataFrame)` on a data-forge DataFrame of the same bars; the
 *    SMA values (and the previous bar's) are precomputed into the bars before timing, which favours
 *    the peer (its timed work is the rules and its position/trade bookkeeping).
 * Round-trip counts are printed to stderr; they differ slightly by design: grademark evaluates no
 * rule on the bar it enters or exits at (ours calls onBar on every bar) and closes the last open
 * position at the end. Two JSON lines on stdout: bars/s by wall clock and by this process's CPU
 * time (on a shared, loaded machine the wall figure mostly measures the neighbours), the peer's
 * bars/s the same way, ratio = ours/peer. The best of a few interleaved passes counts.
 */
import { readFileSync } from 'node:fs';
import { DataFrame } from 'data-forge';
import { backtest as grademarkBacktest } from 'grademark';
import { generateBars, runBacktest } from '../src/backtest/index';
import { INSTRUMENTS } from '../src/domain/index';
import type { Bar } from '../src/market-data/index';

const PINNED: Record<string, string> = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).devDependencies;
const PEER = `grademark@${PINNED.grademark}`;
const SCALE = Number(process.env.BENCH_SCALE ?? '1');
const N = Math.max(10_000, Math.round(1_000_000 * (Number.isFinite(SCALE) && SCALE > 0 ? SCALE : 1)));
const FAST = 10;
const SLOW = 30;
const PASSES = 4;
const note = (msg: string) => process.stderr.write(`${msg}\n`);

const btc = INSTRUMENTS.find((i) => i.symbol === 'BTC-USD');
if (btc === undefined) throw new Error('BTC-USD missing from the catalog');
const FROM_MS = Date.UTC(2000, 0, 1);
const bars = generateBars({
  symbol: 'BTC-USD',
  interval: '1h',
  fromMs: FROM_MS,
  count: N,
  startTicks: 9_650_000,
  volatilityBps: 60,
  seed: 7,
});

type Timing = { ms: number; cpuMs: number; trades: number };

const cpuMsSince = (c: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
};

function ours(): Timing {
  const t = performance.now();
  const c = process.cpuUsage();
  const r = runBacktest({
    strategy: 'sma-cross',
    params: { fast: FAST, slow: SLOW, qtyLots: 100 },
    instruments: [btc as NonNullable<typeof btc>],
    data: { kind: 'bars', interval: '1h', bars },
    fromMs: FROM_MS,
    toMs: FROM_MS + N * 3_600_000,
    initialCashMinor: 100_000_000_00n,
  });
  const ms = performance.now() - t;
  const cpuMs = cpuMsSince(c);
  if (!r.ok || r.value.status !== 'completed')
    throw new Error(`our run failed: ${JSON.stringify(r.ok ? r.value.failure : r)}`);
  return { ms, cpuMs, trades: r.value.trades.length };
}

type GBar = {
  time: Date;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  diff: number;
  prevDiff: number;
};

/** The peer's input, built once outside the timing: bars with the SMA difference and its previous value. */
function peerFrame(): DataFrame<number, GBar> {
  const rows: GBar[] = new Array(bars.length);
  let sf = 0;
  let ss = 0;
  let prev = Number.NaN;
  for (let i = 0; i < bars.length; i++) {
    const b = bars[i] as Bar;
    sf += b.closeTicks - (i >= FAST ? (bars[i - FAST] as Bar).closeTicks : 0);
    ss += b.closeTicks - (i >= SLOW ? (bars[i - SLOW] as Bar).closeTicks : 0);
    const diff = i >= SLOW - 1 ? sf / FAST - ss / SLOW : Number.NaN;
    rows[i] = {
      time: new Date(b.openTimeMs),
      open: b.openTicks,
      high: b.highTicks,
      low: b.lowTicks,
      close: b.closeTicks,
      volume: b.volumeLots,
      diff,
      prevDiff: prev,
    };
    prev = diff;
  }
  return new DataFrame<number, GBar>(rows);
}

function peer(frame: DataFrame<number, GBar>): Timing {
  const t = performance.now();
  const c = process.cpuUsage();
  const trades = grademarkBacktest<GBar, GBar, Record<string, number>, number>(
    {
      entryRule: (enter, { bar }) => {
        if (bar.prevDiff <= 0 && bar.diff > 0) enter();
      },
      exitRule: (exit, { bar }) => {
        if (bar.prevDiff >= 0 && bar.diff < 0) exit();
      },
    },
    frame,
  );
  return { ms: performance.now() - t, cpuMs: cpuMsSince(c), trades: trades.length };
}

function main(): void {
  note(`backtest bench: ${N} bars, SMA ${FAST}/${SLOW}, ${PASSES} interleaved passes (best counts)`);
  const frame = peerFrame();
  const best = {
    ours: Number.POSITIVE_INFINITY,
    peer: Number.POSITIVE_INFINITY,
    oursCpu: Number.POSITIVE_INFINITY,
    peerCpu: Number.POSITIVE_INFINITY,
  };
  for (let p = 0; p < PASSES; p++) {
    const a = ours();
    const b = peer(frame);
    note(
      `pass ${p + 1}: ours ${a.ms.toFixed(0)} ms wall / ${a.cpuMs.toFixed(0)} ms cpu (${a.trades} round trips), ${PEER} ${b.ms.toFixed(0)} ms wall / ${b.cpuMs.toFixed(0)} ms cpu (${b.trades} trades)`,
    );
    best.ours = Math.min(best.ours, a.ms);
    best.peer = Math.min(best.peer, b.ms);
    best.oursCpu = Math.min(best.oursCpu, a.cpuMs);
    best.peerCpu = Math.min(best.peerCpu, b.cpuMs);
  }
  emit('sma_cross_bars_per_s', best.ours, best.peer);
  emit('sma_cross_bars_per_cpu_s', best.oursCpu, best.peerCpu);
}

function emit(metric: string, oursMs: number, peerMs: number): void {
  const value = Math.round(N / (oursMs / 1000));
  const peerValue = Math.round(N / (peerMs / 1000));
  const ratio = Math.round((value / peerValue) * 100) / 100;
  process.stdout.write(
    `${JSON.stringify({ suite: 'backtest', metric, value, unit: 'bar/s', peer: PEER, peer_value: peerValue, ratio })}\n`,
  );
}

main();
