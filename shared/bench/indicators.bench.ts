/**
 * Suite `indicators` (issue 6's benchmark): `node --import tsx shared/bench/indicators.bench.ts`, or
 * `npm run bench -- indicators`. The same seeded 1,000,000 bars (× BENCH_SCALE) go through our
 * streaming indicators and, where they offer the same indicator, through technicalindicators and
 * trading-signals, each on its own fastest documented streaming API:
 * * ours: `next(...)`, the documented primary contract (a plain number, NaN until warm; the other
 *   lines of a multi-line indicator read from its getters). `update()` is a convenience wrapper;
 * * technicalindicators: `nextValue(...)`, its only streaming API;
 * * trading-signals 8: `update(x, false)`, what its documented `add(x)` calls (one call less).
 *   Version 8 has no `Faster*` classes (they went when v7 dropped big.js: every class is the fast,
 *   number-based one); its static batch methods are not streaming.
 * One JSON line per (indicator, peer) on stdout: updates/s, the peer's updates/s, ratio = ours/peer.
 * Notes go to stderr.
 *
 * Fairness: every implementation gets one untimed warm-up pass over a prefix, then interleaved timed
 * passes over all bars; the best pass counts, with the same stopping rule for everyone (see measureAll).
 * A pass is timed by this process's CPU time (process.cpuUsage: user + system, GC threads included),
 * not the wall clock: on a shared machine with a load of several times its cores, a 10 ms pass is
 * mostly other processes' time slices, which would rank whoever was unlucky. `BENCH_ONLY=ema,atr`
 * runs only those indicators.
 * Ours take positional numbers from Float64Arrays; the peers take their candle objects, which are
 * built once before timing (their APIs want objects). Every result is folded into a checksum printed
 * to stderr, so the JIT cannot drop the work.
 */
import { readFileSync } from 'node:fs';
import * as TI from 'technicalindicators';
import * as TS from 'trading-signals';
import {
  Adx,
  Atr,
  Bollinger,
  Donchian,
  Ema,
  Macd,
  Obv,
  Rsi,
  Sma,
  Stochastic,
  Vwap,
  Wma,
} from '../src/indicators/index';

// The peers are pinned exactly in shared/package.json (trading-signals does not export its own).
const PINNED: Record<string, string> = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).devDependencies;
const TI_NAME = `technicalindicators@${PINNED.technicalindicators}`;
const TS_NAME = `trading-signals@${PINNED['trading-signals']}`;

const SCALE = Number(process.env.BENCH_SCALE ?? '1');
const N = Math.max(10_000, Math.round(1_000_000 * (Number.isFinite(SCALE) && SCALE > 0 ? SCALE : 1)));
const SEED = 0x1d1ca70;
const WARMUP_BARS = Math.min(N, 50_000);
// Keeps the suite well under a minute at BENCH_SCALE=1 even on a busy 2-core machine: the slowest
// peers (≈0.3M updates/s) get one 1,000,000-bar pass, fast implementations 3 to 10.
const MIN_PASSES = 3;
const MAX_PASSES = 10;
const MIN_MS = 200;
const MAX_MS = 1_000;

const note = (msg: string) => process.stderr.write(`${msg}\n`);

/** mulberry32: a tiny seeded PRNG, so every run sees the same bars. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Candle = { open: number; high: number; low: number; close: number; volume: number };

/** A random walk in cents (prices are ticks converted once at the edge) with OHLCV around it. */
function makeBars(n: number) {
  const rand = rng(SEED);
  const open = new Float64Array(n);
  const high = new Float64Array(n);
  const low = new Float64Array(n);
  const close = new Float64Array(n);
  const volume = new Float64Array(n);
  const candles: Candle[] = new Array(n);
  let cents = 10_000;
  for (let i = 0; i < n; i++) {
    const o = cents;
    cents = Math.max(100, cents + Math.round((rand() - 0.5) * 40));
    const h = Math.max(o, cents) + Math.round(rand() * 15);
    const l = Math.min(o, cents) - Math.round(rand() * 15);
    open[i] = o / 100;
    high[i] = h / 100;
    low[i] = l / 100;
    close[i] = cents / 100;
    volume[i] = 1 + Math.floor(rand() * 10_000);
    candles[i] = {
      open: open[i] as number,
      high: high[i] as number,
      low: low[i] as number,
      close: close[i] as number,
      volume: volume[i] as number,
    };
  }
  return { open, high, low, close, volume, candles };
}

