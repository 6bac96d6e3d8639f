import { useSignal } from '@preact/signals';
import type { NotificationsApi } from '../../lib/notifications/notifications-api';
import { browserPushPlatform, type EnableResult, enablePush } from '../../lib/notifications/push-enable';

const MESSAGES: Record<EnableResult['status'], string> = {
  enabled: 'Notifications are on for this device. A test notification is on its way.',
  unsupported: 'This browser cannot receive push notifications here (install the app, or use a supported browser).',
  denied: 'Notifications are blocked for Tradewind. Allow them in the browser’s site settings, then try again.',
  failed: 'Could not enable notifications.',
};

/** The "enable notifications" flow: permission, subscribe with the server's VAPID key, a test notification. */
export function EnablePush({ api }: { api: NotificationsApi }) {
  const result = useSignal<EnableResult | null>(null);
  const busy = useSignal(false);
  const run = async () => {
    busy.value = true;
    result.value = await enablePush(api, browserPushPlatform);
    busy.value = false;
  };
  const r = result.value;
  return (
    <div class="panel enable-push">
      <h2>This device</h2>
      <button
        type="button"
        class="btn btn-primary"
        data-testid="enable-push"
        disabled={busy.value}
        onClick={() => void run()}
      >
        {r?.status === 'enabled' ? 'Send another test notification' : 'Enable notifications'}
      </button>
      {r && (
        <p
          class={r.status === 'enabled' ? 'muted' : 'form-alert'}
          role="status"
          data-testid="enable-push-status"
          data-status={r.status}
        >
          {r.status === 'failed' ? `${MESSAGES.failed} ${r.message}` : MESSAGES[r.status]}
        </p>
      )}
    </div>
  );
}
