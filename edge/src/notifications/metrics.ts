import type { Sql } from '@tradewind/db';
import type { EventBus } from '@tradewind/db/bus';
import { Counter, Gauge, type Registry } from 'prom-client';
import { NOTIFY_CONSUMER } from './worker';

export type DeliveryOutcome = 'sent' | 'logged' | 'gone' | 'retry' | 'dead';

/** Prometheus metrics of the notification worker, on edge's registry (GET /metrics). */
export function createNotifyMetrics(registry: Registry, sql: Sql, bus: () => EventBus | null) {
  const deliveries = new Counter({
    name: 'edge_notify_deliveries_total',
    help: 'Delivery attempts by channel and outcome (retry = will be tried again, dead = given up)',
    labelNames: ['channel', 'outcome'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'edge_notify_deliveries_pending',
    help: 'Deliveries waiting (due now or later: backoff, quiet hours, digests)',
    registers: [registry],
    async collect() {
      // /metrics must answer while the database is down (that is when it matters): keep the last value.
      const rows = await sql<{ n: number }[]>`
        select count(*)::int as n from notification_deliveries where status = 'pending'`.catch(() => null);
      if (rows?.[0]) this.set(rows[0].n);
    },
  });
  new Gauge({
    name: 'edge_notify_bus_lag_events',
    help: 'Events the notification consumer has not processed yet',
    registers: [registry],
    async collect() {
      const lags =
        (await bus()
          ?.lag()
          .catch(() => null)) ?? [];
      this.set(lags.filter((l) => l.consumer === NOTIFY_CONSUMER).reduce((sum, l) => sum + l.lagEvents, 0));
    },
  });
  return { observe: (channel: string, outcome: DeliveryOutcome) => deliveries.inc({ channel, outcome }) };
}
