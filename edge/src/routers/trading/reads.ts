import { accountIdSchema, clientOrderIdSchema, orderIdSchema } from '@tradewind/shared/protocol';
import { z } from 'zod';
import { ownedBy } from '../../data/owner-scope';
import { fail } from '../../errors';
import { protectedProcedure } from '../../trpc';

/** Page sizes of the history lists: a default that fills a phone screen, and a hard cap. */
export const HISTORY_PAGE_SIZE_DEFAULT = 50;
export const HISTORY_PAGE_SIZE_MAX = 100;

const accountInput = z.object({ accountId: accountIdSchema }).strict();
const pageSize = z.number().int().min(1).max(HISTORY_PAGE_SIZE_MAX).default(HISTORY_PAGE_SIZE_DEFAULT);
/** A fills cursor: `<tradeId>:<orderId>` of the last fill of the previous page. */
const fillCursor = z
  .string()
  .max(40)
  .regex(/^[1-9]\d{0,15}:[1-9]\d{0,15}$/, 'a fills cursor from nextCursor');

/** The caller's account, or NOT_FOUND (also for another user's id: no existence oracle). */
async function ownedAccount(ctx: { db: Parameters<typeof ownedBy>[0]; auth: { userId: string } }, accountId: string) {
  const owner = ownedBy(ctx.db, ctx.auth.userId);
  if (!(await owner.account(accountId))) fail('NOT_FOUND');
  return owner.trading(accountId);
}

export const openOrders = protectedProcedure
  .input(accountInput)
  .query(async ({ ctx, input }) => (await ownedAccount(ctx, input.accountId)).openOrders());

/**
 * The order placed with this client order id, or null when none arrived (RELIABILITY R5: a client
 * that lost the answer to a place, e.g. across a reload, asks before it offers to send again).
 */
export const orderByClientId = protectedProcedure
  .input(accountInput.extend({ clientOrderId: clientOrderIdSchema }))
  .query(
    async ({ ctx, input }) =>
      (await (await ownedAccount(ctx, input.accountId)).orderByClientId(input.clientOrderId)) ?? null,
  );

/** Done orders, newest first; `nextCursor` (an order id) fetches the next page, null at the end. */
export const orderHistory = protectedProcedure
  .input(accountInput.extend({ cursor: orderIdSchema.optional(), limit: pageSize }))
  .query(async ({ ctx, input }) => {
    const trading = await ownedAccount(ctx, input.accountId);
    const rows = await trading.orderHistory(input.limit + 1, input.cursor ? Number(input.cursor) : undefined);
    const items = rows.slice(0, input.limit);
    return { items, nextCursor: rows.length > input.limit ? (items.at(-1)?.orderId ?? null) : null };
  });

/** Fills, newest first, paged like orderHistory. */
export const fills = protectedProcedure
  .input(accountInput.extend({ cursor: fillCursor.optional(), limit: pageSize }))
  .query(async ({ ctx, input }) => {
    const trading = await ownedAccount(ctx, input.accountId);
    const [tradeId, orderId] = (input.cursor ?? '').split(':').map(Number);
    const cursor = input.cursor && tradeId && orderId ? { tradeId, orderId } : undefined;
    const rows = await trading.fills(input.limit + 1, cursor);
    const items = rows.slice(0, input.limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > input.limit && last ? `${last.tradeId}:${last.orderId}` : null };
  });

export const positions = protectedProcedure
  .input(accountInput)
  .query(async ({ ctx, input }) => (await ownedAccount(ctx, input.accountId)).positions());

export const balances = protectedProcedure
  .input(accountInput)
  .query(async ({ ctx, input }) => (await ownedAccount(ctx, input.accountId)).balances());
