import { accountIdSchema } from '@tradewind/shared/protocol';
import { z } from 'zod';
import { fail } from '../../errors';

/** The longest period one report covers. */
export const REPORT_PERIOD_MS_MAX = 10 * 366 * 86_400_000;
export const TRADES_PAGE_SIZE_DEFAULT = 50;
export const TRADES_PAGE_SIZE_MAX = 200;

const epochMs = z.number().int().min(0).max(8_640_000_000_000);

/**
 * What a report covers: an account or sub-account; `family`: with its sub-accounts (their sum);
 * `deploymentId`: only what one live strategy deployment traded (fills.deployment_id).
 */
const scopeFields = {
  accountId: accountIdSchema,
  family: z.boolean().optional(),
  deploymentId: z.uuid().optional(),
};

export const scopeInput = z.object(scopeFields).strict();

export const periodInput = z.object({ ...scopeFields, fromMs: epochMs, toMs: epochMs }).strict();

/** A page cursor: `<tradeId>:<orderId>` of the last fill of the previous page. */
export const fillCursor = z
  .string()
  .max(40)
  .regex(/^[1-9]\d{0,15}:[1-9]\d{0,15}$/, 'a cursor from nextCursor');

export const tradeFilterInput = z
  .object({
    ...scopeFields,
    symbol: z.string().min(1).max(32).optional(),
    side: z.enum(['buy', 'sell']).optional(),
    fromMs: epochMs.optional(),
    toMs: epochMs.optional(),
  })
  .strict();

export function checkPeriod(fromMs: number, toMs: number): void {
  if (!(fromMs < toMs) || toMs - fromMs > REPORT_PERIOD_MS_MAX) fail('REPORT_PERIOD_INVALID');
}

export function parseCursor(cursor: string | undefined): { tradeId: number; orderId: number } | undefined {
  if (cursor === undefined) return undefined;
  const [tradeId, orderId] = cursor.split(':').map(Number);
  return tradeId && orderId ? { tradeId, orderId } : undefined;
}
