import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { DbHandle, Sql } from '@tradewind/db';
import { createTestDatabase } from '@tradewind/db/testing';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { defaultMatrix } from '../preferences';
import { recordNotification } from '../record';
import { defaultSettings, type NotificationSettings, saveSettings } from '../settings';
import { startFakeHttp } from '../testing/fake-http';
import { insertUser, T0, testService } from '../testing/fixtures';
import { startSmtpSink } from '../testing/smtp-sink';
import type { Channel, Message } from '../types';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from './webhook';

let db: DbHandle;
let sql: Sql;
let fake: Awaited<ReturnType<typeof startFakeHttp>>;
beforeAll(async () => {
  db = await createTestDatabase();
  sql = db.sql;
  fake = await startFakeHttp();
});
afterAll(async () => {
  await fake.close();
  await db.close();
});

const FILLED: Message = {
  kind: 'order.filled',
  title: 'Order filled',
  body: 'BUY 0.5 BTC-USD @ 64000.00',
  url: '#/orders',
  urgent: false,
};

/** A user whose order.filled notifications go to exactly `channel`, with these settings. */
async function userFor(channel: Channel, settings: Partial<NotificationSettings>, email?: string) {
  const userId = await insertUser(sql, email);
  const matrix = { ...defaultMatrix(), 'order.filled': [channel] };
  await saveSettings(sql, userId, { ...defaultSettings(), matrix, ...settings }, T0);
  await sql.begin((tx) =>
    recordNotification(tx as unknown as Sql, {
      userId,
      dedupeKey: `event:${userId}`,
      message: FILLED,
      eventSeq: 1,
      nowMs: T0,
    }),
  );
  return userId;
}

async function statusOf(userId: string) {
  return sql<{ status: string; last_error: string | null }[]>`
    select status, last_error from notification_deliveries where user_id = ${userId}`;
}

test('e-mail goes over SMTP (nodemailer) to a local SMTP server, which receives the message', async () => {
  const sink = await startSmtpSink();
  const messages = sink.messages;
  const { service } = testService(sql, {
    smtpUrl: sink.url,
    emailFrom: 'Tradewind <alerts@example.com>',
  });
  const userId = await userFor('email', { emailOptIn: true }, 'trader-mail@example.com');
  expect(await service.dispatchOnce()).toMatchObject({ sent: 1 });
  expect(messages).toHaveLength(1);
  const mail = messages[0] ?? '';
  expect(mail).toMatch(/^To: trader-mail@example\.com$/m);
  expect(mail).toMatch(/^From: Tradewind <alerts@example\.com>$/m);
  expect(mail).toMatch(/^Subject: Tradewind: Order filled$/m);
  expect(mail).toContain('BUY 0.5 BTC-USD @ 64000.00');
  expect(mail).toContain('http://127.0.0.1:8080/#/orders');
  expect(await statusOf(userId)).toEqual([{ status: 'sent', last_error: null }]);
  await service.close();
  await sink.close();
});

test('an SMTP server that refuses the recipient (5xx) makes a dead letter at once; one that is down is retried', async () => {
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo: (_address, _session, callback) =>
      callback(Object.assign(new Error('no such mailbox'), { responseCode: 550 })),
  });
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  const port = (smtp.server.address() as AddressInfo).port;
  const refused = testService(sql, { smtpUrl: `smtp://127.0.0.1:${port}` });
  const userId = await userFor('email', { emailOptIn: true });
  expect(await refused.service.dispatchOnce()).toMatchObject({ dead: 1 });
  expect(await statusOf(userId)).toEqual([{ status: 'dead', last_error: expect.stringContaining('no such mailbox') }]);
  await refused.service.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  const down = testService(sql, { smtpUrl: `smtp://127.0.0.1:${port}` });
  const other = await userFor('email', { emailOptIn: true });
  expect(await down.service.dispatchOnce()).toMatchObject({ retried: 1 });
  expect(await statusOf(other)).toEqual([{ status: 'pending', last_error: expect.stringContaining('ECONNREFUSED') }]);
  await down.service.close();
});

test('without SMTP_URL an e-mail is logged (it is in the inbox already) and counted as logged', async () => {
  const { service } = testService(sql);
  const userId = await userFor('email', { emailOptIn: true });
  expect(await service.dispatchOnce()).toMatchObject({ logged: 1 });
  expect(await statusOf(userId)).toEqual([{ status: 'logged', last_error: null }]);
  await service.close();
});

