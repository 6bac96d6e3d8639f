import {
  cancelAllRequestSchema,
  cancelHasOneId,
  cancelRequestShape,
  killSwitchRequestSchema,
  modifyHasChange,
  modifyRequestShape,
  placeRequestSchema,
  type TradingOp,
  type TradingRequest,
} from '@tradewind/shared/protocol';
import { z } from 'zod';

/** The request schema of each op, optionally with edge's `userId` (internal API). */
function schemasWith<E extends z.ZodRawShape>(extra: E) {
  return {
    place: z.object({ ...placeRequestSchema.shape, ...extra }).strict(),
    modify: z
      .object({ ...modifyRequestShape, ...extra })
      .strict()
      .refine((m) => modifyHasChange(m as Parameters<typeof modifyHasChange>[0]), 'nothing to modify'),
    cancel: z
      .object({ ...cancelRequestShape, ...extra })
      .strict()
      .refine(
        (c) => cancelHasOneId(c as Parameters<typeof cancelHasOneId>[0]),
        'exactly one of orderId / clientOrderId',
      ),
    cancelAll: z.object({ ...cancelAllRequestSchema.shape, ...extra }).strict(),
    killSwitch: z.object({ ...killSwitchRequestSchema.shape, ...extra }).strict(),
  } satisfies Record<TradingOp, z.ZodType>;
}

export const REST_SCHEMAS = schemasWith({});
export const INTERNAL_SCHEMAS = schemasWith({ userId: z.string().uuid() });

export type Parsed = { ok: true; request: TradingRequest; userId?: string } | { ok: false; message: string };

/** Parses a body for an op; the first issue becomes the INVALID message. */
export function parseRequest(op: TradingOp, body: unknown, internal: boolean): Parsed {
  const schema = (internal ? INTERNAL_SCHEMAS : REST_SCHEMAS)[op];
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` };
  }
  const { userId, ...rest } = parsed.data as { userId?: string };
  const request = { op, ...rest } as TradingRequest;
  return userId === undefined ? { ok: true, request } : { ok: true, request, userId };
}
