import { parseArgs } from 'node:util';
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
  readonly quiet: boolean;
};

export const USAGE = `usage: npm run backtest -- --strategy <id> --symbol <SYM> --from <date> --to <date>
  [--params '<json>'] [--data bars.csv | --seed N] [--interval 1h] [--out dir]
  [--cash 100000] [--fill next-open|intrabar] [--slippage-bps 0] [--latency-ms 0]
  [--maker-bps N] [--taker-bps N] [--monte-carlo 1000] [--quiet]
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
});

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
    ];
    const options = Object.fromEntries(names.map((n) => [n, { type: 'string' as const }]));
    values = parseArgs({
      args: [...argv],
      options: { ...options, quiet: { type: 'boolean' } },
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
      quiet: v.quiet,
    },
  };
}
