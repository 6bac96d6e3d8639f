import { InboxBadge } from '../screens/inbox/inbox-badge';
import { ConnectionBadge } from './connection-badge';
import { hrefOf } from './router';
import { useServices } from './services-context';

export function TopBar() {
  return (
    <header class="topbar">
      <a class="brand" href={hrefOf('market')} aria-label="Tradewind home">
        <Logo />
        <span class="brand-name">Tradewind</span>
      </a>
      <div class="topbar-right">
        <ConnectionBadge />
        <InboxBadge />
        <UserArea />
      </div>
    </header>
  );
}

function UserArea() {
  const { session } = useServices();
  const user = session.user.value;
  if (session.status.value === 'restoring') return <span class="user-placeholder" />;
  if (!user) {
    return (
      <nav class="auth-links" aria-label="Account">
        <a href={hrefOf('login')}>Log in</a>
        <a class="btn btn-small" href={hrefOf('register')}>
          Sign up
        </a>
      </nav>
    );
  }
  return (
    <div class="user">
      <a
        class="user-email"
        data-testid="user-email"
        href={hrefOf('security')}
        title={`${user.email}: password and security`}
      >
        {user.email}
      </a>
      <button type="button" class="btn btn-ghost btn-small" onClick={() => void session.logout()}>
        Log out
      </button>
    </div>
  );
}

function Logo() {
  return (
    <svg class="logo" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="#131b2b" />
      <path
        d="M6 21 L12 15 L17 18 L26 9"
        fill="none"
        stroke="#2ee6a6"
        stroke-width="3"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
      <path d="M6 25 H26" stroke="#3b82f6" stroke-width="2" stroke-linecap="round" opacity=".7" />
    </svg>
  );
}
