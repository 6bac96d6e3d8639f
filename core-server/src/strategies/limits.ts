/**
 * Bounds of the live strategy runner (STYLE habit 6). A strategy runs on core's event loop, so
 * what one callback may cost is bounded: built-in strategies do O(1) work per event (streaming
 * indicators), far under these; one that goes past a bound is failed, not waited for.
 */

/** Deployments one user may have running at once. */
export const DEPLOYMENTS_RUNNING_PER_USER_MAX = 10;
/** Deployments one core runs at once. */
export const DEPLOYMENTS_RUNNING_MAX = 1_000;
/**
 * A callback (onBar, onFill, …) that takes longer than this is a slow one (measured, not
 * preempted); SLOW_CALLBACKS_MAX of them within SLOW_WINDOW_MS fail the deployment. One alone
 * does not: a callback's wall time also holds the garbage collector's pauses and a loaded
 * machine's waits, which are not the strategy's doing, and a trader's strategy must not stop for
 * one hiccup. A strategy slow on every bar still stops within SLOW_CALLBACKS_MAX bars.
 */
export const CALLBACK_MS_MAX = 50;
/** Slow callbacks within SLOW_WINDOW_MS that fail the deployment. */
export const SLOW_CALLBACKS_MAX = 3;
export const SLOW_WINDOW_MS = 60_000;
/** A callback that takes longer than this fails its deployment at once, however rare. */
export const CALLBACK_MS_HARD_MAX = 1_000;
/** Commands one callback may decide (orders, modifies, cancels). */
export const COMMANDS_PER_CALLBACK_MAX = 100;
/** Commands of one deployment sent to order entry and not yet durable. */
export const COMMANDS_IN_FLIGHT_MAX = 200;
/** Inputs (event batches, bars, timer ticks) waiting for the strategies; past it every deployment fails. */
export const INPUT_QUEUE_MAX = 20_000;
/** Inputs handled per turn of the event loop before yielding to sockets and the journal. */
export const INPUTS_PER_TURN_MAX = 500;
/** Recorded bars per symbol a resumed deployment warms up on. */
export const WARMUP_BARS_MAX = 500;
/** How often due strategy timers are checked. */
export const TIMER_TICK_MS = 250;
/** A failure reason is cut to this many characters (it is stored and shown to the user). */
export const REASON_CHARS_MAX = 300;
