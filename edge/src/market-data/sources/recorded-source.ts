import type { BarStore } from '../bar-store';
import type { BarSource } from './source';

/**
 * The platform's own bars, aggregated and written by core (`source = 'recorded'`). Gaps
 * are real here (no trades, no bar), so nothing is backfilled from elsewhere.
 */
export function recordedSource(store: BarStore): BarSource {
  return {
    id: 'recorded',
    async fetchBars(q) {
      const bars = await store.read(q.instrument.symbol, q.interval, 'recorded', q.fromMs, q.toMs);
      return { bars, failure: null };
    },
  };
}