test('SMS goes to the HTTP provider as {to, text}, with credentials from the URL as Basic auth', async () => {
  const { service } = testService(sql, { smsProviderUrl: `${fake.url.replace('http://', 'http://key:s3cret@')}/sms` });
  const before = fake.received.length;
  await userFor('sms', { phone: '+447700900123' });
  expect(await service.dispatchOnce()).toMatchObject({ sent: 1 });
  const request = fake.received[before];
  expect(request?.path).toBe('/sms');
  expect(request?.headers.authorization).toBe(`Basic ${Buffer.from('key:s3cret').toString('base64')}`);
  expect(JSON.parse(request?.body.toString() ?? '')).toEqual({
    to: '+447700900123',
    text: 'Tradewind: Order filled. BUY 0.5 BTC-USD @ 64000.00',
  });
  await service.close();
});

test('Telegram: sendMessage on the configured Bot API base; a 403 (bot blocked) is a dead letter', async () => {
  const { service } = testService(sql, { telegramApiBase: fake.url, telegramBotToken: '123:ABC' });
  const before = fake.received.length;
  await userFor('telegram', { telegramChatId: '-100123' });
  expect(await service.dispatchOnce()).toMatchObject({ sent: 1 });
  const request = fake.received[before];
  expect(request?.path).toBe('/bot123%3AABC/sendMessage');
  expect(JSON.parse(request?.body.toString() ?? '')).toEqual({
    chat_id: '-100123',
    text: 'Order filled\nBUY 0.5 BTC-USD @ 64000.00',
    disable_web_page_preview: true,
  });
  fake.queue(403);
  const blocked = await userFor('telegram', { telegramChatId: '42' });
  expect(await service.dispatchOnce()).toMatchObject({ dead: 1 });
  expect(await statusOf(blocked)).toEqual([{ status: 'dead', last_error: expect.stringContaining('HTTP 403') }]);
  await service.close();
});

test.each([
  [
    'json',
    {
      id: expect.any(Number),
      kind: 'order.filled',
      title: 'Order filled',
      body: 'BUY 0.5 BTC-USD @ 64000.00',
      url: '#/orders',
    },
  ],
  [
    'discord',
    { content: '**Order filled**', embeds: [{ title: 'Order filled', description: 'BUY 0.5 BTC-USD @ 64000.00' }] },
  ],
  [
    'slack',
    {
      text: 'Order filled: BUY 0.5 BTC-USD @ 64000.00',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*Order filled*\nBUY 0.5 BTC-USD @ 64000.00' } }],
    },
  ],
] as const)(
  "webhook (%s payload) is signed with HMAC-SHA256 over timestamp.body with the user's secret",
  async (format, expected) => {
    const { service, clock } = testService(sql);
    const secret = `whsec-${format}-0123456789abcdef`;
    const before = fake.received.length;
    await userFor('webhook', {
      webhookUrl: `${fake.url}/hook/${format}`,
      webhookSecret: secret,
      webhookFormat: format,
    });
    expect(await service.dispatchOnce()).toMatchObject({ sent: 1 });
    const request = fake.received[before];
    const body = request?.body.toString() ?? '';
    expect(JSON.parse(body)).toEqual(expected);
    const timestamp = request?.headers[TIMESTAMP_HEADER.toLowerCase()];
    expect(timestamp).toBe(String(Math.floor(clock.nowMs() / 1000)));
    const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
    expect(request?.headers[SIGNATURE_HEADER.toLowerCase()]).toBe(`sha256=${mac}`);
    await service.close();
  },
);

test('a webhook to a private address is refused when private targets are not allowed (SSRF)', async () => {
  const { service } = testService(sql, { allowPrivateTargets: false });
  const userId = await userFor('webhook', { webhookUrl: `${fake.url}/hook`, webhookSecret: 'x'.repeat(16) });
  expect(await service.dispatchOnce()).toMatchObject({ dead: 1 });
  expect(await statusOf(userId)).toEqual([
    { status: 'dead', last_error: expect.stringContaining('webhook URL refused') },
  ]);
  await service.close();
});
