import type { Database } from '@tradewind/db';
import type { CachedValue } from './cache/cached-value';
import type { Clock } from './clock';
import type { EdgeConfig } from './config';
import type { CoreClient } from './core-client/index';
import type { KeyRing } from './identity/key-ring';
import type { PasswordHasher } from './identity/password';
import type { Logger } from './logger';
import type { MarketDataService } from './market-data/index';
import type { EdgeMetrics } from './metrics';
import type { NotificationService } from './notifications/index';
import type { InstrumentView } from './routers/market/instrument-view';

/** What one edge instance holds for the life of the process. */
export type EdgeServices = {
  readonly config: EdgeConfig;
  readonly db: Database;
  readonly clock: Clock;
  readonly log: Logger;
  readonly metrics: EdgeMetrics;
  readonly keys: KeyRing;
  readonly passwords: PasswordHasher;
  readonly instruments: CachedValue<InstrumentView[]>;
  /** Candles, trades and CSV import behind the two-tier cache (issue 5). */
  readonly marketData: MarketDataService;
  /** Core's internal order entry; null when no service token is configured (trading unavailable). */
  readonly core: CoreClient | null;
  /** Inbox, push keys and, with NOTIFY_WORKER=on, the bus consumer and delivery dispatcher (issue 7). */
  readonly notifications: NotificationService;
};

/** What edge knows about the caller of one request, copied out of the Request once. */
export type RequestInfo = {
  readonly ip: string;
  readonly userAgent: string | null;
  readonly origin: string | null;
  readonly host: string | null;
  readonly authorization: string | null;
  readonly cookies: ReadonlyMap<string, string>;
};

export type AuthInfo = { readonly userId: string; readonly sessionId: string; readonly role: 'user' | 'admin' };

/** The tRPC context: services, the request, the response headers (cookies), and who is calling. */
export type Context = EdgeServices & {
  readonly request: RequestInfo;
  readonly resHeaders: Headers;
  /** Set by protectedProcedure's middleware; null on public procedures. */
  readonly auth: AuthInfo | null;
};
