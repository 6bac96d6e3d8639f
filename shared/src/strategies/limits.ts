/**
 * Bounds on what one strategy may do per run (STYLE habit 6). A strategy past a bound is stopped
 * and reported, like one that throws: a runaway loop must not exhaust the host.
 */
/** Commands a strategy may have queued and not yet applied (placing orders in a loop). */
export const PENDING_COMMANDS_MAX = 10_000;
/** Timers armed at once. */
export const TIMERS_MAX = 1_000;
/** Log lines kept per run (later lines are counted, not kept). */
export const LOG_LINES_MAX = 1_000;
/** Signals (order intents) kept per run for the look-ahead check and the report. */
export const SIGNALS_MAX = 1_000_000;
