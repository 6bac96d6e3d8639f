import { describe, expect, it } from 'vitest';
import { hrefOf, hrefOfSymbol, matchPattern, parseHash, ROUTE_PATH_MAX } from './router';

describe('parseHash', () => {
  it('maps the hashes of the app to routes, with or without slashes', () => {
    expect(parseHash('')).toEqual({ name: 'market' });
    expect(parseHash('#/')).toEqual({ name: 'market' });
    expect(parseHash('#/login')).toEqual({ name: 'login' });
    expect(parseHash('#login/')).toEqual({ name: 'login' });
    expect(parseHash('#/register?from=ad')).toEqual({ name: 'register' });
  });

  it('reports an unknown path as not found, and bounds what it reads', () => {
    expect(parseHash('#/nope')).toEqual({ name: 'not-found', path: '/nope' });
    const long = parseHash(`#/${'x'.repeat(ROUTE_PATH_MAX * 2)}`);
    expect(long.name === 'not-found' && long.path.length).toBeLessThanOrEqual(ROUTE_PATH_MAX);
  });

  it('builds hrefs for named routes', () => {
    expect(hrefOf('login')).toBe('#/login');
    expect(hrefOf('market')).toBe('#/');
    expect(hrefOf('api-keys')).toBe('#/settings/api-keys');
    expect(parseHash('#/settings/api-keys')).toEqual({ name: 'api-keys' });
    expect(hrefOf('security')).toBe('#/settings/security');
    expect(parseHash('#/settings/security/')).toEqual({ name: 'security' });
  });
});

describe('trading routes', () => {
  it('maps the symbol screen, orders and portfolio, and refuses what is not a symbol', () => {
    expect(parseHash('#/trade/BTC-USD')).toEqual({ name: 'trade', symbol: 'BTC-USD' });
    expect(parseHash(hrefOfSymbol('AAPL'))).toEqual({ name: 'trade', symbol: 'AAPL' });
    expect(parseHash('#/orders')).toEqual({ name: 'orders' });
    expect(parseHash('#/portfolio/')).toEqual({ name: 'portfolio' });
    expect(parseHash('#/trade/btc usd')).toMatchObject({ name: 'not-found' });
    expect(parseHash('#/trade/%E0%A4%A')).toMatchObject({ name: 'not-found' });
    expect(parseHash('#/trade/')).toMatchObject({ name: 'not-found' });
  });
});

describe('strategies routes', () => {
  it('maps the list and one deployment by its uuid, and refuses other ids', () => {
    const id = '0b7c2f4e-1d2a-4c3b-9e8f-7a6b5c4d3e2f';
    expect(parseHash('#/strategies')).toEqual({ name: 'strategies' });
    expect(hrefOf('strategies')).toBe('#/strategies');
    expect(parseHash(`#/strategies/${id}`)).toEqual({ name: 'strategies', id });
    expect(parseHash('#/strategies/42')).toMatchObject({ name: 'not-found' });
    expect(parseHash(`#/strategies/${id}/x`)).toMatchObject({ name: 'not-found' });
  });
});

describe('matchPattern', () => {
  it('captures parameters for routes that will need them', () => {
    expect(matchPattern('/chart/:symbol', '/chart/BTC-USD')).toEqual({ symbol: 'BTC-USD' });
    expect(matchPattern('/chart/:symbol', '/chart/')).toBe(undefined);
    expect(matchPattern('/chart/:symbol', '/chart/a/b')).toBe(undefined);
  });
});
