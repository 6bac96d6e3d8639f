import { useSignal } from '@preact/signals';
import type { ChannelsInput, ChannelsView } from '../../lib/notifications/notifications-api';

type Format = 'json' | 'discord' | 'slack';

/** Where e-mail, SMS, Telegram and the webhook reach the user. The webhook secret is write-only. */
export function ChannelsForm({
  initial,
  onSave,
}: {
  initial: ChannelsView;
  onSave(input: ChannelsInput): Promise<void>;
}) {
  const emailOptIn = useSignal(initial.emailOptIn);
  const phone = useSignal(initial.phone ?? '');
  const telegram = useSignal(initial.telegramChatId ?? '');
  const hookUrl = useSignal(initial.webhook?.url ?? '');
  const hookSecret = useSignal('');
  const hookFormat = useSignal<Format>(initial.webhook?.format ?? 'json');
  const submit = (e: Event) => {
    e.preventDefault();
    void onSave({
      emailOptIn: emailOptIn.value,
      phone: phone.value.trim() || null,
      telegramChatId: telegram.value.trim() || null,
      webhook: hookUrl.value.trim()
        ? { url: hookUrl.value.trim(), secret: hookSecret.value, format: hookFormat.value }
        : null,
    });
  };
  return (
    <form class="panel channels-form" onSubmit={submit}>
      <h2>Channels</h2>
      <label>
        <input
          type="checkbox"
          checked={emailOptIn.value}
          onChange={(e) => (emailOptIn.value = e.currentTarget.checked)}
        />{' '}
        E-mail me
      </label>
      <label>
        Phone (SMS){' '}
        <input
          type="tel"
          placeholder="+447700900123"
          value={phone.value}
          onInput={(e) => (phone.value = e.currentTarget.value)}
        />
      </label>
      <label>
        Telegram chat id{' '}
        <input type="text" value={telegram.value} onInput={(e) => (telegram.value = e.currentTarget.value)} />
      </label>
      <label>
        Webhook URL <input type="url" value={hookUrl.value} onInput={(e) => (hookUrl.value = e.currentTarget.value)} />
      </label>
      <label>
        Webhook secret (16+ characters; HMAC-SHA256 signs each call)
        <input
          type="password"
          autocomplete="off"
          value={hookSecret.value}
          onInput={(e) => (hookSecret.value = e.currentTarget.value)}
        />
      </label>
      <label>
        Payload{' '}
        <select value={hookFormat.value} onChange={(e) => (hookFormat.value = e.currentTarget.value as Format)}>
          <option value="json">JSON</option>
          <option value="discord">Discord</option>
          <option value="slack">Slack</option>
        </select>
      </label>
      <button type="submit" class="btn btn-primary">
        Save channels
      </button>
    </form>
  );
}
