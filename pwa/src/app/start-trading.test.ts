import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { DepthStore } from '../lib/trading/depth-store';
import type { TradingApi } from '../lib/trading/trading-api';
import { TradingStore } from '../lib/trading/trading-store';
import type { Services } from './services';
import { routeTradingFrame, tradingTopics } from './start-trading';

const A = '6f1c1f57-8f7e-4c55-9d3c-2c8c6ad0c0d1';

function services() {
  const api = new Proxy({}, { get: () => async () => [] }) as unknown as TradingApi;
  const trading = new TradingStore(api);
  trading.accountId.value = A;
  return {
    trading,
    depth: new DepthStore(() => undefined),
    focusSymbol: signal<string | null>(null),
    socketAuthed: signal(false),
  } as unknown as Services;
}

describe('trading topics', () => {
  it('asks for the private topic only once core has confirmed the token, and depth only for the symbol on screen', () => {
    const s = services();
    expect(tradingTopics(s)).toEqual([]);
    s.focusSymbol.value = 'BTC-USD';
    expect(tradingTopics(s)).toEqual(['depth.BTC-USD']);
    routeTradingFrame(s, { type: 'authed', userId: 'u', expiresAtMs: 1 });
    expect(tradingTopics(s)).toEqual(['depth.BTC-USD', `acct.${A}`]);
  });

  it('routes account and depth frames to their stores', () => {
    const s = services();
    s.depth.focus('BTC-USD');
    routeTradingFrame(s, { type: 'depthSnapshot', symbol: 'BTC-USD', seq: 1, bids: [['1.00', '2']], asks: [] });
    expect(s.depth.view.value.bids).toEqual([{ price: '1.00', qty: '2' }]);
    routeTradingFrame(s, {
      type: 'alert',
      topic: `acct.${A}`,
      seq: 1,
      alert: { kind: 'stop_triggered', message: 'Stop hit' },
    });
    expect(s.trading.notices.value.map((n) => n.text)).toEqual(['Stop hit.']);
  });
});
