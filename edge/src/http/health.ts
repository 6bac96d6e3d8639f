import type { Sql } from '@tradewind/db';
import { json } from './responses';

/** /healthz waits this long for the database before calling it down. */
export const HEALTH_DB_TIMEOUT_MS = 2_000;

/** Healthy means able to serve: the database answers a query in time. */
export async function health(sql: Sql): Promise<Response> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), HEALTH_DB_TIMEOUT_MS);
  });
  const probe = sql`select 1 as ok`.then(
    () => true,
    () => false,
  );
  const up = await Promise.race([probe, timeout]);
  clearTimeout(timer);
  return json({ status: up ? 'ok' : 'unavailable', db: up ? 'up' : 'down' }, up ? 200 : 503, {
    'Cache-Control': 'no-store',
  });
}
