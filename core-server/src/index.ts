// The door of core-server: what the supervisor, the e2e stack and tests may use.
export { KEY_RELOAD_INTERVAL_MIN_MS } from './auth/key-store';
export { type Clock, ManualClock, systemClock } from './clock';
export { ConfigError, type CoreConfig, type LogLevel, loadConfig, SIM_TICKS_PER_SECOND_MAX } from './config';
export { type CoreHandle, type CoreOptions, startCore } from './core';
export type { HealthReport } from './http/health';
export { createLogger, type Logger } from './logger';
export { MarketFrameEncoder } from './market/frame-encoder';
export type { FeedHealth, MarketFeed, MarketSink } from './market/market-feed';
export { SimulatedFeed, type SimulatedFeedOptions } from './market/simulated-feed';
export type { CoreMetrics } from './metrics';
export { isNativeUws } from './uws';
export { CONNECTIONS_MAX } from './ws/gateway';
export { BACKPRESSURE_HARD_BYTES, SLOW_ENTER_BYTES, SLOW_LEAVE_BYTES, STALL_CLOSE_MS_DEFAULT } from './ws/topic-hub';
