import { expect, test } from 'vitest';
import { hrefOfChart, parseHash } from '../../app/router';

test('#/chart/<SYMBOL> is the chart route; malformed symbols are not-found, never a throw', () => {
  expect(parseHash('#/chart/BTC-USD')).toEqual({ name: 'chart', symbol: 'BTC-USD' });
  expect(parseHash(hrefOfChart('AAPL'))).toEqual({ name: 'chart', symbol: 'AAPL' });
  expect(parseHash('#/chart/btc usd')).toMatchObject({ name: 'not-found' });
  expect(parseHash('#/chart/%E0%A4%A')).toMatchObject({ name: 'not-found' });
  expect(parseHash('#/chart/')).toMatchObject({ name: 'not-found' });
});
