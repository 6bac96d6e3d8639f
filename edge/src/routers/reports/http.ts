import type { EdgeServices, RequestInfo } from '../../context';
import { EdgeError } from '../../errors';
import { text, withHeaders } from '../../http/responses';
import { authenticate } from '../../middleware/auth/index';
import { toCsv } from './csv';
import { htmlReport } from './html-report';
import { checkPeriod, periodInput, scopeInput, tradeFilterInput } from './inputs';
import {
  loadPerformance,
  loadTradesForExport,
  loadTransactions,
  resolveScope,
  TRADES_CSV_HEADER,
  TRANSACTIONS_CSV_HEADER,
  tradeCsvRow,
  transactionCsvRows,
} from './report-data';

/** Plain GET downloads, authorised by the same bearer access token as tRPC (the PWA fetches them and saves a blob). */
export const REPORTS_HTTP_PREFIX = '/reports/v1/';

const num = (v: string | null) => (v === null || v === '' || !/^\d{1,16}$/.test(v) ? undefined : Number(v));

function params(url: URL): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of url.searchParams) {
    if (k === 'fromMs' || k === 'toMs') out[k] = num(v) ?? v;
    else if (k === 'family') out[k] = v === 'true' ? true : v === 'false' ? false : v;
    else out[k] = v;
  }
  return out;
}

function download(body: string, type: string, filename: string): Response {
  return withHeaders(
    new Response(body, {
      headers: {
        'Content-Type': type,
        'Content-Disposition': `attachment; filename="${filename}"`,
        'Cache-Control': 'no-store',
      },
    }),
  );
}

/** GET /reports/v1/trades.csv | transactions.csv | report.html ?accountId=…(&family=true&deploymentId&symbol&side&fromMs&toMs). */
export async function reportsHttp(s: EdgeServices, request: RequestInfo, url: URL): Promise<Response> {
  try {
    const auth = await authenticate({ request, keys: s.keys, clock: s.clock, db: s.db });
    const caller = { db: s.db, userId: auth.userId };
    const name = url.pathname.slice(REPORTS_HTTP_PREFIX.length);
    if (name === 'trades.csv') {
      const input = tradeFilterInput.safeParse(params(url));
      if (!input.success) return text('Invalid query.', 400);
      const { accountId, family, deploymentId, ...filter } = input.data;
      const scope = await resolveScope(caller, { accountId, family, deploymentId });
      if (scope === undefined) return text('Not found.', 404);
      const fills = await loadTradesForExport(caller, scope, filter);
      return download(toCsv(TRADES_CSV_HEADER, fills.map(tradeCsvRow)), 'text/csv; charset=utf-8', 'trades.csv');
    }
    if (name === 'transactions.csv') {
      const input = scopeInput.omit({ deploymentId: true }).safeParse(params(url));
      if (!input.success) return text('Invalid query.', 400);
      const scope = await resolveScope(caller, input.data);
      if (scope === undefined) return text('Not found.', 404);
      const report = await loadTransactions(caller, scope);
      return download(
        toCsv(TRANSACTIONS_CSV_HEADER, transactionCsvRows(report)),
        'text/csv; charset=utf-8',
        'transactions.csv',
      );
    }
    if (name === 'report.html') return await htmlRoute(caller, url);
    return text('Not found.', 404);
  } catch (e) {
    if (e instanceof EdgeError) return text(e.message, e.code === 'UNAUTHORIZED' ? 401 : 400);
    throw e;
  }
}

async function htmlRoute(caller: { db: EdgeServices['db']; userId: string }, url: URL): Promise<Response> {
  const input = periodInput.safeParse(params(url));
  if (!input.success) return text('Invalid query.', 400);
  const { fromMs, toMs, ...scopeIn } = input.data;
  checkPeriod(fromMs, toMs);
  const scope = await resolveScope(caller, scopeIn);
  if (scope === undefined) return text('Not found.', 404);
  const [performance, transactions] = await Promise.all([
    loadPerformance(caller, scope, fromMs, toMs),
    loadTransactions(caller, scope),
  ]);
  const title = [
    scope.account.name,
    scopeIn.family ? 'with sub-accounts' : '',
    scope.deploymentId ? `strategy ${scope.deploymentId}` : '',
  ]
    .filter((x) => x !== '')
    .join(' · ');
  const html = htmlReport({ accountName: title, fromMs, toMs, performance, transactions });
  return withHeaders(
    new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } }),
  );
}
