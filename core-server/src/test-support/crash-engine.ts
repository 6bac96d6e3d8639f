import { INSTRUMENTS } from '@tradewind/shared';
import { createEngine, DEFAULT_RISK_LIMITS, type Engine } from '@tradewind/shared/engine';

/** The engine of the crash test's child core; the parent replays the journal with the same config. */
export function crashEngine(): Engine {
  return createEngine({
    instruments: INSTRUMENTS,
    defaultLimits: { ...DEFAULT_RISK_LIMITS, orderRatePerSec: 100_000, orderBurst: 100_000, maxOpenOrders: 100_000 },
  });
}
