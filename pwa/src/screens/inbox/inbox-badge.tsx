import { hrefOf } from '../../app/router';
import { useServices } from '../../app/services-context';
import { inboxOf } from '../../lib/notifications/inbox-of';
import '../../styles/notifications.css';

/** The bell in the top bar with the unread count; it links to the inbox. */
export function InboxBadge() {
  const services = useServices();
  if (!services.session.user.value) return null;
  const unread = inboxOf(services).unread.value;
  const label = unread === 0 ? 'Inbox' : `Inbox, ${unread} unread`;
  return (
    <a class="inbox-badge" href={hrefOf('inbox')} aria-label={label} data-testid="inbox-badge">
      <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
        <path
          d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4z M10 20a2 2 0 0 0 4 0"
          fill="none"
          stroke="currentColor"
          stroke-width="1.8"
        />
      </svg>
      {unread > 0 && (
        <span class="inbox-count" data-testid="inbox-count">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </a>
  );
}
