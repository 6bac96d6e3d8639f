import { z } from 'zod';
import { ownedBy } from '../../data/owner-scope';
import { fail } from '../../errors';
import { checkTargetUrl, privateAddressOf } from '../../notifications/channels/target-url';
import { NOTIFY_DEFAULTS, WEBHOOK_FORMATS } from '../../notifications/index';
import { protectedProcedure, router } from '../../trpc';

/** E.164: a plus and up to 15 digits. */
const phone = z.string().regex(/^\+[1-9]\d{6,14}$/, 'an international number like +447700900123');
/** A numeric chat id (groups are negative) or a public @channel name. */
const telegramChatId = z.string().regex(/^(-?\d{1,20}|@[A-Za-z0-9_]{5,32})$/, 'a chat id or @channel');

export const channelsInput = z
  .object({
    emailOptIn: z.boolean(),
    phone: phone.nullable(),
    telegramChatId: telegramChatId.nullable(),
    webhook: z
      .object({
        url: z.string().min(1).max(2048),
        secret: z.string().min(16).max(128),
        format: z.enum(WEBHOOK_FORMATS),
      })
      .strict()
      .nullable(),
  })
  .strict();

export const channelsRouter = router({
  /** Where each channel reaches the user. The webhook secret is write-only. */
  get: protectedProcedure.query(async ({ ctx }) => {
    const s = await ownedBy(ctx.db, ctx.auth.userId).notifications().settings();
    const webhook = s.webhookUrl
      ? { url: s.webhookUrl, format: s.webhookFormat, hasSecret: s.webhookSecret !== null }
      : null;
    return { emailOptIn: s.emailOptIn, phone: s.phone, telegramChatId: s.telegramChatId, webhook };
  }),
  set: protectedProcedure.input(channelsInput).mutation(async ({ ctx, input }) => {
    const allowPrivate = (ctx.config.notify ?? NOTIFY_DEFAULTS).allowPrivateTargets;
    if (input.webhook) {
      const checked = checkTargetUrl(input.webhook.url, allowPrivate);
      if (!checked.ok) fail('NOTIFY_WEBHOOK_URL_REFUSED', `Webhook URL refused: ${checked.error}.`);
      const resolved = allowPrivate ? null : await privateAddressOf(checked.url);
      if (resolved !== null) {
        fail('NOTIFY_WEBHOOK_URL_REFUSED', `Webhook URL refused: ${checked.url.hostname} resolves to ${resolved}.`);
      }
    }
    const owned = ownedBy(ctx.db, ctx.auth.userId).notifications();
    const current = await owned.settings();
    await owned.saveSettings(
      {
        ...current,
        emailOptIn: input.emailOptIn,
        phone: input.phone,
        telegramChatId: input.telegramChatId,
        webhookUrl: input.webhook?.url ?? null,
        webhookSecret: input.webhook?.secret ?? null,
        webhookFormat: input.webhook?.format ?? 'json',
      },
      ctx.clock.nowMs(),
    );
    return { ok: true as const };
  }),
});
