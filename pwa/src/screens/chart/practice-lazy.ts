import { lazyScreen } from '../../app/lazy-screen';

/** The practice panel and its in-browser engine: a chunk of its own, loaded in replay mode only. */
export const PracticePanel = lazyScreen<{ symbol: string; id: string }>(() =>
  import('./practice-panel').then((m) => m.PracticePanel),
);
