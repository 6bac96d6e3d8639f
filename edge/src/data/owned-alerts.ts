import { type Database, schema } from '@tradewind/db';
import { ALERTS_ACTIVE_PER_USER_MAX, type AlertCondition } from '@tradewind/shared/alerts';
import { and, desc, eq, sql } from 'drizzle-orm';

const { priceAlerts } = schema;

export type AlertView = {
  id: string;
  symbol: string;
  condition: AlertCondition;
  /** The threshold as the user typed it (a decimal on the instrument's grid). */
  price: string;
  note: string;
  status: 'active' | 'triggered';
  createdAtMs: number;
  triggeredAtMs: number | null;
  triggeredTicks: number | null;
};

export type NewAlert = {
  symbol: string;
  condition: AlertCondition;
  price: string;
  thresholdTicks: number;
  referenceTicks: number;
  note: string;
};

const toView = (r: typeof priceAlerts.$inferSelect): AlertView => ({
  id: r.id,
  symbol: r.symbol,
  condition: r.condition,
  price: r.threshold,
  note: r.note,
  status: r.status,
  createdAtMs: r.createdAt.getTime(),
  triggeredAtMs: r.triggeredAt?.getTime() ?? null,
  triggeredTicks: r.triggeredTicks ?? null,
});

/** One user's price alerts: every query is filtered by the owner (RELIABILITY S4). */
export function ownedAlerts(db: Database, userId: string) {
  return {
    async list(): Promise<AlertView[]> {
      const rows = await db
        .select()
        .from(priceAlerts)
        .where(eq(priceAlerts.userId, userId))
        .orderBy(desc(priceAlerts.createdAt), desc(priceAlerts.id));
      return rows.map(toView);
    },
    /**
     * Inserts the alert unless the user already has the maximum of active ones; the user's
     * row is locked meanwhile, so two concurrent creates cannot both slip under the limit.
     */
    async create(alert: NewAlert): Promise<AlertView | 'LIMIT'> {
      return db.transaction(async (tx) => {
        await tx.execute(sql`select id from users where id = ${userId} for update`);
        const [count] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(priceAlerts)
          .where(and(eq(priceAlerts.userId, userId), eq(priceAlerts.status, 'active')));
        if ((count?.n ?? 0) >= ALERTS_ACTIVE_PER_USER_MAX) return 'LIMIT';
        const [row] = await tx
          .insert(priceAlerts)
          .values({
            userId,
            symbol: alert.symbol,
            condition: alert.condition,
            threshold: alert.price,
            thresholdTicks: alert.thresholdTicks,
            referenceTicks: alert.referenceTicks,
            note: alert.note,
          })
          .returning();
        if (row === undefined) throw new Error('insert returned no row');
        return toView(row);
      });
    },
    /** Deletes one of the owner's alerts; false when there is none with that id for this owner. */
    async delete(alertId: string): Promise<boolean> {
      const rows = await db
        .delete(priceAlerts)
        .where(and(eq(priceAlerts.id, alertId), eq(priceAlerts.userId, userId)))
        .returning({ id: priceAlerts.id });
      return rows.length > 0;
    },
  };
}
