import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ownedBy } from '../../data/owner-scope';
import { fail } from '../../errors';
import { privateAddressOf } from '../../notifications/channels/target-url';
import { NOTIFY_DEFAULTS } from '../../notifications/index';
import { protectedProcedure, publicProcedure, router } from '../../trpc';
import { parsePushSubscription } from './push-subscription';

export const pushRouter = router({
  /** The VAPID public key browsers subscribe with (applicationServerKey). Public by nature. */
  vapidPublicKey: publicProcedure.query(async ({ ctx }) => ({ key: await ctx.notifications.vapidPublicKey() })),
  /**
   * Stores this device's subscription (PushSubscription.toJSON()); resubscribing the same endpoint
   * updates it. `vapidPublicKey`: the applicationServerKey it was made with (base64url), so pushes
   * are signed with that key; a key that was dropped is CONFLICT (subscribe again). Absent: the current key.
   */
  subscribe: protectedProcedure
    .input(
      z
        .object({
          subscription: z.unknown(),
          deviceLabel: z.string().max(64).nullable().default(null),
          vapidPublicKey: z.string().min(1).max(200).optional(),
        })
        .strict(),
    )
    .mutation(async ({ ctx, input }) => {
      const allowPrivate = (ctx.config.notify ?? NOTIFY_DEFAULTS).allowPrivateTargets;
      const sub = parsePushSubscription(input.subscription, allowPrivate);
      if ('error' in sub) fail('NOTIFY_PUSH_SUBSCRIPTION_INVALID', `Malformed push subscription: ${sub.error}.`);
      const resolved = allowPrivate ? null : await privateAddressOf(new URL(sub.endpoint));
      if (resolved !== null) {
        fail('NOTIFY_PUSH_SUBSCRIPTION_INVALID', `Malformed push subscription: its endpoint resolves to ${resolved}.`);
      }
      const vapidKeyId = await ctx.notifications.vapidKeyId(input.vapidPublicKey);
      if (vapidKeyId === undefined) fail('NOTIFY_VAPID_KEY_UNKNOWN');
      const owned = ownedBy(ctx.db, ctx.auth.userId).notifications();
      const stored = await owned.subscribePush(
        { ...sub, deviceLabel: input.deviceLabel, vapidKeyId },
        ctx.clock.nowMs(),
      );
      if (!stored.ok) fail('NOTIFY_PUSH_SUBSCRIPTIONS_FULL');
      return { id: stored.id };
    }),
  unsubscribe: protectedProcedure
    .input(z.object({ endpoint: z.string().min(1).max(2048) }).strict())
    .mutation(async ({ ctx, input }) => {
      const removed = await ownedBy(ctx.db, ctx.auth.userId).notifications().unsubscribePush(input.endpoint);
      if (!removed) fail('NOTIFY_PUSH_SUBSCRIPTION_UNKNOWN');
      return { ok: true as const };
    }),
  devices: protectedProcedure.query(({ ctx }) =>
    ownedBy(ctx.db, ctx.auth.userId).notifications().pushSubscriptionIds(),
  ),
  /** A test notification to each of the user's devices (and the inbox). */
  sendTest: protectedProcedure.mutation(async ({ ctx }) => {
    const owned = ownedBy(ctx.db, ctx.auth.userId).notifications();
    const devices = await owned.pushSubscriptionIds();
    if (devices.length === 0) fail('NOTIFY_NO_PUSH_SUBSCRIPTION');
    const sent = await owned.sendTestPush(randomUUID(), ctx.clock.nowMs());
    ctx.notifications.wake();
    return { notificationId: sent.id, devices: sent.devices };
  }),
});
