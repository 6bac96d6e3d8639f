import type { Instrument } from '../domain/index';
import { BAR_INTERVAL_MS, type Bar } from '../market-data/index';
import type { TradeTick } from '../strategies/index';
import { type ResolvedStrategy, resolveStrategy, validateParams } from '../strategies/index';
import { err, ok, type Result } from '../util/index';
import type { BacktestErrorCode } from './errors';
import { EVENTS_MAX, LATENCY_MS_MAX, SLIPPAGE_BPS_MAX, SYMBOLS_MAX } from './limits';
import type { BacktestConfig } from './types';

/** The config after validation: the strategy resolved, the data cut to the range. */
export type PreparedRun = {
  readonly strategy: ResolvedStrategy;
  readonly instruments: readonly Instrument[];
  readonly bars: readonly Bar[] | null;
  readonly ticks: readonly TradeTick[] | null;
  readonly intervalMs: number;
  readonly slippageBps: number;
  readonly latencyMs: number;
};

type Check = Result<true, BacktestErrorCode>;
const OK: Check = ok(true);

/** Validates everything once, at the door (STYLE habit 10): a bad config runs nothing. */
export function prepareRun(config: BacktestConfig): Result<PreparedRun, BacktestErrorCode> {
  const range = checkRange(config.fromMs, config.toMs);
  if (!range.ok) return range;
  const strategy =
    typeof config.strategy === 'string'
      ? resolveStrategy(config.strategy, config.params)
      : validateParams(config.strategy, config.params);
  if (!strategy.ok) return strategy;
  const money = checkMoney(config);
  if (!money.ok) return money;
  const symbols = new Set(config.instruments.map((i) => i.symbol as string));
  if (symbols.size === 0 || symbols.size > SYMBOLS_MAX) return err('LIMIT_EXCEEDED', `1..${SYMBOLS_MAX} instruments`);
  const base = {
    strategy: strategy.value,
    instruments: config.instruments,
    slippageBps: config.fill?.slippageBps ?? 0,
    latencyMs: config.fill?.latencyMs ?? 0,
  };
  if (config.data.kind === 'bars') {
    const cut = cutBars(config.data.bars, config.fromMs, config.toMs, symbols, BAR_INTERVAL_MS[config.data.interval]);
    if (!cut.ok) return cut;
    return ok({ ...base, bars: cut.value, ticks: null, intervalMs: BAR_INTERVAL_MS[config.data.interval] });
  }
  const cut = cutTicks(config.data.ticks, config.fromMs, config.toMs, symbols);
  if (!cut.ok) return cut;
  return ok({ ...base, bars: null, ticks: cut.value, intervalMs: 0 });
}

export function checkRange(fromMs: number, toMs: number): Check {
  if (!Number.isSafeInteger(fromMs) || !Number.isSafeInteger(toMs) || fromMs < 0)
    return err('RANGE_INVALID', 'from and to must be epoch milliseconds');
  if (toMs === fromMs) return err('RANGE_EMPTY', 'the range is empty (from = to)');
  if (toMs < fromMs) return err('RANGE_REVERSED', 'the range is reversed (from after to)');
  return OK;
}

function checkMoney(config: BacktestConfig): Check {
  if (config.initialCashMinor <= 0n || config.initialCashMinor > 10n ** 15n)
    return err('CASH_INVALID', 'initial cash must be in (0, 10^15] minor units');
  const slip = config.fill?.slippageBps ?? 0;
  const lat = config.fill?.latencyMs ?? 0;
  if (!Number.isInteger(slip) || slip < 0 || slip > SLIPPAGE_BPS_MAX)
    return err('FILL_MODEL_INVALID', `slippage 0..${SLIPPAGE_BPS_MAX} bps`);
  if (!Number.isSafeInteger(lat) || lat < 0 || lat > LATENCY_MS_MAX)
    return err('FILL_MODEL_INVALID', `latency 0..${LATENCY_MS_MAX} ms`);
  const model = config.fill?.bars ?? 'next-open';
  if (model !== 'next-open' && model !== 'intrabar')
    return err('FILL_MODEL_INVALID', `unknown bar fill model ${String(model)}`);
  return OK;
}

