import { useServices } from '../app/services-context';

/** True when orders cannot reach the venue: the app says so and never queues them. */
export function useTradingOffline(): boolean {
  const status = useServices().connection.value;
  return status === 'offline' || status === 'stopped';
}

export function TradingOfflineBanner() {
  if (!useTradingOffline()) return null;
  return (
    <div class="banner banner-offline" role="status" data-testid="trading-offline">
      <span>
        <strong>You are offline.</strong> Order entry is disabled until the connection returns. Nothing is queued:
        orders are sent only when you confirm them online.
      </span>
    </div>
  );
}
