export { HISTORY_PAGE_ROWS, type HistoryCursor, hasHistory, openHistory } from './recorded-history';
export type { ReplayEvent } from './replay-event';
export { ReplayFeed, type ReplayFeedOptions } from './replay-feed';
export { registerReplayRoutes } from './replay-http';
export { REPLAY_GAP_SKIP_MS, REPLAY_TICK_EVENTS_MAX, ReplayPlayer } from './replay-player';
export { REPLAY_TICK_MS, ReplayRunner } from './replay-runner';
export { REPLAY_STATUS_EVERY_MS, ReplaySession } from './replay-session';
export { REPLAY_IDLE_MS, ReplaySessions } from './replay-sessions';
export { withReplays } from './with-replays';
