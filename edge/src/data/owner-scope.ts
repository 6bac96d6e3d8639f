import { type Database, schema } from '@tradewind/db';
import { assert, CURRENCY_SCALE, minorToDecimal } from '@tradewind/shared';
import { and, asc, eq } from 'drizzle-orm';

const { accounts } = schema;

export type AccountView = {
  id: string;
  name: string;
  kind: 'paper';
  currency: string;
  /** Exact decimal in the currency's major unit, e.g. "100000.00". */
  cash: string;
  /** Exact integer of minor units as a string (it can exceed 2^53). */
  cashMinor: string;
};

function toAccountView(row: typeof accounts.$inferSelect): AccountView {
  const scale = CURRENCY_SCALE[row.currency];
  assert(scale !== undefined, `unknown currency ${row.currency} on account ${row.id}`);
  const cashMinor = BigInt(row.cashMinor);
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    currency: row.currency,
    cash: minorToDecimal(cashMinor, scale),
    cashMinor: cashMinor.toString(),
  };
}

/**
 * The only way edge reads data a user owns: every query here is filtered by the owner, so
 * a guessed or stolen id of someone else's row finds nothing (RELIABILITY S4). Routers never
 * import owned tables; owner-scope.test.ts checks that.
 */
export function ownedBy(db: Database, userId: string) {
  return {
    async accounts(): Promise<AccountView[]> {
      const rows = await db.select().from(accounts).where(eq(accounts.userId, userId)).orderBy(asc(accounts.createdAt));
      return rows.map(toAccountView);
    },
    /** One of the owner's accounts; undefined when it does not exist or belongs to someone else. */
    async account(accountId: string): Promise<AccountView | undefined> {
      const [row] = await db
        .select()
        .from(accounts)
        .where(and(eq(accounts.id, accountId), eq(accounts.userId, userId)));
      return row ? toAccountView(row) : undefined;
    },
  };
}
