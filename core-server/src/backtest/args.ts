import { parseArgs } from 'node:util';
import { OBJECTIVES, type ObjectiveSpec, type OptimiseMethod, type ParamSpace } from '@tradewind/shared/backtest';
import { BAR_INTERVALS, type BarInterval } from '@tradewind/shared/market-data';
import { z } from 'zod';

/** The CLI's options after validation. Dates are UTC days (YYYY-MM-DD) or ISO timestamps. */
export type CliOptions = {
  readonly strategy: string;
  readonly symbol: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly params: unknown;
  readonly dataFile: string | null;
  /** Set: generated bars with this seed, whatever else is available. */
  readonly seed: number | null;
  readonly interval: BarInterval;
  readonly outDir: string;
  readonly cash: string;
  readonly fill: 'next-open' | 'intrabar';
  readonly slippageBps: number;
  readonly latencyMs: number;
  readonly makerFeeBps: number | null;
  readonly takerFeeBps: number | null;
  readonly monteCarloRuns: number;
  /** `--look-ahead`: rerun on the data cut at five points and compare the decisions. */
  readonly lookAhead: boolean;
  readonly quiet: boolean;
  /** `--optimise` (and `--walk-forward`): a parameter search instead of one run. */
  readonly research: CliResearch | null;
};

export type CliResearch = {
  readonly space: ParamSpace;
  readonly method: OptimiseMethod;
  readonly objective: ObjectiveSpec;
  /** Walk-forward windows in bars of the interval; null: optimise over the whole range. */
  readonly walkForwardBars: { readonly inSample: number; readonly outOfSample: number } | null;
  readonly threads: number | null;
};

export const USAGE = `usage: npm run backtest -- --strategy <id> --symbol <SYM> --from <date> --to <date>
  [--params '<json>'] [--data bars.csv | --seed N] [--interval 1h] [--out dir]
  [--cash 100000] [--fill next-open|intrabar] [--slippage-bps 0] [--latency-ms 0]
  [--maker-bps N] [--taker-bps N] [--monte-carlo 1000] [--look-ahead] [--quiet]
  [--optimise '{"fast":[5,10],"slow":"20:60:10"}' [--objective sharpe|sortino|calmar|profit-factor|return]
   [--max-drawdown 0.25] [--search grid|random] [--samples 100] [--search-seed 1]
   [--walk-forward <in-sample bars>:<out-of-sample bars>] [--threads N]]
Data: --data CSV (time,open,high,low,close[,volume], decimal prices), else the market_bars table
when DATABASE_URL is set, else deterministic generated bars (--seed, default 1; the report says so).`;

const isoTime = z.string().transform((s, ctx) => {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(s) ? Date.parse(`${s}T00:00:00Z`) : Date.parse(s);
  if (Number.isNaN(ms)) ctx.addIssue({ code: 'custom', message: `not a date: ${s}` });
  return ms;
});
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
  strategy: z.string().min(1),
  symbol: z.string().min(1),
  from: isoTime,
  to: isoTime,
  params: z
    .string()
    .default('{}')
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: '--params is not JSON' });
        return z.NEVER;
      }
    }),
  data: z.string().optional(),
  seed: int(0, 2 ** 32 - 1).optional(),
  interval: z.enum(BAR_INTERVALS as [BarInterval, ...BarInterval[]]).default('1h'),
  out: z.string().default('backtest-report'),
  cash: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'a decimal amount')
    .default('100000'),
  fill: z.enum(['next-open', 'intrabar']).default('next-open'),
  'slippage-bps': int(0, 1_000).default(0),
  'latency-ms': int(0, 86_400_000).default(0),
  'maker-bps': z.coerce.number().int().min(-999).max(999).optional(),
  'taker-bps': int(0, 999).optional(),
  'monte-carlo': int(0, 100_000).default(1_000),
  quiet: z.boolean().default(false),
  'look-ahead': z.boolean().default(false),
  optimise: z
    .string()
    .optional()
    .transform((s, ctx) => (s === undefined ? undefined : spaceOf(s, ctx))),
  objective: z.enum(OBJECTIVES).default('sharpe'),
  'max-drawdown': z.coerce.number().gt(0).max(1).optional(),
  search: z.enum(['grid', 'random']).default('grid'),
  samples: int(1, 10_000).default(100),
  'search-seed': int(0, 2 ** 32 - 1).default(1),
  'walk-forward': z
    .string()
    .regex(/^\d+:\d+$/, '<in-sample bars>:<out-of-sample bars>')
    .optional(),
  threads: int(1, 16).optional(),
});

