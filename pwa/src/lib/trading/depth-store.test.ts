import { expect, it } from 'vitest';
import { DepthStore } from './depth-store';

it('shows the focused symbol from snapshot + deltas and asks for a re-sync on a gap', () => {
  const gaps: string[] = [];
  const store = new DepthStore((s) => gaps.push(s));
  store.focus('BTC-USD');
  store.apply({ type: 'depthSnapshot', symbol: 'ETH-USD', seq: 1, bids: [['1', '1']], asks: [] });
  expect(store.view.value.inSync).toBe(false);
  store.apply({ type: 'depthSnapshot', symbol: 'BTC-USD', seq: 4, bids: [['100', '1']], asks: [['101', '2']] });
  store.apply({ type: 'depthDelta', symbol: 'BTC-USD', seq: 5, bids: [['100.5', '3']], asks: [['101', '0']] });
  expect(store.view.value).toEqual({
    symbol: 'BTC-USD',
    bids: [
      { price: '100.5', qty: '3' },
      { price: '100', qty: '1' },
    ],
    asks: [],
    inSync: true,
  });
  store.apply({ type: 'depthDelta', symbol: 'BTC-USD', seq: 7, bids: [], asks: [] });
  expect(gaps).toEqual(['BTC-USD']);
  expect(store.view.value.inSync).toBe(false);
});
