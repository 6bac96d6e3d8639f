import type { MarketFrame } from '@tradewind/shared/protocol';
import {
  SUBSCRIPTIONS_PER_SOCKET_MAX,
  TOPICS_PER_MESSAGE_MAX,
  WS_CLOSE_SESSION_REVOKED,
} from '@tradewind/shared/protocol';
import { describe, expect, it } from 'vitest';
import { ManualScheduler } from '../util/manual-scheduler';
import { reconnectDelayMs } from './backoff';
import { FakeSocket, seededRandom } from './fake-socket';
import {
  CLOSE_CODE_OFFLINE,
  CLOSE_CODE_SILENT,
  type ConnectionStatus,
  HEARTBEAT_INTERVAL_MS,
  MarketSocket,
} from './market-socket';

const URL = 'ws://127.0.0.1:8081/v1/ws';
const HELLO = {
  type: 'hello',
  v: 1,
  serverTimeMs: 0,
  limits: { frameBytesMax: 4096, subscriptionsMax: 256, messagesPerSecondMax: 50 },
};
const trade = (symbol: string, seq: number, price = '100.00') => ({
  type: 'trade',
  symbol,
  seq,
  price,
  qty: '1',
  side: 'buy',
  ts: 1_700_000_000_000 + seq,
});

function setup(seed = 42) {
  const scheduler = new ManualScheduler();
  const sockets: FakeSocket[] = [];
  const frames: MarketFrame[] = [];
  const statuses: ConnectionStatus[] = [];
  const authErrors: string[] = [];
  const client = new MarketSocket({
    url: URL,
    scheduler,
    random: seededRandom(seed),
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    onMarketFrame: (f) => frames.push(f),
    onStatus: (s) => statuses.push(s),
    onAuthError: (code) => authErrors.push(code),
  });
  const last = (): FakeSocket => {
    const s = sockets.at(-1);
    if (!s) throw new Error('no socket was created');
    return s;
  };
  return { scheduler, sockets, frames, statuses, authErrors, client, last };
}

describe('MarketSocket connecting and subscribing', () => {
  it('connects, goes live on open, and subscribes to every wanted topic', () => {
    const t = setup();
    t.client.setTopics(['trades.BTC-USD', 'bbo.BTC-USD']);
    t.client.start();
    expect(t.last().url).toBe(URL);
    expect(t.client.status).toBe('connecting');
    t.last().serverOpens();
    expect(t.client.status).toBe('live');
    expect(t.last().sent).toEqual([{ op: 'subscribe', id: 'sub-1', topics: ['trades.BTC-USD', 'bbo.BTC-USD'] }]);
    expect(t.statuses).toEqual(['connecting', 'live']);
  });

  it('splits a large subscription into messages of at most the per-message limit', () => {
    const t = setup();
    const topics = Array.from({ length: TOPICS_PER_MESSAGE_MAX + 1 }, (_, i) => `trades.S${i}`);
    t.client.setTopics(topics);
    t.client.start();
    t.last().serverOpens();
    const sizes = t.last().sent.map((m) => (m.topics as string[]).length);
    expect(sizes).toEqual([TOPICS_PER_MESSAGE_MAX, 1]);
  });

  it('accepts exactly the per-socket subscription limit and refuses one more', () => {
    const t = setup();
    const topics = Array.from({ length: SUBSCRIPTIONS_PER_SOCKET_MAX + 1 }, (_, i) => `bbo.S${i}`);
    expect(() => t.client.setTopics(topics.slice(0, SUBSCRIPTIONS_PER_SOCKET_MAX))).not.toThrow();
    expect(() => t.client.setTopics(topics)).toThrow(/at most 256 topics/);
  });

  it('on a live socket sends only the difference when the wanted topics change', () => {
    const t = setup();
    t.client.setTopics(['trades.A', 'trades.B']);
    t.client.start();
    t.last().serverOpens();
    t.client.setTopics(['trades.B', 'trades.C']);
    expect(t.last().sent.slice(1)).toEqual([
      { op: 'unsubscribe', id: 'unsub-2', topics: ['trades.A'] },
      { op: 'subscribe', id: 'sub-3', topics: ['trades.C'] },
    ]);
  });
});

