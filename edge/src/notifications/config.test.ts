import { expect, test } from 'vitest';
import { loadConfig } from '../config';

const BASE = { DATABASE_URL: 'postgres://127.0.0.1/tw' };

test('notifications default to a worker in edge, channels logged, and the public Telegram API', () => {
  const loaded = loadConfig(BASE);
  if (!loaded.ok) throw new Error(loaded.errors.join());
  expect(loaded.config.notify).toEqual({
    worker: true,
    emailFrom: 'Tradewind <alerts@tradewind.invalid>',
    telegramApiBase: 'https://api.telegram.org',
    vapidSubject: 'mailto:admin@tradewind.invalid',
    allowPrivateTargets: false,
  });
});

test('NOTIFY_WORKER=off, SMTP, SMS, Telegram, VAPID subject and AMQP are read from the environment', () => {
  const loaded = loadConfig({
    ...BASE,
    NOTIFY_WORKER: 'off',
    SMTP_URL: 'smtps://u:p@mail.example.com:465',
    SMS_PROVIDER_URL: 'https://key:secret@sms.example.com/send',
    TELEGRAM_API_BASE: 'http://127.0.0.1:8081',
    TELEGRAM_BOT_TOKEN: '123:abc',
    VAPID_SUBJECT: 'https://tradewind.example.com/contact',
    AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
    NOTIFY_ALLOW_PRIVATE_TARGETS: 'true',
  });
  if (!loaded.ok) throw new Error(loaded.errors.join());
  expect(loaded.config.notify).toMatchObject({
    worker: false,
    smtpUrl: 'smtps://u:p@mail.example.com:465',
    smsProviderUrl: 'https://key:secret@sms.example.com/send',
    telegramApiBase: 'http://127.0.0.1:8081',
    telegramBotToken: '123:abc',
    vapidSubject: 'https://tradewind.example.com/contact',
    amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
    allowPrivateTargets: true,
  });
});

test.each([
  ['NOTIFY_WORKER', 'maybe'],
  ['SMTP_URL', 'http://mail.example.com'],
  ['SMS_PROVIDER_URL', 'sms.example.com'],
  ['VAPID_SUBJECT', 'admin@example.com'],
  ['VAPID_SUBJECT', 'http://tradewind.example.com'],
  ['NOTIFY_ALLOW_PRIVATE_TARGETS', 'yes'],
])('%s=%s stops the start with the variable named', (name, value) => {
  const loaded = loadConfig({ ...BASE, [name]: value });
  expect(loaded.ok).toBe(false);
  if (!loaded.ok) expect(loaded.errors.join('\n')).toContain(name);
});