function cutBars(
  all: readonly Bar[],
  fromMs: number,
  toMs: number,
  symbols: ReadonlySet<string>,
  intervalMs: number,
): Result<readonly Bar[], BacktestErrorCode> {
  let lo = 0;
  while (lo < all.length && (all[lo] as Bar).openTimeMs < fromMs) lo++;
  let hi = lo;
  while (hi < all.length && (all[hi] as Bar).openTimeMs < toMs) hi++;
  if (hi === lo) return err('DATA_EMPTY', 'no bars in the range');
  if (hi - lo > EVENTS_MAX) return err('LIMIT_EXCEEDED', `more than ${EVENTS_MAX} bars`);
  const bars = lo === 0 && hi === all.length ? all : all.slice(lo, hi);
  // The last open time seen per symbol: a repeat is a duplicate bar. A run of one symbol's bars
  // needs no Map traffic (a time above 2^30 would be boxed into the Map on every bar): the run's
  // last time is written back when another symbol's bar comes.
  const lastOpen = new Map<string, number>([...symbols].map((s) => [s, Number.NEGATIVE_INFINITY]));
  let t = Number.NEGATIVE_INFINITY;
  let prev: Bar | undefined;
  for (let i = 0; i < bars.length; i++) {
    const b = bars[i] as Bar;
    if (b.openTimeMs < t) return err('DATA_INVALID', `bar ${i} is earlier than the one before`);
    t = b.openTimeMs;
    if (!(prev !== undefined && b.symbol === prev.symbol && t > prev.openTimeMs)) {
      if (prev !== undefined) lastOpen.set(prev.symbol, prev.openTimeMs);
      const last = lastOpen.get(b.symbol);
      if (last === undefined) return err('SYMBOL_UNKNOWN', `no instrument for ${b.symbol}`);
      if (last === t) return err('DATA_INVALID', `two ${b.symbol} bars at ${t}`);
    }
    prev = b;
    // t ÷ interval is an exact integer iff t is a multiple (t is a safe integer: a remainder r ≥ 1
    // moves the quotient by ≥ 1/interval, more than its rounding); cheaper than a float modulo.
    if (intervalMs < 86_400_000 && !Number.isInteger(t / intervalMs))
      return err('DATA_INVALID', `bar ${i} not aligned to the interval`);
    if (!validOhlc(b)) return err('DATA_INVALID', `bar ${i} (${b.symbol} at ${t}): bad OHLC`);
  }
  return ok(bars);
}

function validOhlc(b: Bar): boolean {
  return (
    Number.isSafeInteger(b.openTicks) &&
    Number.isSafeInteger(b.highTicks) &&
    Number.isSafeInteger(b.lowTicks) &&
    Number.isSafeInteger(b.closeTicks) &&
    b.lowTicks > 0 &&
    b.lowTicks <= Math.min(b.openTicks, b.closeTicks) &&
    b.highTicks >= Math.max(b.openTicks, b.closeTicks)
  );
}

function cutTicks(
  all: readonly TradeTick[],
  fromMs: number,
  toMs: number,
  symbols: ReadonlySet<string>,
): Result<readonly TradeTick[], BacktestErrorCode> {
  const ticks = all.filter((t) => t.timeMs >= fromMs && t.timeMs < toMs);
  if (ticks.length === 0) return err('DATA_EMPTY', 'no ticks in the range');
  if (ticks.length > EVENTS_MAX) return err('LIMIT_EXCEEDED', `more than ${EVENTS_MAX} ticks`);
  let t = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < ticks.length; i++) {
    const k = ticks[i] as TradeTick;
    if (!Number.isSafeInteger(k.timeMs) || k.timeMs < t)
      return err('DATA_INVALID', `tick ${i} is earlier than the one before`);
    t = k.timeMs;
    if (!symbols.has(k.symbol)) return err('SYMBOL_UNKNOWN', `no instrument for ${k.symbol}`);
    if (!Number.isSafeInteger(k.priceTicks) || k.priceTicks <= 0) return err('DATA_INVALID', `tick ${i}: bad price`);
  }
  return ok(ticks);
}
