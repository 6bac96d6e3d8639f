import { type Signal, signal } from '@preact/signals';
import { authApiOf } from '../lib/api/auth-api';
import type { Me } from '../lib/api/auth-types';
import { type ApiClient, createApiClient } from '../lib/api/trpc-client';
import { type InstrumentInfo, loadInstruments } from '../lib/market/instrument-list';
import type { ConnectionStatus } from '../lib/market/market-socket';
import { PriceStore } from '../lib/market/price-store';
import { loadQuotes } from '../lib/market/quote-persistence';
import { browserLock, SessionStore } from '../lib/session/session-store';
import { bestStorage, type KeyValueStorage } from '../lib/storage/key-value-storage';
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
  return {
    api,
    session,
    prices,
    instruments: signal(loadInstruments(storage)),
    connection: signal(navigator.onLine ? 'connecting' : 'offline'),
    me: signal<Me | null>(null),
    storage,
    scheduler,
  };
}
