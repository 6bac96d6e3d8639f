import { expect, it } from 'vitest';
import { RECENT_TRADE_SYMBOLS_MAX, RECENT_TRADES_MAX, RecentTrades } from './recent-trades';

const trade = (symbol: string, seq: number) =>
  ({ type: 'trade', symbol, seq, price: `${100 + seq}.00`, qty: '1', side: 'buy', ts: seq }) as const;

it('keeps the newest RECENT_TRADES_MAX trades of a symbol, newest first', () => {
  const tape = new RecentTrades();
  for (let seq = 1; seq <= RECENT_TRADES_MAX + 1; seq++) tape.apply(trade('BTC-USD', seq));
  const trades = tape.of('BTC-USD').value;
  expect(trades).toHaveLength(RECENT_TRADES_MAX);
  expect(trades[0]?.seq).toBe(RECENT_TRADES_MAX + 1);
  expect(trades.at(-1)?.seq).toBe(2);
  expect(tape.of('ETH-USD').value).toEqual([]);
});

it('keeps tapes for at most RECENT_TRADE_SYMBOLS_MAX symbols', () => {
  const tape = new RecentTrades();
  for (let i = 0; i <= RECENT_TRADE_SYMBOLS_MAX; i++) tape.apply(trade(`S${i}`, 1));
  expect(tape.of('S0').value).toEqual([]);
  expect(tape.of(`S${RECENT_TRADE_SYMBOLS_MAX}`).value).toHaveLength(1);
});