const bars = makeBars(N);
let checksum = 0;

/** A pass over bars [from, to) returning a number folded from every result. */
type Pass = (from: number, to: number) => number;

type Timing = { make: () => Pass; best: number; passes: number; spentMs: number };

/** Done after MIN_PASSES passes and MIN_MS, or MAX_PASSES, or (slow peers) MAX_MS with one pass. */
const done = (t: Timing) =>
  t.passes >= MAX_PASSES || (t.passes >= MIN_PASSES && t.spentMs >= MIN_MS) || (t.passes >= 1 && t.spentMs >= MAX_MS);

/**
 * Best updates/s of each implementation. After one untimed warm-up pass each, timed passes over all
 * bars are interleaved (ours, peer, peer, ours, ...) so that a noisy neighbour on this shared machine
 * slows everyone alike; the best pass counts, with the same stopping rule for everyone.
 */
function measureAll(makes: readonly (() => Pass)[]): number[] {
  const timings: Timing[] = makes.map((make) => ({ make, best: 0, passes: 0, spentMs: 0 }));
  for (const t of timings) checksum += t.make()(0, WARMUP_BARS);
  while (!timings.every(done)) {
    for (const t of timings) {
      if (done(t)) continue;
      const run = t.make();
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      checksum += run(0, N);
      const cpu = process.cpuUsage(c0);
      const ms = performance.now() - t0;
      const cpuMs = (cpu.user + cpu.system) / 1000;
      t.passes++;
      t.spentMs += ms; // the stopping rule stays on the wall clock: it bounds how long the suite takes
      t.best = Math.max(t.best, N / (Math.max(cpuMs, 0.001) / 1000));
    }
  }
  return timings.map((t) => t.best);
}

const { high, low, close, volume, candles } = bars;

type Peer = { name: string; api: string; make: () => Pass };
type Case = { name: string; ours: () => Pass; peers: Peer[] };

const TI_API = 'nextValue';
const TS_API = 'update(x, false)';

