import { TRADING_REJECT_CODES } from '@tradewind/shared/protocol';
import { expect, test } from 'vitest';
import { EDGE_ERRORS } from '../../errors';
import { isTradingRejectCode, trpcCodeOfReject } from './reject-mapping';

test('every reject code of core has an EDGE_ERRORS entry with a tRPC code and a message', () => {
  for (const code of TRADING_REJECT_CODES) {
    expect(EDGE_ERRORS[code]).toEqual({ code: trpcCodeOfReject(code), message: expect.stringMatching(/\S/) });
  }
});

test('the mapping: not found is NOT_FOUND, the market saying no is 422, a paused core is 503', () => {
  expect(trpcCodeOfReject('NOT_FOUND')).toBe('NOT_FOUND');
  expect(trpcCodeOfReject('ORDER_NOT_FOUND')).toBe('NOT_FOUND');
  expect(trpcCodeOfReject('ACCOUNT_UNKNOWN')).toBe('NOT_FOUND');
  expect(trpcCodeOfReject('INVALID')).toBe('BAD_REQUEST');
  expect(trpcCodeOfReject('OFF_GRID')).toBe('BAD_REQUEST');
  expect(trpcCodeOfReject('CMD_MALFORMED')).toBe('BAD_REQUEST');
  expect(trpcCodeOfReject('RISK_INSUFFICIENT_BUYING_POWER')).toBe('UNPROCESSABLE_CONTENT');
  expect(trpcCodeOfReject('ACCOUNT_HALTED')).toBe('UNPROCESSABLE_CONTENT');
  expect(trpcCodeOfReject('RISK_RATE_LIMITED')).toBe('TOO_MANY_REQUESTS');
  expect(trpcCodeOfReject('ORDER_DUPLICATE_CLIENT_ID')).toBe('CONFLICT');
  expect(trpcCodeOfReject('CORE_JOURNAL_UNAVAILABLE')).toBe('SERVICE_UNAVAILABLE');
  expect(trpcCodeOfReject('AUTH_REQUIRED')).toBe('UNAUTHORIZED');
});

test('only the closed set counts as a reject code', () => {
  expect(isTradingRejectCode('RISK_PRICE_BAND')).toBe(true);
  for (const odd of ['risk_price_band', 'TRADING_UNAVAILABLE', '', 7, null, undefined]) {
    expect(isTradingRejectCode(odd)).toBe(false);
  }
});
