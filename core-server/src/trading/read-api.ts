import type { TemplatedApp } from 'uWebSockets.js';
import type { Sql } from '@tradewind/db';
import type { ApiKeyVerifier } from '../auth/api-keys';
import type { KeyStore } from '../auth/key-store';
import { type RestCredentials, restCaller } from '../auth/rest-caller';
import type { Logger } from '../logger';
import type { AccountDirectory } from './account-directory';

/** Rows one read returns at most (newest first); a script pages by time if it needs more. */
export const READ_ROWS_MAX = 500;

const ACCOUNT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const READS = ['orders', 'fills', 'positions', 'balances'] as const;
type Read = (typeof READS)[number];

export type ReadApiContext = {
  readonly sql: Sql;
  readonly keys: KeyStore;
  readonly apiKeys: ApiKeyVerifier;
  readonly accounts: AccountDirectory;
  readonly log: Logger;
};

const STATUS_OF = {
  AUTH_REQUIRED: '401 Unauthorized',
  AUTH_SESSION_REVOKED: '401 Unauthorized',
  CORE_JOURNAL_UNAVAILABLE: '503 Service Unavailable',
  FORBIDDEN: '403 Forbidden',
  RATE_LIMITED: '429 Too Many Requests',
};

/** GET /v1/accounts/<accountId>/(orders|fills|positions|balances): the query tables, own accounts only (JWT or a `read` API key). */
export function registerReadRoutes(app: TemplatedApp, ctx: ReadApiContext): void {
  for (const what of READS) {
    app.get(`/v1/accounts/:accountId/${what}`, (res, req) => {
      let aborted = false;
      res.onAborted(() => {
        aborted = true;
      });
      const accountId = req.getParameter(0) ?? '';
      const cred = { authorization: req.getHeader('authorization'), apiKey: req.getHeader('x-api-key') };
      read(ctx, what, accountId, cred)
        .catch((e: unknown) => {
          ctx.log.warn({ err: e, what }, 'read failed');
          return {
            status: '503 Service Unavailable',
            body: { ok: false, code: 'CORE_JOURNAL_UNAVAILABLE', message: 'database unavailable' },
          };
        })
        .then(({ status, body }) => {
          if (aborted) return;
          res.cork(() => {
            res
              .writeStatus(status)
              .writeHeader('content-type', 'application/json')
              .writeHeader('cache-control', 'no-store');
            res.end(JSON.stringify(body));
          });
        });
    });
  }
}

async function read(ctx: ReadApiContext, what: Read, accountId: string, cred: RestCredentials) {
  const caller = await restCaller(ctx, cred, 'read');
  if (!caller.ok) return { status: STATUS_OF[caller.code], body: caller };
  const owner = ACCOUNT_ID.test(accountId) ? await ctx.accounts.lookup(accountId) : undefined;
  if (owner === undefined || owner.userId !== caller.userId) {
    return {
      status: '404 Not Found',
      body: { ok: false, code: 'NOT_FOUND', message: `account ${accountId.slice(0, 40)} not found` },
    };
  }
  return { status: '200 OK', body: { ok: true, [what]: await rows(ctx.sql, what, accountId) } };
}

function rows(sql: Sql, what: Read, accountId: string) {
  switch (what) {
    case 'orders':
      return sql`select order_id::text as "orderId", client_order_id as "clientOrderId", symbol, side, type,
        time_in_force as "timeInForce", status, quantity::text, filled_quantity::text as "filledQuantity",
        price::text, trigger_price::text as "triggerPrice", reason, (extract(epoch from updated_at) * 1000)::bigint::float8 as "updatedAtMs"
        from orders where account_id = ${accountId} order by order_id desc limit ${READ_ROWS_MAX}`;
    case 'fills':
      return sql`select trade_id::text as "tradeId", order_id::text as "orderId", client_order_id as "clientOrderId", symbol, side,
        price::text, quantity::text, fee::text, liquidity, (extract(epoch from ts) * 1000)::bigint::float8 as "tsMs"
        from fills where account_id = ${accountId} order by ts desc, trade_id desc limit ${READ_ROWS_MAX}`;
    case 'positions':
      return sql`select symbol, quantity::text, cost::text, realised_pnl::text as "realisedPnl"
        from positions where account_id = ${accountId} order by symbol`;
    case 'balances':
      return sql`select currency, balance::text from balances where account_id = ${accountId} order by currency`;
  }
}
