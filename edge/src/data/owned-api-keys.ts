import { type Database, generateApiKey, schema } from '@tradewind/db';
import type { ApiKeyScope } from '@tradewind/db/schema';
import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';

const { apiKeys } = schema;

export type ApiKeyView = {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  createdAtMs: number;
  expiresAtMs: number | null;
  lastUsedAtMs: number | null;
  revokedAtMs: number | null;
};

const toView = (r: typeof apiKeys.$inferSelect): ApiKeyView => ({
  id: r.id,
  name: r.name,
  scopes: r.scopes as ApiKeyScope[],
  createdAtMs: r.createdAt.getTime(),
  expiresAtMs: r.expiresAt?.getTime() ?? null,
  lastUsedAtMs: r.lastUsedAt?.getTime() ?? null,
  revokedAtMs: r.revokedAt?.getTime() ?? null,
});

export type NewApiKey = { name: string; scopes: ApiKeyScope[]; expiresAtMs: number | null };

/** One user's API keys: every query is filtered by the owner (RELIABILITY S4); secrets are never read back. */
export function ownedApiKeys(db: Database, userId: string) {
  const mine = (id: string) => and(eq(apiKeys.id, id), eq(apiKeys.userId, userId));
  return {
    /**
     * Stores a new key unless the owner already has `liveMax` live (unrevoked, unexpired) keys
     * ('LIMIT'). Returns the key text `<id>.<secret>`: the only time the secret exists outside
     * the caller's hands.
     */
    async create(
      input: NewApiKey,
      nowMs: number,
      liveMax: number,
    ): Promise<{ key: string; view: ApiKeyView } | 'LIMIT'> {
      return db.transaction(async (tx) => {
        // One create at a time per user, so the limit holds under concurrent creates.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`api-keys:${userId}`}))`);
        const [live] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(apiKeys)
          .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt), liveAt(nowMs)));
        if ((live?.n ?? 0) >= liveMax) return 'LIMIT';
        const generated = generateApiKey();
        const [row] = await tx
          .insert(apiKeys)
          .values({
            id: generated.id,
            userId,
            name: input.name,
            secretHash: generated.secretHash,
            scopes: input.scopes,
            expiresAt: input.expiresAtMs === null ? null : new Date(input.expiresAtMs),
          })
          .returning();
        if (row === undefined) throw new Error('insert returned no row');
        return { key: generated.key, view: toView(row) };
      });
    },
    /** Newest first, revoked and expired ones included (so the owner sees what happened to them). */
    async list(limit: number): Promise<ApiKeyView[]> {
      const rows = await db
        .select()
        .from(apiKeys)
        .where(eq(apiKeys.userId, userId))
        .orderBy(desc(apiKeys.createdAt))
        .limit(limit);
      return rows.map(toView);
    },
    /** Revokes one of the owner's keys (idempotent: a second revoke keeps the first time); undefined when not theirs. */
    async revoke(id: string, nowMs: number): Promise<ApiKeyView | undefined> {
      const [row] = await db
        .update(apiKeys)
        .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, ${new Date(nowMs).toISOString()}::timestamptz)` })
        .where(mine(id))
        .returning();
      return row ? toView(row) : undefined;
    },
  };
}

function liveAt(nowMs: number) {
  return or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, new Date(nowMs)));
}
