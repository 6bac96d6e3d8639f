export { type AlertAndEquityServices, type EventSource, startAlertAndEquityServices } from './core-services';
export { ALERT_REFRESH_MS, PriceAlertWatcher, type PriceAlertWatcherDeps } from './price-alert-watcher';
