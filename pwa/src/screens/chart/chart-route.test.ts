import { expect, test } from 'vitest';
import { hrefOfChart, hrefOfReplay, parseHash } from '../../app/router';

test('#/chart/<SYMBOL> is the chart route; malformed symbols are not-found, never a throw', () => {
  expect(parseHash('#/chart/BTC-USD')).toEqual({ name: 'chart', symbol: 'BTC-USD' });
  expect(parseHash(hrefOfChart('AAPL'))).toEqual({ name: 'chart', symbol: 'AAPL' });
  expect(parseHash('#/chart/btc usd')).toMatchObject({ name: 'not-found' });
  expect(parseHash('#/chart/%E0%A4%A')).toMatchObject({ name: 'not-found' });
  expect(parseHash('#/chart/')).toMatchObject({ name: 'not-found' });
});

test('#/chart/<SYMBOL>/replay/<id> is the chart playing a replay; a malformed id is not-found', () => {
  const id = '0123456789abcdef';
  expect(parseHash(hrefOfReplay('BTC-USD', id))).toEqual({ name: 'chart', symbol: 'BTC-USD', replay: id });
  expect(parseHash('#/chart/BTC-USD/replay/XYZ')).toMatchObject({ name: 'not-found' });
  expect(parseHash(`#/chart/btc/replay/${id}`)).toMatchObject({ name: 'not-found' });
  expect(parseHash('#/import')).toEqual({ name: 'import' });
});
