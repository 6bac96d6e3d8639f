import { type Database, schema } from '@tradewind/db';
import { assert, CURRENCY_SCALE, decimalToSteps, minorToDecimal, parseStep } from '@tradewind/shared';
import { DEFAULT_ENGINE_CONFIG } from '@tradewind/shared/engine';
import { and, asc, eq, sql } from 'drizzle-orm';
import { ownedNotifications } from '../notifications/index';
import { ownedAlerts } from './owned-alerts';
import { ownedApiKeys } from './owned-api-keys';
import { ownedBacktests } from './owned-backtests';
import { ownedReportScopes, ownedReports } from './owned-reports';
import { ownedStrategies } from './owned-strategies';
import { ownedTrading } from './owned-trading';

const { accounts, balances } = schema;

export type AccountView = {
  id: string;
  name: string;
  kind: 'paper';
  currency: string;
  /** Exact decimal in the currency's major unit, e.g. "100000.00". */
  cash: string;
  /** Exact integer of minor units as a string (it can exceed 2^53). */
  cashMinor: string;
  /**
   * Null for a cash account. A margin account borrows up to `leverage` × equity (initial margin =
   * exposure ÷ leverage); below `maintenanceMarginBps` of exposure it is liquidated, and below
   * `marginCallBps` × maintenance (bps, 15,000 = 1.5×) it gets a margin call: core's engine rules.
   */
  margin: { leverage: number; maintenanceMarginBps: number; marginCallBps: number } | null;
};

const MARGIN_RULES = {
  maintenanceMarginBps: DEFAULT_ENGINE_CONFIG.maintenanceMarginBps,
  marginCallBps: DEFAULT_ENGINE_CONFIG.marginCallBps,
};

/**
 * Cash is the projected balance in the account's currency once core has one (trading moves
 * it), else the opening cash the account was created with.
 */
function toAccountView(row: typeof accounts.$inferSelect, balance: string | null): AccountView {
  const scale = CURRENCY_SCALE[row.currency];
  assert(scale !== undefined, `unknown currency ${row.currency} on account ${row.id}`);
  const cashMinor = balance === null ? BigInt(row.cashMinor) : balanceMinor(balance, scale, row.id);
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    currency: row.currency,
    cash: minorToDecimal(cashMinor, scale),
    cashMinor: cashMinor.toString(),
    margin: row.leverage === null ? null : { leverage: row.leverage, ...MARGIN_RULES },
  };
}

function balanceMinor(balance: string, scale: number, accountId: string): bigint {
  const minor = decimalToSteps(balance, parseStep(scale === 0 ? '1' : `0.${'0'.repeat(scale - 1)}1`));
  assert(minor.ok, `balance ${balance} of account ${accountId} is not in minor units`);
  return minor.value;
}

/**
 * The only way edge reads data a user owns: every query here is filtered by the owner, so
 * a guessed or stolen id of someone else's row finds nothing (RELIABILITY S4). Routers never
 * import owned tables; owner-scope.test.ts checks that.
 */
export function ownedBy(db: Database, userId: string) {
  return {
    async accounts(): Promise<AccountView[]> {
      const rows = await withBalance(db)
        .where(eq(accounts.userId, userId))
        // Oldest first; at the same instant the cash account before the margin one.
        .orderBy(asc(accounts.createdAt), sql`${accounts.leverage} asc nulls first`);
      return rows.map((r) => toAccountView(r.account, r.balance));
    },
    /** One of the owner's accounts; undefined when it does not exist or belongs to someone else. */
    async account(accountId: string): Promise<AccountView | undefined> {
      const [row] = await withBalance(db).where(and(eq(accounts.id, accountId), eq(accounts.userId, userId)));
      return row ? toAccountView(row.account, row.balance) : undefined;
    },
    /**
     * Opens the owner's margin paper account (one per user, funded like the first paper account);
     * undefined when they already have one. Core opens it in the engine as a margin account.
     */
    async openMarginAccount(
      leverage: number,
      funding: { name: string; currency: string; cashMinor: bigint },
      nowMs: number,
    ): Promise<AccountView | undefined> {
      const [row] = await db
        .insert(accounts)
        .values({
          userId,
          kind: 'paper',
          leverage,
          ...funding,
          cashMinor: funding.cashMinor.toString(),
          createdAt: new Date(nowMs),
        })
        .onConflictDoNothing()
        .returning();
      return row ? toAccountView(row, null) : undefined;
    },
    /** Orders, fills, positions and balances of one of the owner's accounts (empty for anyone else's). */
    trading(accountId: string) {
      return ownedTrading(db, userId, accountId);
    },
    /** The owner's price alerts (issue 7). */
    alerts() {
      return ownedAlerts(db, userId);
    },
    /** The owner's API keys for core's REST API. */
    apiKeys() {
      return ownedApiKeys(db, userId);
    },
    /** The owner's live strategy deployments, their orders, fills and totals (issue 6). */
    strategies() {
      return ownedStrategies(db, userId);
    },
    /** The owner's server backtests (issue 6). */
    backtests() {
      return ownedBacktests(db, userId);
    },
    /** Equity samples, fills and cash movements of some of the owner's accounts (empty for anyone else's). */
    reports(accountIds: string | readonly string[]) {
      return ownedReports(db, userId, typeof accountIds === 'string' ? [accountIds] : accountIds);
    },
    /** The owner's accounts (with parent) and live deployments, as reports offer them. */
    reportScopes() {
      return ownedReportScopes(db, userId);
    },
    /** The owner's inbox, notification settings, push subscriptions and dead letters. */
    notifications() {
      return ownedNotifications(db.$client, userId);
    },
  };
}

function withBalance(db: Database) {
  return db
    .select({ account: accounts, balance: balances.balance })
    .from(accounts)
    .leftJoin(balances, and(eq(balances.accountId, accounts.id), eq(balances.currency, accounts.currency)))
    .$dynamic();
}
