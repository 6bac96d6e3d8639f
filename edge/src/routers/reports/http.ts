import type { EdgeServices, RequestInfo } from '../../context';
import { EdgeError } from '../../errors';
import { text, withHeaders } from '../../http/responses';
import { authenticate } from '../../middleware/auth/index';
import { toCsv } from './csv';
import { htmlReport } from './html-report';
import { checkPeriod, periodInput, tradeFilterInput } from './inputs';
import {
  loadPerformance,
  loadTradesForExport,
  loadTransactions,
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
  for (const [k, v] of url.searchParams) out[k] = k === 'fromMs' || k === 'toMs' ? (num(v) ?? v) : v;
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

/** GET /reports/v1/trades.csv | transactions.csv | report.html ?accountId=…(&symbol&side&fromMs&toMs). */
export async function reportsHttp(s: EdgeServices, request: RequestInfo, url: URL): Promise<Response> {
  try {
    const auth = await authenticate({ request, keys: s.keys, clock: s.clock, db: s.db });
    const caller = { db: s.db, userId: auth.userId };
    const name = url.pathname.slice(REPORTS_HTTP_PREFIX.length);
    if (name === 'trades.csv') {
      const input = tradeFilterInput.safeParse(params(url));
      if (!input.success) return text('Invalid query.', 400);
      const { accountId, ...filter } = input.data;
      const fills = await loadTradesForExport(caller, accountId, filter);
      if (fills === undefined) return text('Not found.', 404);
      return download(toCsv(TRADES_CSV_HEADER, fills.map(tradeCsvRow)), 'text/csv; charset=utf-8', 'trades.csv');
    }
    if (name === 'transactions.csv') {
      const accountId = url.searchParams.get('accountId') ?? '';
      const report = await loadTransactions(caller, accountId).catch(() => undefined);
      if (report === undefined) return text('Not found.', 404);
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
  const { accountId, fromMs, toMs } = input.data;
  checkPeriod(fromMs, toMs);
  const [performance, transactions] = await Promise.all([
    loadPerformance(caller, accountId, fromMs, toMs),
    loadTransactions(caller, accountId),
  ]);
  if (performance === undefined || transactions === undefined) return text('Not found.', 404);
  const html = htmlReport({ accountName: accountId, fromMs, toMs, performance, transactions });
  return withHeaders(
    new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } }),
  );
}