// Every pass is its own function literal with its own loop, so each call site stays monomorphic
// (one shared loop would turn every indicator's update into a megamorphic call, ours and theirs).
const CASES: Case[] = [
  {
    name: 'sma',
    ours: () => {
      const ind = new Sma(20);
      return (from, to) => {
        let s = 0;
        for (let i = from; i < to; i++) {
          const v = ind.next(close[i] as number);
          if (!Number.isNaN(v)) s += v; // NaN while warming up
        }
        return s;
      };
    },
    peers: [
      {
        name: TI_NAME,
        api: TI_API,
        make: () => {
          const ind = new TI.SMA({ period: 20, values: [] });
          return (from, to) => {
            let s = 0;
            for (let i = from; i < to; i++) {
              const v = ind.nextValue(close[i] as number);
              if (v !== undefined && v !== null) s += v;
            }
            return s;
          };
        },
      },
      {
        name: TS_NAME,
        api: TS_API,
        make: () => {
          const ind = new TS.SMA(20);
          return (from, to) => {
            let s = 0;
            for (let i = from; i < to; i++) {
              const v = ind.update(close[i] as number, false);
              if (v !== undefined && v !== null) s += v;
            }
            return s;
          };
        },
      },
    ],
  },
  {
    name: 'ema',
    ours: () => {
      const ind = new Ema(20);
      return (from, to) => {
        let s = 0;
        for (let i = from; i < to; i++) {
          const v = ind.next(close[i] as number);
          if (!Number.isNaN(v)) s += v; // NaN while warming up
        }
        return s;
      };
    },
    peers: [
      {
        name: TI_NAME,
        api: TI_API,
        make: () => {
          const ind = new TI.EMA({ period: 20, values: [] });
          return (from, to) => {
            let s = 0;
            for (let i = from; i < to; i++) {
              const v = ind.nextValue(close[i] as number);
              if (v !== undefined && v !== null) s += v;
            }
            return s;
          };
        },
      },
      {
        name: TS_NAME,
        api: TS_API,
        make: () => {
          const ind = new TS.EMA(20);
          return (from, to) => {
            let s = 0;
            for (let i = from; i < to; i++) {
              const v = ind.update(close[i] as number, false);
              if (v !== undefined && v !== null) s += v;
            }
            return s;
          };
        },
      },
    ],
  },
  {
    name: 'wma',
    ours: () => {
      const ind = new Wma(20);
      return (from, to) => {
        let s = 0;
        for (let i = from; i < to; i++) {
          const v = ind.next(close[i] as number);
          if (!Number.isNaN(v)) s += v; // NaN while warming up
        }
        return s;
      };
    },
    peers: [
      {
        name: TI_NAME,
        api: TI_API,
        make: () => {
          const ind = new TI.WMA({ period: 20, values: [] });
          return (from, to) => {
            let s = 0;
            for (let i = from; i < to; i++) {
              const v = ind.nextValue(close[i] as number);
              if (v !== undefined && v !== null) s += v;
            }
            return s;
          };
        },
      },
      {
        name: TS_NAME,
        api: TS_API,
        make: () => {
          const ind = new TS.WMA(20);
          return (from, to) => {
            let s = 0;
            for (let i = from; i < to; i++) {
              const v = ind.update(close[i] as number, false);
              if (v !== undefined && v !== null) s += v;
            }
            return s;
          };
        },
      },
    ],
  },
  {
    name: 'rsi',
    ours: () => {
      const ind = new Rsi(14);
      return (from, to) => {
        let s = 0;
        for (let i = from; i < to; i++) {
          const v = ind.next(close[i] as number);
          if (!Number.isNaN(v)) s += v; // NaN while warming up
        }
        return s;
      };
    },
    peers: [
      {
        name: TI_NAME,
        api: TI_API,
        make: () => {
          const ind = new TI.RSI({ period: 14, values: [] });
          return (from, to) => {
            let s = 0;
            for (let i = from; i < to; i++) {
              const v = ind.nextValue(close[i] as number);
              if (v !== undefined && v !== null) s += v;
            }
            return s;
          };
        },
      },
      {
        name: TS_NAME,
        api: TS_API,
        make: () => {
          const ind = new TS.RSI(14);
          return (from, to) => {
            let s = 0;
            for (let i = from; i < to; i++) {
              const v = ind.update(close[i] as number, false);
              if (v !== undefined && v !== null) s += v;
            }
            return s;
          };
        },
      },
    ],
  },
  {
    name: 'macd',
    ours: () => {
      const ind = new Macd(12, 26, 9);
      return (from, to) => {
        let s = 0;
        for (let i = from; i < to; i++) {
          const main = ind.next(close[i] as number);
          if (!Number.isNaN(main)) s += ind.histogram; // NaN while warming up
        }
        return s;
      };
    },
    peers: [
      {
        name: TI_NAME,
        api: TI_API,
        make: () => {
          const ind = new TI.MACD({
            values: [],
            fastPeriod: 12,
            slowPeriod: 26,
            signalPeriod: 9,
            SimpleMAOscillator: false,
            SimpleMASignal: false,
          });
          return (from, to) => {
            let s = 0;
            for (let i = from; i < to; i++) {
              const v = ind.nextValue(close[i] as number);
              if (v !== undefined && v !== null) s += v.histogram ?? 0;
            }
            return s;
          };
        },
      },
      {
        name: TS_NAME,
        api: TS_API,
        make: () => {
          const ind = new TS.MACD(new TS.EMA(12), new TS.EMA(26), new TS.EMA(9));
          return (from, to) => {
            let s = 0;
            for (let i = from; i < to; i++) {
              const v = ind.update(close[i] as number, false);
              if (v !== undefined && v !== null) s += v.histogram ?? 0;
            }
            return s;
          };
        },
      },
    ],
  },
  {
    name: 'bollinger',
    ours: () => {
      const ind = new Bollinger(20, 2);
      return (from, to) => {
        let s = 0;
        for (let i = from; i < to; i++) {
          const main = ind.next(close[i] as number);
          if (!Number.isNaN(main)) s += ind.upper; // NaN while warming up
        }
        return s;
      };
    },
    peers: [
      {
        name: TI_NAME,
        api: TI_API,
        make: () => {
          const ind = new TI.BollingerBands({ period: 20, stdDev: 2, values: [] });
          return (from, to) => {
            let s = 0;
            for (let i = from; i < to; i++) {
              const v = ind.nextValue(close[i] as number);
              if (v !== undefined && v !== null) s += v.upper ?? 0;
            }
            return s;
          };
        },
      },
      {
        name: TS_NAME,
        api: TS_API,
        make: () => {
          const ind = new TS.BollingerBands(20, 2);
          return (from, to) => {
            let s = 0;
            for (let i = from; i < to; i++) {
              const v = ind.update(close[i] as number, false);
              if (v !== undefined && v !== null) s += v.upper ?? 0;
            }
            return s;
          };
        },
      },
    ],
  },
  {
    name: 'atr',
    ours: () => {
      const ind = new Atr(14);
      return (from, to) => {
        let s = 0;
        for (let i = from; i < to; i++) {
          const v = ind.next(high[i] as number, low[i] as number, close[i] as number);
          if (!Number.isNaN(v)) s += v; // NaN while warming up
        }
        return s;
      };
    },
    peers: [
      {
        name: TI_NAME,
        api: TI_API,
        make: () => {
          const ind = new TI.ATR({ high: [], low: [], close: [], period: 14 });
          return (from, to) => {
            let s = 0;
            for (let i = from; i < to; i++) {
              const v = ind.nextValue(candles[i] as Candle);
              if (v !== undefined && v !== null) s += v;
            }
            return s;
          };
        },
      },
      {
        name: TS_NAME,
        api: TS_API,
        make: () => {
          const ind = new TS.ATR(14);
          return (from, to) => {
            let s = 0;
            for (let i = from; i < to; i++) {
              const v = ind.update(candles[i] as Candle, false);
              if (v !== undefined && v !== null) s += v;
            }
            return s;
          };
        },
      },
    ],
  },
  {
    name: 'stochastic',
    ours: () => {
      const ind = new Stochastic(14, 3, 1);
      return (from, to) => {
        let s = 0;
        for (let i = from; i < to; i++) {
          const main = ind.next(high[i] as number, low[i] as number, close[i] as number);
          if (!Number.isNaN(main)) s += ind.d; // NaN while warming up
        }
        return s;
      };
    },
    peers: [
      {
        name: TI_NAME,
        api: TI_API,
        make: () => {
          const ind = new TI.Stochastic({ high: [], low: [], close: [], period: 14, signalPeriod: 3 });
          return (from, to) => {
            let s = 0;
            for (let i = from; i < to; i++) {
              const v = ind.nextValue(candles[i] as never);
              if (v !== undefined && v !== null) s += v.d ?? 0;
            }
            return s;
          };
        },
      },
      {
        name: TS_NAME,
        api: TS_API,
        make: () => {
          const ind = new TS.StochasticOscillator({ kPeriod: 14, kSlowingPeriod: 1, dPeriod: 3 });
          return (from, to) => {
            let s = 0;
            for (let i = from; i < to; i++) {
              const v = ind.update(candles[i] as Candle, false);
              if (v !== undefined && v !== null) s += v.stochD ?? 0;
            }
            return s;
          };
        },
      },
    ],
  },
  {
    name: 'vwap',
    ours: () => {
      const ind = new Vwap();
      return (from, to) => {
        let s = 0;
        for (let i = from; i < to; i++) {
          const v = ind.next(high[i] as number, low[i] as number, close[i] as number, volume[i] as number);
          if (!Number.isNaN(v)) s += v; // NaN while warming up
        }
        return s;
      };
    },
    peers: [
      {
        name: TI_NAME,
        api: TI_API,
        make: () => {
          const ind = new TI.VWAP({ high: [], low: [], close: [], volume: [] });
          return (from, to) => {
            let s = 0;
            for (let i = from; i < to; i++) {
              const v = ind.nextValue(candles[i] as Candle);
              if (v !== undefined && v !== null) s += v;
            }
            return s;
          };
        },
      },
      {
        name: TS_NAME,
        api: TS_API,
        make: () => {
          const ind = new TS.VWAP();
          return (from, to) => {
            let s = 0;
            for (let i = from; i < to; i++) {
              const v = ind.update(candles[i] as Candle, false);
              if (v !== undefined && v !== null) s += v;
            }
            return s;
          };
        },
      },
    ],
  },
  {
    name: 'adx',
    ours: () => {
      const ind = new Adx(14);
      return (from, to) => {
        let s = 0;
        for (let i = from; i < to; i++) {
          const main = ind.next(high[i] as number, low[i] as number, close[i] as number);
          if (!Number.isNaN(main)) s += ind.adx; // NaN while warming up
        }
        return s;
      };
    },
    peers: [
      {
        name: TI_NAME,
        api: TI_API,
        make: () => {
          const ind = new TI.ADX({ high: [], low: [], close: [], period: 14 });
          return (from, to) => {
            let s = 0;
            for (let i = from; i < to; i++) {
              const v = ind.nextValue(candles[i] as never);
              if (v !== undefined && v !== null) s += v.adx ?? 0;
            }
            return s;
          };
        },
      },
      {
        name: TS_NAME,
        api: TS_API,
        make: () => {
          const ind = new TS.ADX(14);
          return (from, to) => {
            let s = 0;
            for (let i = from; i < to; i++) {
              const v = ind.update(candles[i] as Candle, false);
              if (v !== undefined && v !== null) s += v;
            }
            return s;
          };
        },
      },
    ],
  },
  {
    name: 'obv',
    ours: () => {
      const ind = new Obv();
      return (from, to) => {
        let s = 0;
        for (let i = from; i < to; i++) {
          const v = ind.next(close[i] as number, volume[i] as number);
          if (!Number.isNaN(v)) s += v; // NaN while warming up
        }
        return s;
      };
    },
    peers: [
      {
        name: TI_NAME,
        api: TI_API,
        make: () => {
          const ind = new TI.OBV({ close: [], volume: [] });
          return (from, to) => {
            let s = 0;
            for (let i = from; i < to; i++) {
              const v = ind.nextValue(candles[i] as Candle);
              if (v !== undefined && v !== null) s += v;
            }
            return s;
          };
        },
      },
      {
        name: TS_NAME,
        api: TS_API,
        make: () => {
          const ind = new TS.OBV(2);
          return (from, to) => {
            let s = 0;
            for (let i = from; i < to; i++) {
              const v = ind.update(candles[i] as Candle, false);
              if (v !== undefined && v !== null) s += v;
            }
            return s;
          };
        },
      },
    ],
  },
  {
    name: 'donchian',
    ours: () => {
      const ind = new Donchian(20);
      return (from, to) => {
        let s = 0;
        for (let i = from; i < to; i++) {
          const main = ind.next(high[i] as number, low[i] as number);
          if (!Number.isNaN(main)) s += ind.middle; // NaN while warming up
        }
        return s;
      };
    },
    peers: [
      {
        name: TS_NAME,
        api: TS_API,
        make: () => {
          const ind = new TS.DonchianChannels(20);
          return (from, to) => {
            let s = 0;
            for (let i = from; i < to; i++) {
              const v = ind.update(candles[i] as Candle, false);
              if (v !== undefined && v !== null) s += v.middle ?? 0;
            }
            return s;
          };
        },
      },
    ],
  },
];

