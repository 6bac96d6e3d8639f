import { lazyScreen } from '../../app/lazy-screen';
import type { ReplayWatch } from './chart-screen';

/** The replay form and controls: a chunk of their own, loaded when a replay is asked for. */
export const ReplayPanel = lazyScreen<{ symbol: string; watch: ReplayWatch | null }>(() =>
  import('./replay-panel').then((m) => m.ReplayPanel),
);
