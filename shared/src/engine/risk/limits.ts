/**
 * Per-account risk limits. Every limit is a named, bounded number; an account gets the
 * defaults unless its OpenAccount/SetLimits command overrides some of them.
 * Money limits are minor units of the account's quote currency; 0 disables a money limit
 * or a protection (a zero limit that meant "refuse everything" would be a trap).
 */
export type RiskLimits = {
  /** Largest single order, in lots. */
  readonly maxOrderQtyLots: number;
  /** Largest single order value, minor units (0: no limit). */
  readonly maxOrderNotionalMinor: bigint;
  /** Largest absolute position per instrument, counting open orders on the same side, in lots. */
  readonly maxPositionLots: number;
  /** Fat-finger band: a limit price may be this far from the last trade or mid, in bps (0: off). */
  readonly priceBandBps: number;
  /** Open orders (resting, untriggered and pending) per account. */
  readonly maxOpenOrders: number;
  /** Token bucket on command time: sustained orders per second, and the burst. */
  readonly orderRatePerSec: number;
  readonly orderBurst: number;
  /** Realised loss (with fees) since the start of the trading day that switches to reducing (0: off). */
  readonly dailyLossLimitMinor: bigint;
  /** Protection: realised drawdown from the peak within the window that pauses trading (0: off). */
  readonly maxDrawdownMinor: bigint;
  readonly drawdownWindowMs: number;
  /** Protection: this many stop-outs (losing stop fills) within the window pause trading (0: off). */
  readonly stopLossGuardCount: number;
  readonly stopLossGuardWindowMs: number;
  /** How long the drawdown and stop-loss-guard protections keep the account halted. */
  readonly protectionPauseMs: number;
  /** Protection: after a losing close, only reducing orders pass for this long (0: off). */
  readonly cooldownAfterLossMs: number;
  /**
   * Idempotency window: a client order id stays taken while its order is open, then while it is
   * among the account's last `clientIdWindow` ended orders' ids and ended less than
   * `clientIdWindowMs` ago (command time); after that it is forgotten (memory stays bounded).
   */
  readonly clientIdWindow: number;
  readonly clientIdWindowMs: number;
};

export const DEFAULT_RISK_LIMITS: RiskLimits = {
  maxOrderQtyLots: 1_000_000_000,
  maxOrderNotionalMinor: 0n,
  maxPositionLots: 10_000_000_000,
  priceBandBps: 1_000,
  maxOpenOrders: 1_000,
  orderRatePerSec: 1_000,
  orderBurst: 2_000,
  dailyLossLimitMinor: 0n,
  maxDrawdownMinor: 0n,
  drawdownWindowMs: 86_400_000,
  stopLossGuardCount: 0,
  stopLossGuardWindowMs: 3_600_000,
  protectionPauseMs: 3_600_000,
  cooldownAfterLossMs: 0,
  clientIdWindow: 1_000,
  clientIdWindowMs: 86_400_000,
};

/** Upper bounds on the limits themselves (a limit on every limit). */
export const OPEN_ORDERS_PER_ACCOUNT_MAX = 100_000;
export const ORDER_RATE_PER_SEC_MAX = 10_000_000;
export const WINDOW_MS_MAX = 366 * 86_400_000;
/** Ended orders' client ids remembered per account, at most. */
export const CLIENT_ID_WINDOW_MAX = 1_000_000;

type NumberKey = {
  [K in keyof RiskLimits]: RiskLimits[K] extends number ? K : never;
}[keyof RiskLimits];
type BigKey = { [K in keyof RiskLimits]: RiskLimits[K] extends bigint ? K : never }[keyof RiskLimits];

const NUMBER_BOUNDS: Record<NumberKey, readonly [number, number]> = {
  maxOrderQtyLots: [1, 2 ** 48],
  maxPositionLots: [1, 2 ** 52],
  priceBandBps: [0, 1_000_000],
  maxOpenOrders: [1, OPEN_ORDERS_PER_ACCOUNT_MAX],
  orderRatePerSec: [1, ORDER_RATE_PER_SEC_MAX],
  orderBurst: [1, ORDER_RATE_PER_SEC_MAX],
  drawdownWindowMs: [1, WINDOW_MS_MAX],
  stopLossGuardCount: [0, 1_000],
  stopLossGuardWindowMs: [1, WINDOW_MS_MAX],
  protectionPauseMs: [0, WINDOW_MS_MAX],
  cooldownAfterLossMs: [0, WINDOW_MS_MAX],
  clientIdWindow: [0, CLIENT_ID_WINDOW_MAX],
  clientIdWindowMs: [0, WINDOW_MS_MAX],
};
const BIG_KEYS: readonly BigKey[] = ['maxOrderNotionalMinor', 'dailyLossLimitMinor', 'maxDrawdownMinor'];
/** Money limits stay below 10^30 minor units: larger is a typo. */
const MONEY_LIMIT_MAX = 10n ** 30n;

/** Merges overrides onto a base; `undefined` if any override is missing-typed or out of bounds. */
export function mergeLimits(base: RiskLimits, overrides: unknown): RiskLimits | undefined {
  if (overrides === undefined) return base;
  if (typeof overrides !== 'object' || overrides === null) return undefined;
  const o = overrides as Record<string, unknown>;
  const out: Record<string, number | bigint> = { ...base };
  for (const key of Object.keys(o)) {
    const v = o[key];
    if (key in NUMBER_BOUNDS) {
      const [lo, hi] = NUMBER_BOUNDS[key as NumberKey];
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < lo || v > hi) return undefined;
      out[key] = v;
    } else if ((BIG_KEYS as readonly string[]).includes(key)) {
      if (typeof v !== 'bigint' || v < 0n || v > MONEY_LIMIT_MAX) return undefined;
      out[key] = v;
    } else {
      return undefined;
    }
  }
  return out as RiskLimits;
}
