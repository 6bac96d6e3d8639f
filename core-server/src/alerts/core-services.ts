import type { Sql } from '@tradewind/db';
import type { Instrument } from '@tradewind/shared';
import type { EngineEvent, EngineState } from '@tradewind/shared/engine';
import type { Clock } from '../clock';
import { EquitySampler } from '../equity/index';
import type { Logger } from '../logger';
import { PriceAlertWatcher } from './price-alert-watcher';

/** What the alerts and equity services need from order entry (OrderEntry satisfies it). */
export type EventSource = {
  readonly engineState: EngineState;
  onEvents(listener: (events: readonly EngineEvent[], timeMs: number) => void): void;
};

export type AlertAndEquityServices = {
  readonly alerts: PriceAlertWatcher;
  readonly equity: EquitySampler;
  close(): Promise<void>;
};

/**
 * Issue 7's two listeners on the engine's durable events: price alerts (evaluated on every
 * trade) and equity sampling (periodic and after fills). One call in startCore.
 */
export async function startAlertAndEquityServices(deps: {
  readonly sql: Sql;
  readonly venue: EventSource;
  readonly instruments: readonly Instrument[];
  readonly clock: Clock;
  readonly log: Logger;
  readonly equityPeriodMs?: number;
}): Promise<AlertAndEquityServices> {
  const alerts = new PriceAlertWatcher({
    sql: deps.sql,
    instruments: deps.instruments,
    log: deps.log.child({ component: 'alerts' }),
  });
  const equity = new EquitySampler({
    sql: deps.sql,
    state: () => deps.venue.engineState,
    clock: deps.clock,
    log: deps.log.child({ component: 'equity' }),
    ...(deps.equityPeriodMs === undefined ? {} : { periodMs: deps.equityPeriodMs }),
  });
  // Not fatal when the database is away at start: the resync timer loads the alerts later.
  await alerts.start().catch((e: unknown) => deps.log.warn({ err: e }, 'loading price alerts failed'));
  equity.start();
  deps.venue.onEvents((events, timeMs) => {
    alerts.onEvents(events, timeMs);
    equity.onEvents(events);
  });
  return {
    alerts,
    equity,
    close: async () => {
      await alerts.close();
      await equity.close();
    },
  };
}
