import { type Database, schema } from '@tradewind/db';
import { eq } from 'drizzle-orm';
import { type IssuedRefresh, type SessionUser, startSession } from './sessions';

const { users, accounts } = schema;

/** Every new user's paper account starts with 100,000.00 USD of virtual cash (in cents). */
export const PAPER_STARTING_CASH_MINOR = 10_000_000n;
export const PAPER_ACCOUNT_CURRENCY = 'USD';
export const PAPER_ACCOUNT_NAME = 'Paper';

export type NewUser = { email: string; passwordHash: string; displayName: string };
export type Registered = { user: SessionUser; issued: IssuedRefresh };

/**
 * Creates the user, their funded paper account and their first session in one transaction;
 * `undefined` when the e-mail is taken (the unique index decides, so concurrent sign-ups race safely).
 */
export async function registerUser(
  db: Database,
  input: NewUser,
  who: { ip: string; userAgent: string | null },
  nowMs: number,
): Promise<Registered | undefined> {
  const now = new Date(nowMs);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ ...input, tokensValidAfter: now, createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id, email: users.email, displayName: users.displayName, role: users.role });
    if (!user) return undefined;
    await tx.insert(accounts).values({
      userId: user.id,
      name: PAPER_ACCOUNT_NAME,
      kind: 'paper',
      currency: PAPER_ACCOUNT_CURRENCY,
      cashMinor: PAPER_STARTING_CASH_MINOR.toString(),
      createdAt: now,
    });
    const issued = await startSession(tx, { userId: user.id, ...who }, nowMs);
    return { user, issued };
  });
}

export type StoredCredentials = SessionUser & { passwordHash: string };

const credentialColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  role: users.role,
  passwordHash: users.passwordHash,
};

export async function findUserByEmail(db: Database, email: string): Promise<StoredCredentials | undefined> {
  const [row] = await db.select(credentialColumns).from(users).where(eq(users.email, email));
  return row;
}

/** The signed-in user's credentials (a password change checks the current password). */
export async function findCredentialsById(db: Database, userId: string): Promise<StoredCredentials | undefined> {
  const [row] = await db.select(credentialColumns).from(users).where(eq(users.id, userId));
  return row;
}

/** Replaces a hash with a stronger one of the same password (no change to `tokens_valid_after`). */
export async function replacePasswordHash(db: Database, userId: string, passwordHash: string, nowMs: number) {
  await db
    .update(users)
    .set({ passwordHash, updatedAt: new Date(nowMs) })
    .where(eq(users.id, userId));
}

export async function findUserById(db: Database, userId: string): Promise<SessionUser | undefined> {
  const [row] = await db
    .select({ id: users.id, email: users.email, displayName: users.displayName, role: users.role })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}