/** `{"fast":[5,10],"slow":"20:60:10"}` (or `{ "min", "max", "step" }`) → the optimiser's space. */
function spaceOf(text: string, ctx: z.RefinementCtx): ParamSpace {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = null;
  }
  const space: Record<string, ParamSpace[string]> = {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || Object.keys(raw).length === 0) {
    ctx.addIssue({ code: 'custom', message: 'a JSON object of parameter → [values] or "min:max:step"' });
    return z.NEVER;
  }
  for (const [name, v] of Object.entries(raw)) {
    const range = typeof v === 'string' ? /^(-?[\d.]+):(-?[\d.]+):([\d.]+)$/.exec(v) : null;
    if (Array.isArray(v) && v.length > 0) space[name] = { values: v };
    else if (range) space[name] = { min: Number(range[1]), max: Number(range[2]), step: Number(range[3]) };
    else if (typeof v === 'object' && v !== null && 'min' in v && 'max' in v && 'step' in v)
      space[name] = v as ParamSpace[string];
    else {
      ctx.addIssue({ code: 'custom', message: `${name}: a list of values or "min:max:step"` });
      return z.NEVER;
    }
  }
  return space;
}

function researchOf(v: z.infer<typeof schema>): CliResearch | null {
  if (v.optimise === undefined) return null;
  const [inSample, outOfSample] = (v['walk-forward'] ?? '').split(':').map(Number);
  return {
    space: v.optimise,
    method: v.search === 'grid' ? { kind: 'grid' } : { kind: 'random', samples: v.samples, seed: v['search-seed'] },
    objective:
      v['max-drawdown'] === undefined
        ? { objective: v.objective }
        : { objective: v.objective, maxDrawdownCapRatio: v['max-drawdown'] },
    walkForwardBars:
      inSample === undefined || outOfSample === undefined || v['walk-forward'] === undefined
        ? null
        : { inSample, outOfSample },
    threads: v.threads ?? null,
  };
}

export type ParsedArgs = { ok: true; options: CliOptions } | { ok: false; message: string };

/** Parses argv (after the script name); never throws. */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let values: Record<string, unknown>;
  try {
    const names = [
      'strategy',
      'symbol',
      'from',
      'to',
      'params',
      'data',
      'seed',
      'interval',
      'out',
      'cash',
      'fill',
      'slippage-bps',
      'latency-ms',
      'maker-bps',
      'taker-bps',
      'monte-carlo',
      'optimise',
      'objective',
      'max-drawdown',
      'search',
      'samples',
      'search-seed',
      'walk-forward',
      'threads',
    ];
    const options = Object.fromEntries(names.map((n) => [n, { type: 'string' as const }]));
    values = parseArgs({
      args: [...argv],
      options: { ...options, quiet: { type: 'boolean' }, 'look-ahead': { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success)
    return { ok: false, message: parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ') };
  const v = parsed.data;
  if (v['look-ahead'] && v.optimise !== undefined)
    return { ok: false, message: '--look-ahead: checks a single run, not an --optimise search' };
  if (v['walk-forward'] !== undefined && v.optimise === undefined)
    return { ok: false, message: '--walk-forward: needs --optimise (what each in-sample window searches)' };
  return {
    ok: true,
    options: {
      strategy: v.strategy,
      symbol: v.symbol,
      fromMs: v.from,
      toMs: v.to,
      params: v.params,
      dataFile: v.data ?? null,
      seed: v.seed ?? null,
      interval: v.interval,
      outDir: v.out,
      cash: v.cash,
      fill: v.fill,
      slippageBps: v['slippage-bps'],
      latencyMs: v['latency-ms'],
      makerFeeBps: v['maker-bps'] ?? null,
      takerFeeBps: v['taker-bps'] ?? null,
      monteCarloRuns: v['monte-carlo'],
      lookAhead: v['look-ahead'],
      quiet: v.quiet,
      research: researchOf(v),
    },
  };
}
