import { describe, expect, it } from 'vitest';
import { buildPlaceRequest, emptyTicket, newClientOrderId, type TicketFields } from './ticket';
import { toTradingError } from './trading-error';

const ctx = { accountId: '6f1c1f57-8f7e-4c55-9d3c-2c8c6ad0c0d1', symbol: 'BTC-USD', clientOrderId: 'pwa-1' };
const ticket = (patch: Partial<TicketFields>): TicketFields => ({ ...emptyTicket(), ...patch });

describe('buildPlaceRequest', () => {
  it('builds a limit order with only the fields its type uses', () => {
    const r = buildPlaceRequest(ticket({ quantity: ' 0.01 ', price: '90000.5', triggerPrice: '1', trail: '3' }), ctx);
    expect(r).toEqual({
      ok: true,
      request: {
        accountId: ctx.accountId,
        place: {
          kind: 'single',
          order: {
            symbol: 'BTC-USD',
            side: 'buy',
            type: 'limit',
            quantity: '0.01',
            price: '90000.5',
            timeInForce: 'GTC',
            clientOrderId: 'pwa-1',
          },
        },
      },
    });
  });

  it('builds market, stop-limit, trailing (amount or percent) and bracket orders', () => {
    const market = buildPlaceRequest(ticket({ type: 'market', side: 'sell', quantity: '1', reduceOnly: true }), ctx);
    expect(market.ok && market.request.place).toEqual({
      kind: 'single',
      order: {
        symbol: 'BTC-USD',
        side: 'sell',
        type: 'market',
        quantity: '1',
        reduceOnly: true,
        clientOrderId: 'pwa-1',
      },
    });
    const stopLimit = buildPlaceRequest(
      ticket({ type: 'stop_limit', quantity: '1', price: '9', triggerPrice: '10' }),
      ctx,
    );
    expect(stopLimit.ok).toBe(true);
    const trail = buildPlaceRequest(
      ticket({ type: 'trailing_stop', quantity: '1', trailBy: 'percent', trail: '1.5' }),
      ctx,
    );
    expect(trail.ok && trail.request.place.kind === 'single' && trail.request.place.order.trailPercent).toBe('1.5');
    const bracket = buildPlaceRequest(
      ticket({ type: 'market', quantity: '0.01', bracket: true, takeProfitPrice: '110', stopLossTriggerPrice: '90' }),
      ctx,
    );
    expect(bracket.ok && bracket.request.place).toMatchObject({
      kind: 'bracket',
      takeProfitPrice: '110',
      stopLossTriggerPrice: '90',
    });
  });
});

describe('buildPlaceRequest errors', () => {
  it('reports errors against the ticket fields, with the same rules as the server', () => {
    const r = buildPlaceRequest(ticket({ quantity: '-1', price: '' }), ctx);
    expect(r.ok).toBe(false);
    expect(!r.ok && Object.keys(r.fields).sort()).toEqual(['price', 'quantity']);
    const zero = buildPlaceRequest(ticket({ type: 'market', quantity: '0' }), ctx);
    expect(!zero.ok && zero.fields.quantity).toMatch(/greater than zero/);
    const trail = buildPlaceRequest(ticket({ type: 'trailing_stop', quantity: '1' }), ctx);
    expect(!trail.ok && trail.fields.trail).toBeDefined();
    const gtd = buildPlaceRequest(ticket({ quantity: '1', price: '1', timeInForce: 'GTD' }), ctx);
    expect(!gtd.ok && Object.keys(gtd.fields)).toContain('expireAt');
    const bracket = buildPlaceRequest(ticket({ type: 'market', quantity: '1', bracket: true }), ctx);
    expect(!bracket.ok && Object.keys(bracket.fields).sort()).toEqual(['stopLossTriggerPrice', 'takeProfitPrice']);
  });
});

describe('client order ids and errors', () => {
  it('makes ids the schema accepts', () => {
    const id = newClientOrderId(1_764_000_000_000, () => 0.5);
    expect(id).toMatch(/^pwa-[a-z0-9]+-[a-z0-9]{8}$/);
    expect(buildPlaceRequest(ticket({ type: 'market', quantity: '1' }), { ...ctx, clientOrderId: id }).ok).toBe(true);
  });

  it("shows core's reason plainly, and a request without an answer as offline", () => {
    const rejected = {
      message: 'not enough buying power',
      data: { code: 'UNPROCESSABLE_CONTENT', reason: 'RISK_INSUFFICIENT_BUYING_POWER' },
    };
    expect(toTradingError(rejected)).toEqual({
      reason: 'RISK_INSUFFICIENT_BUYING_POWER',
      message: 'Not enough buying power',
    });
    expect(toTradingError(new TypeError('Failed to fetch')).message).toMatch(/cannot reach/i);
    expect(toTradingError({ message: 'stack', data: { code: 'INTERNAL_SERVER_ERROR' } }).message).toMatch(
      /nothing was changed/i,
    );
    for (const odd of [null, undefined, 3, 'x']) expect(() => toTradingError(odd)).not.toThrow();
  });
});
