import { addScaled, mulScaled, parseDecimal, type Scaled, subScaled } from './decimal-math';
import { marketValue } from './pnl';

/** The engine's margin rules for an account (edge's AccountView.margin). */
export type MarginRules = {
  readonly leverage: number;
  readonly maintenanceMarginBps: number;
  readonly marginCallBps: number;
};

export type MarginUsage = {
  /** Cash (negative when borrowed) + the positions at live prices. */
  readonly equity: Scaled;
  /** Σ |quantity × price|. */
  readonly exposure: Scaled;
  /** exposure ÷ leverage: what the positions tie up. */
  readonly initialMargin: Scaled;
  /** equity − initial margin: room for new positions. */
  readonly freeMargin: Scaled;
  /** exposure × maintenance bps: below this equity the account is liquidated. */
  readonly maintenance: Scaled;
  /** maintenance × marginCallBps: below this equity a margin call is raised. */
  readonly callLevel: Scaled;
  /** equity ÷ maintenance in percent (display, 1 decimal); null without exposure. */
  readonly marginLevelPct: string | null;
  readonly state: 'ok' | 'call' | 'liquidation';
};

const abs = (a: Scaled): Scaled => (a.units < 0n ? { units: -a.units, scale: a.scale } : a);
/** a ÷ n (a positive integer), rounded half away from zero at two more digits than `a` has. */
function divide(a: Scaled, n: number): Scaled {
  const scale = a.scale + 2;
  const num = a.units * 100n * 2n;
  const den = BigInt(n) * 2n;
  const q = (num + (num < 0n ? -BigInt(n) : BigInt(n))) / den;
  return { units: q, scale };
}
const lessThan = (a: Scaled, b: Scaled): boolean => subScaled(a, b).units < 0n;

/**
 * Margin usage of a margin account at live prices, exact (display only: core's engine decides
 * margin calls and liquidation on its marks, this shows how near they are). Undefined while
 * the cash or a position's price is unknown.
 */
export function marginUsage(
  cash: string | null,
  positions: readonly { quantity: string; price: string | null }[],
  rules: MarginRules,
): MarginUsage | undefined {
  const cashScaled = cash === null ? undefined : parseDecimal(cash);
  if (!cashScaled) return undefined;
  let equity = cashScaled;
  let exposure: Scaled = { units: 0n, scale: 0 };
  for (const p of positions) {
    const value = marketValue(p.quantity, p.price);
    if (!value) return undefined;
    equity = addScaled(equity, value);
    exposure = addScaled(exposure, abs(value));
  }
  const initialMargin = divide(exposure, rules.leverage);
  const maintenance = mulScaled(exposure, { units: BigInt(rules.maintenanceMarginBps), scale: 4 });
  const callLevel = mulScaled(maintenance, { units: BigInt(rules.marginCallBps), scale: 4 });
  const state =
    exposure.units === 0n
      ? 'ok'
      : lessThan(equity, maintenance)
        ? 'liquidation'
        : lessThan(equity, callLevel)
          ? 'call'
          : 'ok';
  return {
    equity,
    exposure,
    initialMargin,
    freeMargin: subScaled(equity, initialMargin),
    maintenance,
    callLevel,
    marginLevelPct: maintenance.units === 0n ? null : percent(equity, maintenance),
    state,
  };
}

/** a ÷ b × 100 with one decimal, rounded half away from zero. */
function percent(a: Scaled, b: Scaled): string {
  const scale = Math.max(a.scale, b.scale);
  const an = a.units * 10n ** BigInt(scale - a.scale);
  const bn = b.units * 10n ** BigInt(scale - b.scale);
  const tenths = (an * 1000n * 2n + (an < 0n ? -bn : bn)) / (bn * 2n);
  const sign = tenths < 0n ? '-' : '';
  const t = tenths < 0n ? -tenths : tenths;
  return `${sign}${t / 10n}.${t % 10n}`;
}
