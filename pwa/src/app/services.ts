import { type Signal, signal } from '@preact/signals';
import { authApiOf } from '../lib/api/auth-api';
import type { Me } from '../lib/api/auth-types';
import { type ApiClient, createApiClient } from '../lib/api/trpc-client';
import { ChartStream } from '../lib/chart/chart-stream';
import { type InstrumentInfo, loadInstruments } from '../lib/market/instrument-list';
import type { ConnectionStatus } from '../lib/market/market-socket';
import { PriceStore } from '../lib/market/price-store';
import { loadQuotes } from '../lib/market/quote-persistence';
import { browserLock, SessionStore } from '../lib/session/session-store';
import { bestStorage, type KeyValueStorage } from '../lib/storage/key-value-storage';
import { loadChosenAccount } from '../lib/trading/account-choice';
import { DepthStore } from '../lib/trading/depth-store';
import { PendingOrders } from '../lib/trading/pending-orders';
import { RecentTrades } from '../lib/trading/recent-trades';
import { tradingApiOf } from '../lib/trading/trading-api';
import { TradingStore } from '../lib/trading/trading-store';
import { browserScheduler, type Scheduler } from '../lib/util/scheduler';

/**
 * Everything the screens use, made once at start: the edge client, the session, the
 * instrument list, live prices and the connection status. Screens read the signals; only
 * the market wiring (start-market.ts) writes prices and status.
 */
export type Services = {
  readonly api: ApiClient;
  readonly session: SessionStore;
  readonly prices: PriceStore;
  readonly instruments: Signal<readonly InstrumentInfo[]>;
  readonly connection: Signal<ConnectionStatus>;
  /** The signed-in user's profile and accounts from `auth.me`; null when signed out or not loaded. */
  readonly me: Signal<Me | null>;
  readonly storage: KeyValueStorage;
  readonly scheduler: Scheduler;
  /** The signed-in account's orders, fills, positions, balances (edge + the private topic). */
  readonly trading: TradingStore;
  /** The account the user chose to trade on (persisted); the first account when unset or gone. */
  readonly chosenAccountId: Signal<string | null>;
  /** Place requests stored before sending, reconciled after a reload (R5). */
  readonly pending: PendingOrders;
  /** Recent trades per symbol, for the symbol screen's tape. */
  readonly tape: RecentTrades;
  /** The depth of `focusSymbol` (the symbol screen on display), from `depth.<SYM>`. */
  readonly depth: DepthStore;
  readonly focusSymbol: Signal<string | null>;
  /** Bumped when the depth book saw a gap: the wiring re-subscribes for a fresh snapshot. */
  readonly depthResync: Signal<number>;
  /** True once core confirmed our token on the current connection: private topics may be asked for. */
  readonly socketAuthed: Signal<boolean>;
  /** The chart on display: its bar (and replay) topics, and where their frames go. */
  readonly chart: ChartStream;
};

export function createServices(): Services {
  const storage = bestStorage();
  const scheduler = browserScheduler;
  let session: SessionStore | undefined;
  const api = createApiClient({
    url: '/trpc',
    accessToken: () => session?.accessToken() ?? Promise.resolve(null),
    refreshAfterUnauthorized: () => session?.refresh() ?? Promise.resolve(false),
  });
  session = new SessionStore({ api: authApiOf(api), scheduler, withLock: browserLock });
  const prices = new PriceStore();
  prices.restore(loadQuotes(storage));
  const depthResync = signal(0);
  const tradingApi = tradingApiOf(api);
  return {
    api,
    session,
    prices,
    instruments: signal(loadInstruments(storage)),
    connection: signal(navigator.onLine ? 'connecting' : 'offline'),
    me: signal<Me | null>(null),
    storage,
    scheduler,
    trading: new TradingStore(tradingApi),
    pending: new PendingOrders(storage, tradingApi),
    chosenAccountId: signal(loadChosenAccount(storage)),
    tape: new RecentTrades(),
    depth: new DepthStore(() => {
      depthResync.value += 1;
    }),
    focusSymbol: signal<string | null>(null),
    depthResync,
    socketAuthed: signal(false),
    chart: new ChartStream(),
  };
}