function main(): void {
  const t0 = performance.now();
  note(
    `indicators: ${N.toLocaleString('en')} seeded bars (seed ${SEED}); streaming APIs: ours next() (NaN until warm), ${TI_NAME} ${TI_API}(), ${TS_NAME} ${TS_API}`,
  );
  const only = (process.env.BENCH_ONLY ?? '').split(',').filter((s) => s !== '');
  for (const c of CASES.filter((k) => only.length === 0 || only.includes(k.name))) {
    const [ours = 0, ...theirsAll] = measureAll([c.ours, ...c.peers.map((p) => p.make)]);
    c.peers.forEach((peer, k) => {
      const theirs = theirsAll[k] ?? 0;
      const figure = {
        suite: 'indicators',
        metric: `${c.name}_updates_per_s`,
        value: Math.round(ours),
        unit: 'op/s',
        peer: peer.name,
        peer_value: Math.round(theirs),
        ratio: Math.round((ours / theirs) * 10) / 10,
        basis: 'cpu-time',
      };
      process.stdout.write(`${JSON.stringify(figure)}\n`);
      note(
        `  ${c.name.padEnd(10)} ours ${(ours / 1e6).toFixed(1)}M/s  ${peer.name} (${peer.api}) ${(theirs / 1e6).toFixed(2)}M/s  ×${figure.ratio}`,
      );
    });
  }
  note(`indicators: checksum ${checksum.toPrecision(12)} (consumed results); ${Math.round(performance.now() - t0)} ms`);
}

main();
