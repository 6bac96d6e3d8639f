import { ownedBy } from '../../data/owner-scope';
import { fail } from '../../errors';
import { findUserById } from '../../identity/users';
import { protectedProcedure } from '../../trpc';

/** The signed-in user and their accounts (cash as an exact decimal string and as minor units). */
export const me = protectedProcedure.query(async ({ ctx }) => {
  const user = await findUserById(ctx.db, ctx.auth.userId);
  if (!user) fail('AUTH_SESSION_REVOKED');
  const accounts = await ownedBy(ctx.db, ctx.auth.userId).accounts();
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role, accounts };
});
