import { pino } from 'pino';
import { expect, test } from 'vitest';
import { defaultSettings } from '../settings';
import { startSmtpSink } from '../testing/smtp-sink';
import type { Outgoing } from './channel';
import { emailSender } from './email';

const outgoing = (kind: string, url: string): Outgoing => ({
  deliveryId: 1,
  notificationId: 1,
  userId: '00000000-0000-4000-8000-000000000001',
  channel: 'email',
  target: '',
  kind,
  title: 'T',
  body: 'B',
  url,
  email: 'trader@example.com',
  settings: defaultSettings(),
  push: null,
});

test('a security notice by e-mail does not tell the user how to turn it off (it cannot be turned off)', async () => {
  const sink = await startSmtpSink();
  const mailer = emailSender({
    smtpUrl: sink.url,
    from: 'a@example.com',
    appOrigin: 'http://app',
    log: pino({ level: 'silent' }),
  });
  try {
    expect(await mailer.send(outgoing('security', '#/settings/security'))).toEqual({ status: 'sent' });
    expect(await mailer.send(outgoing('order.filled', '#/orders'))).toEqual({ status: 'sent' });
    const [security, filled] = sink.messages;
    expect(security).toContain("If this wasn't you, reset your password now and check your API keys.");
    expect(security).not.toContain('Change what you receive');
    expect(filled).toContain('Change what you receive in Settings');
  } finally {
    mailer.close();
    await sink.close();
  }
});
