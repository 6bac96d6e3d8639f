import { useServices } from '../../app/services-context';
import { formatAsOf } from '../../lib/format';

/**
 * Says plainly that the prices on screen are not live: shown whenever the connection is
 * not live and some price is only remembered.
 */
export function StaleBanner() {
  const { prices, connection, scheduler } = useServices();
  const asOfMs = prices.staleAsOfMs.value;
  const status = connection.value;
  if (status === 'live' || asOfMs === null) return null;
  const when = formatAsOf(asOfMs, scheduler.nowMs());
  const lead = status === 'offline' || status === 'stopped' ? 'You are offline.' : 'Reconnecting to the market…';
  return (
    <div class="banner banner-stale" data-testid="stale-banner" role="status">
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
        <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" stroke-width="2" />
        <path d="M12 7v5l3 2" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
      </svg>
      <span>
        <strong>{lead}</strong> Prices are the last known, as of {when}, and may be out of date.
      </span>
    </div>
  );
}