describe('MarketSocket reconnection', () => {
  it('reconnects after a drop and re-sends the token and every subscription', () => {
    const t = setup();
    t.client.setTopics(['trades.ETH-USD']);
    t.client.setToken('tok-1');
    t.client.start();
    t.last().serverOpens();
    t.last().serverCloses(1006);
    expect(t.client.status).toBe('reconnecting');
    t.scheduler.advance(500); // the first delay is at most the minimum
    expect(t.sockets).toHaveLength(2);
    t.last().serverOpens();
    expect(t.last().sent).toEqual([
      { op: 'auth', id: 'auth-3', token: 'tok-1' },
      { op: 'subscribe', id: 'sub-4', topics: ['trades.ETH-USD'] },
    ]);
    expect(t.statuses).toEqual(['connecting', 'live', 'reconnecting', 'live']);
  });

  it('waits an exponentially growing, jittered delay between failed attempts', () => {
    const t = setup(7);
    const expected = seededRandom(7);
    t.client.start();
    for (let attempt = 0; attempt < 8; attempt++) {
      t.last().serverCloses(1006);
      const delay = reconnectDelayMs(attempt, expected());
      expect(t.scheduler.pendingDelaysMs()).toEqual([delay]);
      t.scheduler.advance(delay - 1);
      expect(t.sockets).toHaveLength(attempt + 1);
      t.scheduler.advance(1);
      expect(t.sockets).toHaveLength(attempt + 2);
    }
    expect(t.client.attempt).toBe(8);
  });

  it('starts the backoff over once the server has said hello', () => {
    const t = setup();
    t.client.start();
    for (let i = 0; i < 5; i++) {
      t.last().serverCloses();
      t.scheduler.advance(60_000);
    }
    expect(t.client.attempt).toBe(5);
    t.last().serverOpens();
    expect(t.client.attempt).toBe(5); // an open socket alone proves little
    t.last().serverSends(HELLO);
    expect(t.client.attempt).toBe(0);
    t.last().serverCloses();
    expect(t.scheduler.pendingDelaysMs()[0]).toBeLessThanOrEqual(500);
  });

  it('retries when the socket cannot even be created', () => {
    const scheduler = new ManualScheduler();
    let calls = 0;
    const client = new MarketSocket({
      url: 'not a url',
      scheduler,
      random: () => 0.5,
      createSocket: () => {
        calls += 1;
        throw new SyntaxError('bad url');
      },
      onMarketFrame: () => undefined,
    });
    client.start();
    expect(client.status).toBe('reconnecting');
    scheduler.advance(1_000);
    expect(calls).toBe(2);
  });

  it('stops for good on stop(): no reconnect, socket closed normally', () => {
    const t = setup();
    t.client.start();
    t.last().serverOpens();
    const socket = t.last();
    t.client.stop();
    expect(socket.closedByClient).toEqual({ code: 1000, reason: 'client stopped' });
    socket.serverCloses(1000);
    t.scheduler.advance(120_000);
    expect(t.sockets).toHaveLength(1);
    expect(t.client.status).toBe('stopped');
  });
});

describe('MarketSocket and the network', () => {
  it('goes offline at once when the network drops, without retrying into the void', () => {
    const t = setup();
    t.client.start();
    t.last().serverOpens();
    t.client.setNetworkAvailable(false);
    expect(t.client.status).toBe('offline');
    expect(t.last().closedByClient?.code).toBe(CLOSE_CODE_OFFLINE);
    expect(t.scheduler.pendingDelaysMs()).toEqual([]);
    t.scheduler.advance(300_000);
    expect(t.sockets).toHaveLength(1);
  });

  it('reconnects immediately, with a fresh backoff, when the network returns', () => {
    const t = setup();
    t.client.start();
    t.last().serverCloses();
    t.scheduler.advance(500);
    t.last().serverCloses();
    t.client.setNetworkAvailable(false);
    t.client.setNetworkAvailable(true);
    expect(t.sockets).toHaveLength(3);
    expect(t.client.status).toBe('reconnecting');
    expect(t.client.attempt).toBe(0);
  });

  it('starts offline without creating a socket when there is no network', () => {
    const t = setup();
    t.client.setNetworkAvailable(false);
    t.client.start();
    expect(t.client.status).toBe('offline');
    expect(t.sockets).toHaveLength(0);
  });
});

