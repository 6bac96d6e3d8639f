import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Binance's spot REST API, answering in its real format
 * (`GET /api/v3/exchangeInfo`, `GET /api/v3/klines`), so ccxt runs unmodified against it
 * (its `urls.api` pointed here). Klines come from a deterministic price walk. `mode`
 * switches it to misbehave: hang (timeouts), garbage bodies, or 429 rate limiting.
 */
export type FakeMode = 'ok' | 'hang' | 'garbage' | 'bad-bars' | 'rate-limited';

export type FakeBinance = {
  readonly url: string;
  mode: FakeMode;
  /** Every path+query asked, in order (for paging assertions). */
  readonly requests: string[];
  close(): Promise<void>;
};

const INTERVAL_MS: Record<string, number> = { '1s': 1e3, '1m': 6e4, '5m': 3e5, '15m': 9e5, '1h': 3.6e6, '1d': 8.64e7 };
/** Binance answers at most this many klines per request. */
export const FAKE_KLINES_PER_REQUEST_MAX = 1000;

/** The fake's deterministic close price in cents for a bar opening at `openMs`. */
export function fakeCloseCents(openMs: number): number {
  return 4_200_000 + ((openMs / 60_000) % 997) * 7;
}

function kline(openMs: number, intervalMs: number): unknown[] {
  const close = fakeCloseCents(openMs);
  const open = close - 3;
  const c = (cents: number) => (cents / 100).toFixed(8);
  return [
    openMs,
    c(open),
    c(close + 11),
    c(open - 5),
    c(close),
    '1.25000000',
    openMs + intervalMs - 1,
    '52500.00',
    42,
    '0.5',
    '21000.0',
    '0',
  ];
}

const EXCHANGE_INFO = {
  timezone: 'UTC',
  serverTime: 0,
  rateLimits: [],
  exchangeFilters: [],
  symbols: [
    {
      symbol: 'BTCUSDT',
      status: 'TRADING',
      baseAsset: 'BTC',
      baseAssetPrecision: 8,
      quoteAsset: 'USDT',
      quotePrecision: 8,
      quoteAssetPrecision: 8,
      orderTypes: ['LIMIT', 'MARKET'],
      icebergAllowed: true,
      ocoAllowed: true,
      isSpotTradingAllowed: true,
      isMarginTradingAllowed: false,
      permissions: ['SPOT'],
      permissionSets: [['SPOT']],
      filters: [
        { filterType: 'PRICE_FILTER', minPrice: '0.01000000', maxPrice: '1000000.00000000', tickSize: '0.01000000' },
        { filterType: 'LOT_SIZE', minQty: '0.00001000', maxQty: '9000.00000000', stepSize: '0.00001000' },
      ],
    },
  ],
};

function klines(url: URL, res: ServerResponse, mode: FakeMode): void {
  const intervalMs = INTERVAL_MS[url.searchParams.get('interval') ?? ''];
  if (intervalMs === undefined) {
    send(res, 400, { code: -1120, msg: 'Invalid interval.' });
    return;
  }
  const limit = Math.min(Number(url.searchParams.get('limit') ?? 500), FAKE_KLINES_PER_REQUEST_MAX);
  const start = Number(url.searchParams.get('startTime') ?? 0);
  const end = Number(url.searchParams.get('endTime') ?? Number.MAX_SAFE_INTEGER);
  const first = Math.ceil(start / intervalMs) * intervalMs;
  const rows: unknown[][] = [];
  for (let t = first; t <= end && rows.length < limit; t += intervalMs) rows.push(kline(t, intervalMs));
  if (mode === 'bad-bars') for (const r of rows) r[3] = '99999999.00000000';
  send(res, 200, rows);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function handle(fake: FakeBinance, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://fake');
  fake.requests.push(`${url.pathname}${url.search}`);
  if (url.pathname === '/api/v3/exchangeInfo') {
    send(res, 200, EXCHANGE_INFO);
    return;
  }
  if (url.pathname !== '/api/v3/klines') {
    send(res, 404, { code: -1, msg: 'not found' });
    return;
  }
  if (fake.mode === 'hang') return; // never answers: the client's timeout must fire
  if (fake.mode === 'rate-limited') {
    send(res, 429, { code: -1003, msg: 'Too many requests.' });
    return;
  }
  if (fake.mode === 'garbage') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('[[1700000000000,"not a price"');
    return;
  }
  klines(url, res, fake.mode);
}

export async function startFakeBinance(): Promise<FakeBinance> {
  const sockets = new Set<import('node:net').Socket>();
  const fake = { url: '', mode: 'ok' as FakeMode, requests: [] as string[], close: async () => {} };
  const server: Server = createServer((req, res) => handle(fake, req, res));
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return fake;
}
