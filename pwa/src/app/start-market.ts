import { effect } from '@preact/signals';
import { loadConfig } from '../lib/app-config';
import { browserSocket } from '../lib/market/browser-socket';
import { marketTopics, parseInstruments, saveInstruments } from '../lib/market/instrument-list';
import { MarketSocket } from '../lib/market/market-socket';
import { QuotePersister } from '../lib/market/quote-persistence';
import type { Services } from './services';
import { routeTradingFrame, tradingTopics } from './start-trading';

/**
 * Connects the pieces in the browser: edge's instrument list → the socket's topics, the
 * session's token → the socket, socket frames → the price store → storage, and the
 * browser's online/offline events → the socket and the session.
 */
export async function startMarket(s: Services): Promise<void> {
  const persister = new QuotePersister(s.storage, s.scheduler, () => s.prices.snapshot());
  effect(() => {
    if (s.prices.revision.value > 0) persister.changed();
  });
  const flush = () => persister.flush();
  addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && flush());

  void refreshInstruments(s);
  const config = await loadConfig(globalThis.fetch.bind(globalThis), s.storage, location);
  const socket = new MarketSocket({
    url: config.coreWsUrl,
    createSocket: browserSocket,
    scheduler: s.scheduler,
    random: Math.random,
    onMarketFrame: (f) => {
      // A replay's trades and quotes (`<SYM>@<id>`) are the practice panel's, never the live prices.
      if (f.symbol.includes('@')) return s.chart.apply(f);
      if (f.type === 'bbo') return s.prices.applyBbo(f);
      s.prices.applyTrade(f);
      s.tape.apply(f);
    },
    onOtherFrame: (f) => {
      routeTradingFrame(s, f);
      s.chart.apply(f);
    },
    onStatus: (status) => {
      s.connection.value = status;
      if (status !== 'live') {
        s.prices.markAllStale();
        // A new connection must authenticate again before private topics are asked for.
        s.socketAuthed.value = false;
        s.depth.reset();
      }
    },
    onAuthError: () => void s.session.refresh(),
    onProtocolError: (code, message) => console.warn(`core: ${code} ${message}`),
  });
  socket.setNetworkAvailable(navigator.onLine);
  const publicTopics = () => marketTopics(s.instruments.value);
  effect(() => socket.setTopics([...publicTopics(), ...tradingTopics(s), ...s.chart.topics.value]));
  effect(() => {
    // A gap in the depth book: leave the topic and come back for a fresh snapshot.
    if (s.depthResync.value === 0) return;
    const all = [...publicTopics(), ...tradingTopics(s), ...s.chart.topics.peek()];
    socket.setTopics(all.filter((t) => !t.startsWith('depth.')));
    socket.setTopics(all);
  });
  effect(() => socket.setToken(s.session.token.value));
  addEventListener('online', () => {
    socket.setNetworkAvailable(true);
    if (s.instruments.value.length === 0) void refreshInstruments(s);
    if (s.session.status.value === 'anonymous') void s.session.refresh();
  });
  addEventListener('offline', () => socket.setNetworkAvailable(false));
  socket.start();
}

/** Edge's list is the truth; the stored copy only covers offline starts. */
async function refreshInstruments(s: Services): Promise<void> {
  try {
    const list = parseInstruments(await s.api.market.instruments.query());
    if (list.length === 0) return;
    s.instruments.value = list;
    saveInstruments(s.storage, list);
  } catch {
    // offline or edge down: keep the stored list; `online` tries again
  }
}
