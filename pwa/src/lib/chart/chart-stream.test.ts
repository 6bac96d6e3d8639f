import type { Bar1sFrame, ReplayStatusFrame } from '@tradewind/shared/protocol';
import { expect, test } from 'vitest';
import { ChartStream } from './chart-stream';

const bar = (symbol: string, seq: number): Bar1sFrame => ({
  type: 'bar',
  symbol,
  seq,
  interval: '1s',
  openTimeMs: seq * 1000,
  open: '1',
  high: '1',
  low: '1',
  close: '1',
  volume: '1',
  trades: 1,
});

function follower() {
  const seen = { bars: [] as number[], gaps: 0, statuses: [] as string[] };
  return {
    seen,
    f: {
      onBar: (b: Bar1sFrame) => seen.bars.push(b.seq),
      onGap: () => {
        seen.gaps += 1;
      },
      onStatus: (s: ReplayStatusFrame) => seen.statuses.push(s.state),
    },
  };
}

test('follows one symbol: its bar topic for the live market, bar and status topics for a replay', () => {
  const stream = new ChartStream();
  const live = follower();
  const stop = stream.follow('BTC-USD', live.f);
  expect(stream.topics.value).toEqual(['bars1s.BTC-USD']);
  stream.apply(bar('ETH-USD', 1));
  stream.apply(bar('BTC-USD', 7));
  stream.apply(bar('BTC-USD', 8));
  expect(live.seen).toMatchObject({ bars: [7, 8], gaps: 0 });
  stop();
  expect(stream.topics.value).toEqual([]);
  stream.apply(bar('BTC-USD', 9));
  expect(live.seen.bars).toEqual([7, 8]);

  const replay = follower();
  stream.follow('BTC-USD@0123456789abcdef', replay.f);
  expect(stream.topics.value).toEqual(['bars1s.BTC-USD@0123456789abcdef', 'replay.BTC-USD@0123456789abcdef']);
  stream.apply({ type: 'replay', symbol: 'BTC-USD@0123456789abcdef', state: 'playing' } as ReplayStatusFrame);
  expect(replay.seen.statuses).toEqual(['playing']);
});

test('a gap in seq (conflated frames) or a restart of the count means bars were missed', () => {
  const stream = new ChartStream();
  const f = follower();
  stream.follow('BTC-USD', f.f);
  stream.apply(bar('BTC-USD', 3));
  stream.apply(bar('BTC-USD', 5)); // 4 was dropped for a slow socket: reload, and keep this one
  expect(f.seen).toMatchObject({ bars: [3, 5], gaps: 1 });
  stream.apply(bar('BTC-USD', 1)); // a new subscription after a core restart
  expect(f.seen).toMatchObject({ bars: [3, 5], gaps: 2 });
  stream.apply(bar('BTC-USD', 2));
  expect(f.seen).toMatchObject({ bars: [3, 5, 2], gaps: 2 });
});

test('a replay tape listener adds the replay trades and bbo topics and hears only that replay', () => {
  const stream = new ChartStream();
  const { f } = follower();
  const stop = stream.follow('BTC-USD@abc', f);
  expect(stream.topics.value).toEqual(['bars1s.BTC-USD@abc', 'replay.BTC-USD@abc']);
  const heard: string[] = [];
  const unlisten = stream.listenTape((m) => heard.push(`${m.type}:${m.symbol}`));
  expect(stream.topics.value).toEqual([
    'bars1s.BTC-USD@abc',
    'replay.BTC-USD@abc',
    'trades.BTC-USD@abc',
    'bbo.BTC-USD@abc',
  ]);
  const trade = { type: 'trade', seq: 1, price: '1.00', qty: '1', side: 'buy', ts: 1 } as const;
  stream.apply({ ...trade, symbol: 'BTC-USD@abc' });
  stream.apply({ ...trade, symbol: 'BTC-USD@other' });
  stream.apply({ type: 'bbo', symbol: 'BTC-USD@abc', seq: 2, bid: '1', bidQty: '1', ask: '2', askQty: '1', ts: 2 });
  expect(heard).toEqual(['trade:BTC-USD@abc', 'bbo:BTC-USD@abc']);
  unlisten();
  expect(stream.topics.value).toEqual(['bars1s.BTC-USD@abc', 'replay.BTC-USD@abc']);
  stop();
  expect(stream.topics.value).toEqual([]);
});
