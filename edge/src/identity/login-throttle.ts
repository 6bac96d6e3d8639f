import { type Database, schema } from '@tradewind/db';
import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';

const { loginFailures } = schema;

/**
 * Failed logins allowed per account (keyed by the normalised e-mail, known or not) in the
 * window. S3's ceiling is 100 an hour; 10 per 15 minutes (40 an hour) is stricter.
 */
export const LOGIN_FAILURES_PER_ACCOUNT_MAX = 10;
/** Failed logins allowed per client IP in the window: spraying many accounts from one place. */
export const LOGIN_FAILURES_PER_IP_MAX = 50;
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;

export type ThrottleKeys = { email: string; ip: string };
export type Reservation = { ids: number[]; keys: ThrottleKeys };
export type ReserveResult =
  | { ok: true; reservation: Reservation }
  | { ok: false; scope: 'account' | 'ip'; retryAfterMs: number };

/**
 * Reserves one login attempt: it is counted as a failure *before* the password is checked,
 * so concurrent guesses on several edge instances cannot slip past the limit between the
 * check and the record. A successful login releases its reservation (`forgiveAccount`).
 * Advisory locks serialise attempts on the same keys, always account first, then IP.
 */
export async function reserveLoginAttempt(db: Database, keys: ThrottleKeys, nowMs: number): Promise<ReserveResult> {
  const since = new Date(nowMs - LOGIN_FAILURE_WINDOW_MS);
  return db.transaction(async (tx): Promise<ReserveResult> => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`login:account:${keys.email}`}, 0))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`login:ip:${keys.ip}`}, 0))`);
    const counts = await tx
      .select({ scope: loginFailures.scope, n: sql<number>`count(*)::int`, oldest: sql<Date>`min(occurred_at)` })
      .from(loginFailures)
      .where(
        and(
          gt(loginFailures.occurredAt, since),
          sql`(${loginFailures.scope}, ${loginFailures.key}) in (('account', ${keys.email}), ('ip', ${keys.ip}))`,
        ),
      )
      .groupBy(loginFailures.scope);
    for (const c of counts) {
      const max = c.scope === 'account' ? LOGIN_FAILURES_PER_ACCOUNT_MAX : LOGIN_FAILURES_PER_IP_MAX;
      if (c.n >= max) {
        const retryAfterMs = new Date(c.oldest).getTime() + LOGIN_FAILURE_WINDOW_MS - nowMs;
        return { ok: false, scope: c.scope, retryAfterMs: Math.max(1000, retryAfterMs) };
      }
    }
    const at = new Date(nowMs);
    const rows = await tx
      .insert(loginFailures)
      .values([
        { scope: 'account', key: keys.email, occurredAt: at },
        { scope: 'ip', key: keys.ip, occurredAt: at },
      ])
      .returning({ id: loginFailures.id });
    return { ok: true, reservation: { ids: rows.map((r) => r.id), keys } };
  });
}

/**
 * After a successful login: the attempt was not a failure, and the account's earlier
 * failures are forgiven. The IP's failures stay: one right guess must not reset a spray.
 */
export async function forgiveAccount(db: Database, reservation: Reservation): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(loginFailures).where(inArray(loginFailures.id, reservation.ids));
    await tx
      .delete(loginFailures)
      .where(and(eq(loginFailures.scope, 'account'), eq(loginFailures.key, reservation.keys.email)));
  });
}

/** Deletes failures that no window can count any more; run periodically. Returns rows removed. */
export async function pruneLoginFailures(db: Database, nowMs: number): Promise<number> {
  const removed = await db
    .delete(loginFailures)
    .where(lt(loginFailures.occurredAt, new Date(nowMs - LOGIN_FAILURE_WINDOW_MS)))
    .returning({ id: loginFailures.id });
  return removed.length;
}
