import { type Database, schema } from '@tradewind/db';
import { and, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';

const { backtestJobs } = schema;

export type BacktestJobView = {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  progress: number;
  config: unknown;
  error: string | null;
  createdAtMs: number;
  startedAtMs: number | null;
  finishedAtMs: number | null;
};

const toView = (r: typeof backtestJobs.$inferSelect): BacktestJobView => ({
  id: r.id,
  status: r.status,
  progress: r.progress,
  config: r.config,
  error: r.error,
  createdAtMs: r.createdAt.getTime(),
  startedAtMs: r.startedAt?.getTime() ?? null,
  finishedAtMs: r.finishedAt?.getTime() ?? null,
});

/** Columns of a job without its (possibly large) result. */
const { result: _result, ...summaryColumns } = getTableColumns(backtestJobs);

/** One user's server backtests: every query is filtered by the owner (RELIABILITY S4). */
export function ownedBacktests(db: Database, userId: string) {
  const mine = (id: string) => and(eq(backtestJobs.id, id), eq(backtestJobs.userId, userId));
  return {
    /** Queues a job unless the owner already has `activeMax` queued or running ('LIMIT'). */
    async submit(config: object, activeMax: number): Promise<BacktestJobView | 'LIMIT'> {
      return db.transaction(async (tx) => {
        // One submit at a time per user, so the limit holds under concurrent submits.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`backtests:${userId}`}))`);
        const [active] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(backtestJobs)
          .where(and(eq(backtestJobs.userId, userId), inArray(backtestJobs.status, ['queued', 'running'])));
        if ((active?.n ?? 0) >= activeMax) return 'LIMIT';
        const [row] = await tx.insert(backtestJobs).values({ userId, config }).returning();
        if (row === undefined) throw new Error('insert returned no row');
        return toView(row);
      });
    },
    async get(id: string): Promise<BacktestJobView | undefined> {
      const [row] = await db.select(summaryColumns).from(backtestJobs).where(mine(id));
      return row ? toView({ ...row, result: null }) : undefined;
    },
    async result(id: string): Promise<{ status: BacktestJobView['status']; result: unknown } | undefined> {
      const [row] = await db
        .select({ status: backtestJobs.status, result: backtestJobs.result })
        .from(backtestJobs)
        .where(mine(id));
      return row;
    },
    async list(limit: number): Promise<BacktestJobView[]> {
      const rows = await db
        .select(summaryColumns)
        .from(backtestJobs)
        .where(eq(backtestJobs.userId, userId))
        .orderBy(desc(backtestJobs.createdAt), desc(backtestJobs.id))
        .limit(limit);
      return rows.map((r) => toView({ ...r, result: null }));
    },
    /** A queued job is cancelled at once; a running one is flagged for its runner. Final jobs are left as they are. */
    async cancel(id: string): Promise<BacktestJobView | undefined> {
      await db
        .update(backtestJobs)
        .set({
          cancelRequested: true,
          status: sql`case when ${backtestJobs.status} = 'queued' then 'cancelled' else ${backtestJobs.status} end`,
          finishedAt: sql`case when ${backtestJobs.status} = 'queued' then now() else ${backtestJobs.finishedAt} end`,
        })
        .where(and(mine(id), inArray(backtestJobs.status, ['queued', 'running'])));
      return this.get(id);
    },
  };
}
