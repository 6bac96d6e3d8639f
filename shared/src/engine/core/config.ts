import { CURRENCY_SCALE, type Instrument } from '../../domain/index';
import { assert } from '../../util/assert';
import type { SelfTradeMode } from '../book/index';
import { INSTRUMENTS_MAX } from '../orders/order-store';
import { DEFAULT_RISK_LIMITS, type RiskLimits } from '../risk/limits';

/** Leverage of margin accounts: 1..LEVERAGE_MAX (an integer multiple of equity). */
export const LEVERAGE_MAX = 100;
/** Accounts per engine (a shard): bounds state and the snapshot. */
export const ACCOUNTS_MAX = 1_000_000;
/** Orders triggered in a chain by one command (stop → trade → stop → …) before the rest wait. */
export const TRIGGER_CASCADE_MAX = 10_000;
/** Largest deposit, withdrawal or transfer in one command, minor units (10^15 cents = 10^13 USD). */
export const CASH_MOVE_MINOR_MAX = 10n ** 15n;
/** Client order ids: 1..64 printable ASCII characters. */
export const CLIENT_ORDER_ID_LENGTH_MAX = 64;
/** Account ids: 1..64 characters of [A-Za-z0-9_.:-]. */
export const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
/** Closed trades kept per account for the protections' windows. */
export const CLOSED_TRADES_KEPT_MAX = 1_024;
/** Marks in one MarkPrices command. */
export const MARKS_PER_COMMAND_MAX = 1_024;
export const MS_PER_DAY = 86_400_000;

export type EngineConfig = {
  readonly instruments: readonly Instrument[];
  /** Self-trade prevention of every book. */
  readonly selfTrade: SelfTradeMode;
  readonly defaultLimits: RiskLimits;
  /** Fees in bps of the trade value; a negative maker fee is a rebate. */
  readonly makerFeeBps: number;
  readonly takerFeeBps: number;
  /** A market order becomes an IOC limit this far beyond the reference price (slippage protection). */
  readonly marketProtectionBps: number;
  /** Margin accounts: maintenance margin in bps of position value. */
  readonly maintenanceMarginBps: number;
  /** A margin call is raised when equity falls below maintenance × this (bps: 15_000 = 1.5×). */
  readonly marginCallBps: number;
  /** The trading day (DAY orders, daily loss) starts at this offset from 00:00 UTC. */
  readonly dayStartOffsetMs: number;
};

export const DEFAULT_ENGINE_CONFIG: Omit<EngineConfig, 'instruments'> = {
  selfTrade: 'cancel-resting',
  defaultLimits: DEFAULT_RISK_LIMITS,
  makerFeeBps: 2,
  takerFeeBps: 5,
  marketProtectionBps: 500,
  maintenanceMarginBps: 500,
  marginCallBps: 15_000,
  dayStartOffsetMs: 0,
};

export function makeConfig(partial: Partial<EngineConfig> & Pick<EngineConfig, 'instruments'>): EngineConfig {
  const config: EngineConfig = { ...DEFAULT_ENGINE_CONFIG, ...partial };
  assert(config.instruments.length > 0, 'engine needs at least one instrument');
  assert(config.instruments.length <= INSTRUMENTS_MAX, `at most ${INSTRUMENTS_MAX} instruments per engine`);
  const symbols = new Set(config.instruments.map((i) => i.symbol));
  assert(symbols.size === config.instruments.length, 'duplicate instrument symbols');
  for (const i of config.instruments) assert(CURRENCY_SCALE[i.quote] !== undefined, `unknown currency ${i.quote}`);
  assert(Math.abs(config.makerFeeBps) < 1_000 && config.takerFeeBps >= 0 && config.takerFeeBps < 1_000, 'fees');
  assert(config.makerFeeBps + config.takerFeeBps >= 0, 'a maker rebate above the taker fee loses money');
  assert(config.marketProtectionBps > 0 && config.marketProtectionBps < 10_000, 'market protection');
  assert(config.maintenanceMarginBps > 0 && config.marginCallBps >= 10_000, 'margin parameters');
  return config;
}
