import { useEffect } from 'preact/hooks';
import { hrefOf } from '../../app/router';
import { useServices } from '../../app/services-context';
import { inboxOf } from '../../lib/notifications/inbox-of';
import type { InboxItem } from '../../lib/notifications/notifications-api';

/** The in-app inbox: every notification, newest first; opening one marks it read and goes where it points. */
export function InboxScreen() {
  const services = useServices();
  const inbox = inboxOf(services);
  const signedIn = services.session.user.value !== null;
  useEffect(() => {
    if (signedIn) void inbox.refresh();
  }, [signedIn, inbox]);
  if (!signedIn) {
    return (
      <section class="inbox">
        <h1>Inbox</h1>
        <p class="muted">
          <a href={hrefOf('login')}>Log in</a> to see your notifications.
        </p>
      </section>
    );
  }
  const items = inbox.items.value;
  return (
    <section class="inbox" aria-labelledby="inbox-title">
      <div class="market-head">
        <h1 id="inbox-title">Inbox</h1>
        <div class="inbox-actions">
          <button
            type="button"
            class="btn btn-ghost btn-small"
            disabled={inbox.unread.value === 0}
            onClick={() => void inbox.markRead('all')}
          >
            Mark all read
          </button>
          <a class="btn btn-small" href={hrefOf('notification-settings')}>
            Settings
          </a>
        </div>
      </div>
      {inbox.error.value && <p class="form-alert">{inbox.error.value}</p>}
      {items.length === 0 && !inbox.loading.value && <p class="empty">No notifications yet.</p>}
      <ul class="inbox-list" data-testid="inbox-list">
        {items.map((item) => (
          <InboxRow key={item.id} item={item} onOpen={() => void inbox.markRead([item.id])} />
        ))}
      </ul>
      {inbox.nextCursor.value !== null && (
        <button
          type="button"
          class="btn btn-ghost btn-block"
          disabled={inbox.loading.value}
          onClick={() => void inbox.loadMore()}
        >
          Older
        </button>
      )}
    </section>
  );
}

const TIME = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

function InboxRow({ item, onOpen }: { item: InboxItem; onOpen: () => void }) {
  return (
    <li class={item.read ? 'inbox-item' : 'inbox-item is-unread'} data-kind={item.kind}>
      <a href={item.url.startsWith('#/') ? item.url : '#/inbox'} onClick={onOpen}>
        <span class="inbox-title">{item.title}</span>
        <span class="inbox-body">{item.body}</span>
        <time class="inbox-time" dateTime={new Date(item.createdAtMs).toISOString()}>
          {TIME.format(item.createdAtMs)}
        </time>
      </a>
    </li>
  );
}
