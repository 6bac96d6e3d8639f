import type { Command } from '@tradewind/shared/engine';
import { describe, expect, it } from 'vitest';
import { decodeCommand, encodeCommand } from './command-codec';

const withReplacer = (c: Command) =>
  JSON.stringify(c, (_k, v: unknown) => (typeof v === 'bigint' ? { $n: v.toString() } : v));

describe('command codec', () => {
  it('encodes a command without bigints as plain JSON, the same text the replacer gives', () => {
    const place = {
      type: 'PlaceOrder',
      accountId: 'a',
      timeMs: 1,
      order: { symbol: 'BTC-USD', side: 'buy', orderType: 'limit', qtyLots: 10, priceTicks: 9_650_000 },
    } as Command;
    expect(encodeCommand(place)).toBe(withReplacer(place));
    expect(decodeCommand(encodeCommand(place))).toEqual(place);
  });

  it('marks bigints and decodes them back to bigints', () => {
    const deposit = { type: 'Deposit', accountId: 'a', currency: 'USD', amountMinor: 2n ** 70n, timeMs: 2 } as Command;
    const text = encodeCommand(deposit);
    expect(text).toContain('{"$n":"1180591620717411303424"}');
    expect(decodeCommand(text)).toEqual(deposit);
  });
});
