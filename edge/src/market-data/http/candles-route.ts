import type { EdgeServices } from '../../context';
import { EDGE_ERRORS, EdgeError } from '../../errors';
import { BASE_SECURITY_HEADERS } from '../../http/security-headers';
import { candlesHead, candlesInput, candlesRequest } from '../../routers/market/candles';
import { encodedSlice, joinSlices } from '../encoded-bars';
import { AnswerBytes } from './answer-bytes';

/**
 * `GET /md/v1/candles?symbol=BTC-USD&interval=1m&from=<ms>&to=<ms>[&source=…]`: the same
 * answer as `market.candles`, but with `bars` as a JSON array written straight from each
 * cache chunk's serialisation: no per-request encoding of the bars at all (STACK.md: keep
 * tRPC off market-data paths). Public data, no credentials read. Errors: 400/404 with
 * `{error: {reason, message}}` using the same reasons as the procedure.
 */
export const CANDLES_HTTP_PATH = '/md/v1/candles';

/** Set at construction: re-wrapping a Response (withHeaders) turns its body into a stream, slow to read. */
const JSON_HEADERS = { ...BASE_SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' };

const encoder = new TextEncoder();
/** Per process, like the chunk LRU it mirrors. */
const answers = new AnswerBytes();

const STATUS: Record<string, number> = { BAD_REQUEST: 400, NOT_FOUND: 404 };

function error(status: number, reason: string | null, message: string): Response {
  const body = JSON.stringify({ error: { reason, message } });
  return new Response(body, { status, headers: { ...JSON_HEADERS, 'Cache-Control': 'no-store' } });
}

/** Query parameters → the procedure's input; numbers must be plain integers. */
function inputOf(url: URL) {
  const q = url.searchParams;
  const int = (v: string | null) => (v !== null && /^\d{1,16}$/.test(v) ? Number(v) : Number.NaN);
  return candlesInput.safeParse({
    symbol: q.get('symbol') ?? '',
    interval: q.get('interval') ?? '',
    from: int(q.get('from')),
    to: int(q.get('to')),
    ...(q.has('source') ? { source: q.get('source') } : {}),
  });
}

export async function candlesHttp(s: EdgeServices, url: URL): Promise<Response> {
  const parsed = inputOf(url);
  if (!parsed.success)
    return error(400, null, `Invalid input: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}.`);
  try {
    const r = await candlesRequest(s, parsed.data);
    const { slices, reason } = await s.marketData.slices(r.grid, r.interval, r.source, r.from, r.to);
    const key = `${r.grid.symbol}|${r.grid.tick.text}|${r.grid.lot.text}|${r.interval}|${r.source}|${r.from}|${r.to}|${reason}`;
    let bytes = answers.get(key, slices);
    if (bytes === null) {
      const head = JSON.stringify({ ...candlesHead(r), partial: reason !== null, reason });
      const barsJson = joinSlices(slices.map(([chunk, from, to]) => encodedSlice(chunk, from, to)));
      // `{…head, "bars": […]}`: the bars text is spliced in as it is cached.
      bytes = encoder.encode(`${head.slice(0, -1)},"bars":${barsJson}}`);
      answers.set(key, slices, bytes);
    }
    return new Response(bytes, { status: 200, headers: { ...JSON_HEADERS, 'Cache-Control': 'no-cache' } });
  } catch (err) {
    if (!(err instanceof EdgeError)) throw err;
    const { code } = EDGE_ERRORS[err.reason];
    return error(STATUS[code] ?? 400, err.reason, err.message);
  }
}
