import {
  cancelAllRequestSchema,
  cancelRequestSchema,
  killSwitchRequestSchema,
  modifyRequestSchema,
  placeRequestSchema,
} from '@tradewind/shared/protocol';
import { protectedProcedure } from '../../trpc';
import { forwardToCore } from './forward';

/**
 * The five order-entry procedures: validated by the shared schemas (the same ones the PWA's
 * ticket and core's WebSocket use), then forwarded to core's one order-entry function.
 */
export const place = protectedProcedure
  .input(placeRequestSchema)
  .mutation(({ ctx, input }) => forwardToCore(ctx, ctx.auth, 'place', input));

export const modify = protectedProcedure
  .input(modifyRequestSchema)
  .mutation(({ ctx, input }) => forwardToCore(ctx, ctx.auth, 'modify', input));

export const cancel = protectedProcedure
  .input(cancelRequestSchema)
  .mutation(({ ctx, input }) => forwardToCore(ctx, ctx.auth, 'cancel', input));

export const cancelAll = protectedProcedure
  .input(cancelAllRequestSchema)
  .mutation(({ ctx, input }) => forwardToCore(ctx, ctx.auth, 'cancelAll', input));

/** Engaged: cancel every open order of the account and halt it; released: trade again. */
export const killSwitch = protectedProcedure
  .input(killSwitchRequestSchema)
  .mutation(({ ctx, input }) => forwardToCore(ctx, ctx.auth, 'killSwitch', input));
