import { describe, expect, it } from 'vitest';
import { decodeClientMessage } from './codec';
import {
  cancelRequestSchema,
  clientOrderIdSchema,
  decimalStringSchema,
  httpStatusOfReject,
  isAccountTopic,
  modifyRequestSchema,
  orderSpecSchema,
  TRADING_REJECT_CODES,
} from './trading';

const ACCOUNT = 'abcdef01-1111-4111-8111-11111111abcd';
const limit = { symbol: 'BTC-USD', side: 'buy', type: 'limit', quantity: '0.5', price: '100.25' };

describe('order-entry contract', () => {
  it('accepts every order type with the prices it needs, and refuses missing or extra ones', () => {
    const ok = [
      { ...limit, type: 'market', price: undefined },
      limit,
      { ...limit, type: 'stop_market', price: undefined, triggerPrice: '99' },
      { ...limit, type: 'stop_limit', triggerPrice: '99' },
      { ...limit, type: 'take_profit', price: undefined, triggerPrice: '120' },
      { ...limit, type: 'take_profit_limit', triggerPrice: '120' },
      { ...limit, type: 'trailing_stop', price: undefined, trailAmount: '5' },
      { ...limit, type: 'trailing_stop', price: undefined, trailPercent: '1.5', triggerPrice: '98' },
      { ...limit, timeInForce: 'GTD', expireAtMs: 1_800_000_000_000 },
    ];
    for (const o of ok)
      expect(orderSpecSchema.safeParse(JSON.parse(JSON.stringify(o))).success, JSON.stringify(o)).toBe(true);
    const bad = [
      { ...limit, price: undefined },
      { ...limit, type: 'market' },
      { ...limit, type: 'stop_limit' },
      { ...limit, type: 'trailing_stop', price: undefined },
      { ...limit, type: 'trailing_stop', price: undefined, trailAmount: '5', trailPercent: '1' },
      { ...limit, timeInForce: 'GTD' },
      { ...limit, expireAtMs: 1_800_000_000_000 },
      { ...limit, leverage: 5 },
    ];
    for (const o of bad)
      expect(orderSpecSchema.safeParse(JSON.parse(JSON.stringify(o))).success, JSON.stringify(o)).toBe(false);
  });

  it('decimals are positive strings of at most 18 integer and 18 fraction digits', () => {
    expect(decimalStringSchema.safeParse(`${'9'.repeat(18)}.${'1'.repeat(18)}`).success).toBe(true);
    expect(decimalStringSchema.safeParse(`${'9'.repeat(19)}`).success).toBe(false);
    expect(decimalStringSchema.safeParse(`1.${'1'.repeat(19)}`).success).toBe(false);
    for (const v of ['0', '0.000', '-1', '1e3', ' 1', '1.', '.5', 1])
      expect(decimalStringSchema.safeParse(v).success).toBe(false);
  });

  it('client order ids: 64 characters pass, 65 do not', () => {
    expect(clientOrderIdSchema.safeParse('a'.repeat(64)).success).toBe(true);
    expect(clientOrderIdSchema.safeParse('a'.repeat(65)).success).toBe(false);
    expect(clientOrderIdSchema.safeParse('has space').success).toBe(false);
  });

  it('modify needs a change; cancel needs exactly one of orderId / clientOrderId', () => {
    expect(modifyRequestSchema.safeParse({ accountId: ACCOUNT, orderId: '7' }).success).toBe(false);
    expect(modifyRequestSchema.safeParse({ accountId: ACCOUNT, orderId: '7', price: '1' }).success).toBe(true);
    expect(cancelRequestSchema.safeParse({ accountId: ACCOUNT }).success).toBe(false);
    expect(cancelRequestSchema.safeParse({ accountId: ACCOUNT, orderId: '7', clientOrderId: 'x' }).success).toBe(false);
    expect(cancelRequestSchema.safeParse({ accountId: ACCOUNT, clientOrderId: 'x' }).success).toBe(true);
  });

  it('the WS decoder takes trading ops and private topics, and still refuses unknown ops', () => {
    const place = { op: 'place', id: '1', accountId: ACCOUNT, place: { kind: 'single', order: limit } };
    expect(decodeClientMessage(JSON.stringify(place))).toMatchObject({ ok: true });
    const bracket = {
      ...place,
      place: { kind: 'bracket', entry: limit, takeProfitPrice: '110', stopLossTriggerPrice: '95' },
    };
    expect(decodeClientMessage(JSON.stringify(bracket))).toMatchObject({ ok: true });
    expect(
      decodeClientMessage(
        JSON.stringify({ op: 'subscribe', topics: [`acct.${ACCOUNT}`, 'depth.BTC-USD', 'bars1s.AAPL'] }),
      ),
    ).toMatchObject({ ok: true });
    expect(decodeClientMessage(JSON.stringify({ op: 'subscribe', topics: ['acct.not-a-uuid'] }))).toMatchObject({
      ok: false,
      code: 'PROTO_INVALID',
    });
    expect(decodeClientMessage(JSON.stringify({ op: 'transfer', id: '2' }))).toMatchObject({
      ok: false,
      code: 'PROTO_UNKNOWN_OP',
      id: '2',
    });
    expect(isAccountTopic(`acct.${ACCOUNT}`)).toBe(true);
    expect(isAccountTopic(`acct.${ACCOUNT.toUpperCase()}`)).toBe(false);
  });

  it('every reject code maps to an HTTP status', () => {
    for (const code of TRADING_REJECT_CODES)
      expect([400, 401, 403, 404, 422, 429, 503]).toContain(httpStatusOfReject(code));
    expect(httpStatusOfReject('NOT_FOUND')).toBe(404);
    expect(httpStatusOfReject('CORE_JOURNAL_UNAVAILABLE')).toBe(503);
  });
});