describe('MarketSocket authentication', () => {
  it('sends a new token on a live socket, and logout when the user signs out', () => {
    const t = setup();
    t.client.start();
    t.last().serverOpens();
    t.client.setToken('tok-a');
    t.client.setToken('tok-a'); // unchanged: nothing sent
    t.client.setToken('tok-b');
    t.client.setToken(null);
    expect(t.last().sent).toEqual([
      { op: 'auth', id: 'auth-1', token: 'tok-a' },
      { op: 'auth', id: 'auth-2', token: 'tok-b' },
      { op: 'logout', id: 'logout-3' },
    ]);
  });

  it('reports a refused or expired token so the session can refresh it', () => {
    const t = setup();
    t.client.start();
    t.last().serverOpens();
    t.last().serverSends({ type: 'error', code: 'AUTH_EXPIRED', message: 'token expired' });
    t.last().serverSends({ type: 'error', code: 'PROTO_INVALID', message: 'not about auth' });
    expect(t.authErrors).toEqual(['AUTH_EXPIRED']);
  });

  it('on a close for a revoked session (logout, password change) drops the token, reports it and reconnects anonymously', () => {
    const t = setup();
    t.client.start();
    t.last().serverOpens();
    t.last().serverSends(HELLO);
    t.client.setTopics(['trade.BTC-USD']);
    t.client.setToken('tok-old');
    t.last().serverCloses(WS_CLOSE_SESSION_REVOKED, 'session revoked');
    expect(t.authErrors).toEqual(['AUTH_SESSION_REVOKED']);
    t.scheduler.advance(reconnectDelayMs(0, 1));
    expect(t.sockets).toHaveLength(2);
    t.last().serverOpens();
    // Market data again, without the dead token; a refreshed one is sent when the session has it.
    expect(t.last().ops()).toEqual(['subscribe']);
    t.client.setToken('tok-new');
    expect(t.last().ops()).toEqual(['subscribe', 'auth']);
  });

  it('an ordinary close keeps the token for the next connection', () => {
    const t = setup();
    t.client.start();
    t.last().serverOpens();
    t.client.setToken('tok-a');
    t.last().serverCloses(1006);
    t.scheduler.advance(reconnectDelayMs(0, 1));
    t.last().serverOpens();
    expect(t.authErrors).toEqual([]);
    expect(t.last().ops()[0]).toBe('auth');
  });

  it('reports a session revoked at auth time like a refused token', () => {
    const t = setup();
    t.client.start();
    t.last().serverOpens();
    t.last().serverSends({ type: 'error', code: 'AUTH_SESSION_REVOKED', message: 'session ended' });
    t.last().serverSends({ type: 'error', code: 'AUTH_UNAVAILABLE', message: 'try again' });
    expect(t.authErrors).toEqual(['AUTH_SESSION_REVOKED']);
  });
});

describe('MarketSocket frames', () => {
  it('passes market frames on and drops repeated or older seq per symbol and channel', () => {
    const t = setup();
    t.client.start();
    t.last().serverOpens();
    for (const seq of [1, 2, 2, 1, 3]) t.last().serverSends(trade('BTC-USD', seq));
    t.last().serverSends(trade('ETH-USD', 1));
    t.last().serverSends({
      type: 'bbo',
      symbol: 'BTC-USD',
      seq: 1,
      bid: '1',
      bidQty: '1',
      ask: '2',
      askQty: '1',
      ts: 0,
    });
    expect(t.frames.map((f) => `${f.type}.${f.symbol}#${f.seq}`)).toEqual([
      'trade.BTC-USD#1',
      'trade.BTC-USD#2',
      'trade.BTC-USD#3',
      'trade.ETH-USD#1',
      'bbo.BTC-USD#1',
    ]);
  });

  it('forgets seq on a new connection (a restarted core counts from the start)', () => {
    const t = setup();
    t.client.start();
    t.last().serverOpens();
    t.last().serverSends(trade('BTC-USD', 50));
    t.last().serverCloses();
    t.scheduler.advance(500);
    t.last().serverOpens();
    t.last().serverSends(trade('BTC-USD', 1));
    expect(t.frames.map((f) => f.seq)).toEqual([50, 1]);
  });

  it('ignores malformed and binary frames and stays usable', () => {
    const t = setup();
    t.client.start();
    t.last().serverOpens();
    t.last().serverSendsRaw('{not json');
    t.last().serverSendsRaw(new ArrayBuffer(8));
    t.last().serverSendsRaw('[1,2]');
    t.last().serverSends(trade('SOL-USD', 1));
    expect(t.frames).toHaveLength(1);
    expect(t.client.status).toBe('live');
  });

  it('ignores events of a socket it has already replaced', () => {
    const t = setup();
    t.client.start();
    const first = t.last();
    first.serverCloses();
    t.scheduler.advance(500);
    first.serverSends(trade('BTC-USD', 1));
    first.serverOpens();
    expect(t.frames).toHaveLength(0);
    expect(t.client.status).toBe('reconnecting');
  });
});

describe('MarketSocket heartbeat', () => {
  it('pings a silent server, then drops the socket and reconnects after two silent beats', () => {
    const t = setup();
    t.client.start();
    t.last().serverOpens();
    t.scheduler.advance(HEARTBEAT_INTERVAL_MS); // frames were "seen" at open: no ping yet
    expect(t.last().ops()).toEqual([]);
    t.scheduler.advance(HEARTBEAT_INTERVAL_MS);
    expect(t.last().ops()).toEqual(['ping']);
    t.scheduler.advance(HEARTBEAT_INTERVAL_MS);
    expect(t.last().closedByClient?.code).toBe(CLOSE_CODE_SILENT);
    expect(t.client.status).toBe('reconnecting');
    t.scheduler.advance(500);
    expect(t.sockets).toHaveLength(2);
  });

  it('keeps a socket that keeps talking', () => {
    const t = setup();
    t.client.start();
    t.last().serverOpens();
    for (let i = 1; i <= 10; i++) {
      t.last().serverSends(trade('BTC-USD', i));
      t.scheduler.advance(HEARTBEAT_INTERVAL_MS);
    }
    expect(t.last().ops()).toEqual([]);
    expect(t.client.status).toBe('live');
  });
});
