/**
 * Price alerts: the thresholds users set and the index that finds, for each trade or tick,
 * exactly the alerts it fires (once each). Pure: core-server feeds it ticks, edge uses the
 * price rules to validate what users ask for.
 */
export { PriceAlertIndex } from './alert-index';
export * from './limits';
export { NaiveAlertScan } from './naive-scan';
export { ALERT_PRICE_ERRORS, type AlertPriceError, parseAlertPrice } from './price';
export { ALERT_CONDITIONS, type AlertCondition, type AlertSide, type PriceAlert, sideOf } from './types';
