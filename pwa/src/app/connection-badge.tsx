import type { ConnectionStatus } from '../lib/market/market-socket';
import { useServices } from './services-context';

const LABEL: Record<ConnectionStatus, string> = {
  connecting: 'Connecting',
  live: 'Live',
  reconnecting: 'Reconnecting',
  offline: 'Offline',
  stopped: 'Offline',
};

/** The market connection at a glance: a coloured dot and one word. */
export function ConnectionBadge() {
  const status = useServices().connection.value;
  return (
    <span class={`conn conn-${status}`} role="status" aria-live="polite" data-testid="connection-status">
      <span class="conn-dot" aria-hidden="true" />
      {LABEL[status]}
    </span>
  );
}
