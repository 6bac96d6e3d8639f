import { BUS_EVENT_TYPES } from '@tradewind/db/bus';
import { expect, test } from 'vitest';
import { checkTargetUrl, TARGET_URL_CHARS_MAX } from './channels/target-url';
import { messageFor } from './event-messages';
import { isTimeZone, localMinutes, quietDelayMs } from './quiet-hours';

const at = (iso: string) => Date.parse(iso);

test('local minutes follow the zone, including its DST offset', () => {
  expect(localMinutes(at('2026-11-24T12:00:00Z'), 'UTC')).toBe(12 * 60);
  expect(localMinutes(at('2026-11-24T12:00:00Z'), 'America/New_York')).toBe(7 * 60); // EST, UTC−5
  expect(localMinutes(at('2026-07-24T12:00:00Z'), 'America/New_York')).toBe(8 * 60); // EDT, UTC−4
  expect(localMinutes(at('2026-11-24T12:30:00Z'), 'Asia/Kolkata')).toBe(18 * 60); // UTC+5:30
});

test('quiet hours that wrap midnight: inside until the end minute, outside from it', () => {
  const quiet = { startMin: 22 * 60, endMin: 7 * 60, timeZone: 'Europe/Paris' }; // UTC+1 in November
  expect(quietDelayMs(quiet, at('2026-11-24T20:59:00Z'))).toBe(0); // 21:59 local
  expect(quietDelayMs(quiet, at('2026-11-24T21:00:00Z'))).toBe(9 * 60 * 60_000); // 22:00 → 07:00
  expect(quietDelayMs(quiet, at('2026-11-25T05:59:30Z'))).toBe(30_000); // 06:59:30
  expect(quietDelayMs(quiet, at('2026-11-25T06:00:00Z'))).toBe(0); // 07:00
});

test('daytime quiet hours, equal start and end (none), and no quiet hours', () => {
  const lunch = { startMin: 12 * 60, endMin: 13 * 60, timeZone: 'UTC' };
  expect(quietDelayMs(lunch, at('2026-11-24T12:15:00Z'))).toBe(45 * 60_000);
  expect(quietDelayMs(lunch, at('2026-11-24T13:00:00Z'))).toBe(0);
  expect(quietDelayMs({ startMin: 600, endMin: 600, timeZone: 'UTC' }, at('2026-11-24T10:00:00Z'))).toBe(0);
  expect(quietDelayMs(null, at('2026-11-24T10:00:00Z'))).toBe(0);
});

test('time zones are validated', () => {
  expect(isTimeZone('Asia/Tokyo')).toBe(true);
  expect(isTimeZone('Mars/Olympus')).toBe(false);
});

test('every bus event type maps to a message or, for order.accepted only, to none; urgent ones are the margin and kill-switch events', () => {
  const urgent: string[] = [];
  for (const type of BUS_EVENT_TYPES) {
    const m = messageFor({
      seq: 1,
      type,
      userId: null,
      accountId: null,
      occurredAtMs: 0,
      payload: { symbol: 'ETH-USD', reason: 'x'.repeat(500) },
    });
    if (type === 'order.accepted') expect(m).toBeNull();
    else expect(m?.title.length).toBeGreaterThan(0);
    if (m?.urgent) urgent.push(type);
    expect(m?.body.length ?? 0).toBeLessThanOrEqual(300);
  }
  expect(urgent).toEqual(['margin.call', 'margin.liquidation', 'account.kill_switch']);
});

test('target URLs: https anywhere public; http and private addresses only when allowed; length limit at and one past', () => {
  expect(checkTargetUrl('https://fcm.googleapis.com/fcm/send/abc', false).ok).toBe(true);
  for (const url of [
    'http://push.example/x',
    'https://127.0.0.1/x',
    'https://localhost/x',
    'https://10.1.2.3/x',
    'https://[::1]/x',
    'https://169.254.169.254/latest',
  ]) {
    expect(checkTargetUrl(url, false).ok).toBe(false);
  }
  expect(checkTargetUrl('http://127.0.0.1:9/x', true).ok).toBe(true);
  const base = 'https://push.example/';
  expect(checkTargetUrl(base + 'a'.repeat(TARGET_URL_CHARS_MAX - base.length), false).ok).toBe(true);
  expect(checkTargetUrl(base + 'a'.repeat(TARGET_URL_CHARS_MAX - base.length + 1), false).ok).toBe(false);
});

test("core's order events (the order's view under `order`) read as plain sentences", () => {
  const base = { seq: 1, userId: null, accountId: null, occurredAtMs: 0 };
  const order = {
    symbol: 'BTC-USD',
    side: 'buy',
    quantity: '0.01',
    filledQuantity: '0.01',
    price: '64000.00',
    status: 'filled',
  };
  expect(messageFor({ ...base, type: 'order.filled', payload: { order } })?.body).toBe('BUY 0.01 BTC-USD @ 64000.00');
  const partial = { ...order, quantity: '0.03', filledQuantity: '0.01', status: 'partially_filled' };
  expect(messageFor({ ...base, type: 'order.partially_filled', payload: { order: partial } })?.body).toBe(
    'BUY 0.01 of 0.03 BTC-USD @ 64000.00',
  );
  const market = {
    symbol: 'ETH-USD',
    side: 'sell',
    quantity: '2',
    filledQuantity: '0',
    status: 'cancelled',
    reason: 'kill switch',
  };
  expect(messageFor({ ...base, type: 'order.cancelled', payload: { order: market } })?.body).toBe(
    'SELL 2 ETH-USD — kill switch',
  );
  expect(
    messageFor({ ...base, type: 'account.kill_switch', payload: { engaged: false, reason: 'kill switch' } }),
  ).toMatchObject({ title: 'Kill switch released', urgent: false });
  expect(
    messageFor({ ...base, type: 'margin.liquidation', payload: { symbol: 'BTC-USD', markTicks: 6400000 } })?.body,
  ).toBe('BTC-USD positions were liquidated to restore margin.');
});
