import { fail } from '../../errors';
import { signIn } from '../../identity/access';
import { setRefreshCookie } from '../../identity/refresh-cookie';
import { registerUser } from '../../identity/users';
import { publicProcedure } from '../../trpc';
import { registerInput } from './schemas';

/** Creates the user with a funded paper account and signs them in; a taken e-mail is CONFLICT. */
export const register = publicProcedure.input(registerInput).mutation(async ({ ctx, input }) => {
  const passwordHash = await ctx.passwords.hash(input.password);
  const nowMs = ctx.clock.nowMs();
  const registered = await registerUser(
    ctx.db,
    { email: input.email, passwordHash, displayName: input.displayName },
    { ip: ctx.request.ip, userAgent: ctx.request.userAgent },
    nowMs,
  );
  if (!registered) fail('AUTH_EMAIL_TAKEN');
  ctx.log.info({ event: 'user_registered', userId: registered.user.id }, 'user registered');
  setRefreshCookie(ctx, registered.issued);
  return signIn(ctx.keys, registered.user, registered.issued.sessionId, nowMs);
});
