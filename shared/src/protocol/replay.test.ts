import { describe, expect, it } from 'vitest';
import { topicSchema } from './client-messages';
import { parseReplaySymbol, replayStartSchema, replayTopicsOf } from './replay';

const ID = '0123456789abcdef';

describe('replay topics', () => {
  it.each([
    `trades.BTC-USD@${ID}`,
    `bbo.BTC-USD@${ID}`,
    `bars1s.AAPL@${ID}`,
    `depth.BTC-USD@${ID}`,
    `replay.BTC-USD@${ID}`,
  ])('accepts %s', (t) => expect(topicSchema.safeParse(t).success).toBe(true));

  it.each([
    'replay.BTC-USD',
    `trades.BTC-USD@${ID.toUpperCase()}`,
    `trades.BTC-USD@${ID}0`,
    `trades.BTC-USD@`,
    `nope.BTC-USD@${ID}`,
    `trades.btc-usd@${ID}`,
    `trades.BTC-USD@${ID}@${ID}`,
  ])('refuses %s', (t) => expect(topicSchema.safeParse(t).success).toBe(false));

  it('a replay symbol splits into the symbol and the session; a live symbol is not one', () => {
    expect(parseReplaySymbol(`BTC-USD@${ID}`)).toEqual({ symbol: 'BTC-USD', id: ID });
    expect(parseReplaySymbol('BTC-USD')).toBeUndefined();
    expect(parseReplaySymbol(`BTC-USD@xyz`)).toBeUndefined();
    expect(replayTopicsOf(`BTC-USD@${ID}`).every((t) => topicSchema.safeParse(t).success)).toBe(true);
  });

  it('a start request is strict: speed 1…1000 or max', () => {
    const ok = { symbol: 'BTC-USD', fromMs: 0, toMs: 1, speed: 'max' };
    expect(replayStartSchema.safeParse(ok).success).toBe(true);
    expect(replayStartSchema.safeParse({ ...ok, speed: 1000 }).success).toBe(true);
    expect(replayStartSchema.safeParse({ ...ok, speed: 1001 }).success).toBe(false);
    expect(replayStartSchema.safeParse({ ...ok, more: 1 }).success).toBe(false);
  });
});
