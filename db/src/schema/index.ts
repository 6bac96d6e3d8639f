export { ACCOUNT_LEVERAGE_MAX, accounts } from './accounts';
export { equitySamples, priceAlerts } from './alerts-reports';
export { API_KEY_SCOPES, type ApiKeyScope, apiKeys } from './api-keys';
export { BACKTEST_JOB_STATUSES, type BacktestJobStatus, backtestJobs } from './backtests';
export { consumerOffsets, consumerProcessedEvents } from './consumer-offsets';
export { instruments } from './instruments';
export { loginFailures } from './login-failures';
export {
  AGGRESSOR_SIDES,
  BAR_INTERVALS,
  type BarInterval,
  marketBars,
  marketQuotes,
  marketTrades,
} from './market-data';
export {
  notificationDeliveries,
  notificationSettings,
  notifications,
  notifyVapidKeys,
  pushSubscriptions,
} from './notifications';
export { outbox, outboxSequence } from './outbox';
export { refreshTokens, sessions } from './sessions';
export { signingKeys } from './signing-keys';
export {
  STRATEGY_BAR_INTERVALS,
  STRATEGY_DEPLOYMENT_STATUSES,
  type StrategyBarInterval,
  type StrategyDeploymentStatus,
  strategyDeployments,
} from './strategies';
export { balances, fills, journalCommands, journalProjection, journalSnapshots, orders, positions } from './trading';
export { users } from './users';
