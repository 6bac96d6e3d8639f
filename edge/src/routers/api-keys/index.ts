import { API_KEY_SCOPES } from '@tradewind/db/schema';
import { z } from 'zod';
import { ownedBy } from '../../data/owner-scope';
import { fail } from '../../errors';
import { protectedProcedure, router } from '../../trpc';

/** Live (unrevoked, unexpired) keys one user may hold. */
export const API_KEYS_LIVE_MAX = 10;
/** Keys `list` returns, newest first (revoked ones included). */
export const API_KEYS_LIST_MAX = 50;
/** The furthest expiry a key may have. */
export const API_KEY_EXPIRY_MAX_MS = 366 * 24 * 3_600_000;

const createInput = z
  .object({
    name: z.string().trim().min(1).max(64),
    scopes: z
      .array(z.enum(API_KEY_SCOPES))
      .min(1)
      .max(API_KEY_SCOPES.length)
      .transform((s) => [...new Set(s)].sort()),
    /** Absent or null: the key lives until revoked. */
    expiresAtMs: z.number().int().nullable().default(null),
  })
  .strict();
const idInput = z.object({ id: z.uuid() }).strict();

/**
 * API keys for scripts on core's REST API (`/v1/...`): create shows the key text
 * `<id>.<secret>` once (only its SHA-256 is kept), list shows what each key may do and when it
 * was last used, revoke ends it (core stops accepting it within seconds).
 */
export const apiKeysRouter = router({
  create: protectedProcedure.input(createInput).mutation(async ({ ctx, input }) => {
    const nowMs = ctx.clock.nowMs();
    const exp = input.expiresAtMs;
    if (exp !== null && (exp <= nowMs || exp > nowMs + API_KEY_EXPIRY_MAX_MS)) fail('APIKEY_EXPIRY_INVALID');
    const created = await ownedBy(ctx.db, ctx.auth.userId)
      .apiKeys()
      .create({ name: input.name, scopes: input.scopes, expiresAtMs: exp }, nowMs, API_KEYS_LIVE_MAX);
    if (created === 'LIMIT') fail('APIKEY_LIMIT');
    ctx.log.info({ userId: ctx.auth.userId, keyId: created.view.id, scopes: input.scopes }, 'api key created');
    return { key: created.key, ...created.view };
  }),
  list: protectedProcedure.query(({ ctx }) => ownedBy(ctx.db, ctx.auth.userId).apiKeys().list(API_KEYS_LIST_MAX)),
  revoke: protectedProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    const key = await ownedBy(ctx.db, ctx.auth.userId).apiKeys().revoke(input.id, ctx.clock.nowMs());
    if (key === undefined) fail('APIKEY_NOT_FOUND');
    ctx.log.info({ userId: ctx.auth.userId, keyId: key.id }, 'api key revoked');
    return key;
  }),
});
