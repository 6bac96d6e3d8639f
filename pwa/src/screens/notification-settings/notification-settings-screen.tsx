import { useSignal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { hrefOf } from '../../app/router';
import { useServices } from '../../app/services-context';
import { toApiError } from '../../lib/api/api-error';
import {
  type ChannelsView,
  type DeadLetter,
  notificationsApiOf,
  type Preferences,
} from '../../lib/notifications/notifications-api';
import { ChannelsForm } from './channels-form';
import { EnablePush } from './enable-push';
import { PreferenceMatrix } from './preference-matrix';
import { minutesOf, timeOf } from './quiet-time';

/** What goes where: this device's push, the event × channel matrix, quiet hours, channel addresses, failed deliveries. */
export function NotificationSettingsScreen() {
  const services = useServices();
  const api = useMemo(() => notificationsApiOf(services.api), [services.api]);
  const prefs = useSignal<Preferences | null>(null);
  const channels = useSignal<ChannelsView | null>(null);
  const dead = useSignal<readonly DeadLetter[]>([]);
  const status = useSignal<string | null>(null);
  const signedIn = services.session.user.value !== null;
  useEffect(() => {
    if (!signedIn) return;
    void Promise.all([api.preferences(), api.channels(), api.deadLetters()]).then(
      ([p, c, d]) => {
        // A user who never chose a zone gets this device's: quiet hours mean their nights.
        prefs.value = p.quietHours === null && p.timeZone === 'UTC' ? { ...p, timeZone: localTimeZone() } : p;
        channels.value = c;
        dead.value = d;
      },
      (err) => {
        status.value = toApiError(err).message;
      },
    );
  }, [signedIn, api]);
  if (!signedIn) {
    return (
      <section class="notify-settings">
        <h1>Notifications</h1>
        <p class="muted">
          <a href={hrefOf('login')}>Log in</a> to choose your notifications.
        </p>
      </section>
    );
  }
  const p = prefs.value;
  const save = async (run: () => Promise<unknown>, done: string) => {
    try {
      await run();
      status.value = done;
    } catch (err) {
      status.value = toApiError(err).message;
    }
  };
  return (
    <section class="notify-settings" aria-labelledby="notify-title">
      <div class="market-head">
        <h1 id="notify-title">Notifications</h1>
        <a class="btn btn-small" href={hrefOf('inbox')}>
          Inbox
        </a>
      </div>
      <EnablePush api={api} />
      {status.value && (
        <p class="muted" role="status" data-testid="settings-status">
          {status.value}
        </p>
      )}
      {p && (
        <form
          class="panel"
          onSubmit={(e) => {
            e.preventDefault();
            const matrix = Object.fromEntries(Object.entries(p.matrix).map(([kind, cs]) => [kind, [...cs]]));
            void save(
              () => api.setPreferences({ matrix, quietHours: p.quietHours, timeZone: p.timeZone }),
              'Preferences saved.',
            );
          }}
        >
          <h2>What reaches you where</h2>
          <PreferenceMatrix prefs={p} matrix={p.matrix} onChange={(matrix) => (prefs.value = { ...p, matrix })} />
          <QuietHours prefs={p} onChange={(next) => (prefs.value = next)} />
          <button type="submit" class="btn btn-primary">
            Save preferences
          </button>
        </form>
      )}
      {channels.value && (
        <ChannelsForm
          initial={channels.value}
          onSave={(input) => save(() => api.setChannels(input), 'Channels saved.')}
        />
      )}
      {dead.value.length > 0 && <DeadLetters items={dead.value} />}
    </section>
  );
}

function QuietHours({ prefs, onChange }: { prefs: Preferences; onChange(p: Preferences): void }) {
  const q = prefs.quietHours;
  return (
    <fieldset class="quiet-hours">
      <legend>Quiet hours (urgent alerts still come through)</legend>
      <label>
        <input
          type="checkbox"
          checked={q !== null}
          onChange={(e) =>
            onChange({ ...prefs, quietHours: e.currentTarget.checked ? { startMin: 22 * 60, endMin: 7 * 60 } : null })
          }
        />{' '}
        On
      </label>
      {q && (
        <>
          <label>
            From{' '}
            <input
              type="time"
              value={timeOf(q.startMin)}
              onChange={(e) => onChange({ ...prefs, quietHours: { ...q, startMin: minutesOf(e.currentTarget.value) } })}
            />
          </label>
          <label>
            to{' '}
            <input
              type="time"
              value={timeOf(q.endMin)}
              onChange={(e) => onChange({ ...prefs, quietHours: { ...q, endMin: minutesOf(e.currentTarget.value) } })}
            />
          </label>
        </>
      )}
      <label>
        Time zone{' '}
        <input
          type="text"
          data-testid="time-zone"
          value={prefs.timeZone}
          onChange={(e) => onChange({ ...prefs, timeZone: e.currentTarget.value })}
        />
      </label>
      <p class="muted">Quiet hours and the daily summary (your day, sent after your midnight) follow this time zone.</p>
    </fieldset>
  );
}

function DeadLetters({ items }: { items: readonly DeadLetter[] }) {
  return (
    <div class="panel">
      <h2>Could not be delivered</h2>
      <ul class="dead-letters">
        {items.map((d) => (
          <li key={d.id}>
            <strong>{d.channel}</strong> — {d.title} ({d.attempts} attempts): {d.lastError ?? 'unknown error'}
          </li>
        ))}
      </ul>
    </div>
  );
}

function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
