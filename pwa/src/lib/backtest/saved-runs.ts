import type { KeyValueStorage } from '../storage/key-value-storage';
import type { RunSummary } from './protocol';

/** Runs kept for side-by-side comparison; the oldest is dropped first. */
export const SAVED_RUNS_MAX = 6;
const KEY = 'tw.backtest.runs.v1';

export type SavedRun = { readonly id: string; readonly savedAtMs: number; readonly summary: RunSummary };

/** The saved runs, newest first; anything unreadable in storage reads as none. */
export function loadRuns(storage: KeyValueStorage): SavedRun[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (r): r is SavedRun =>
        typeof r === 'object' && r !== null && typeof r.id === 'string' && typeof r.summary === 'object',
    );
  } catch {
    return [];
  }
}

/** Saves a run in front and keeps at most SAVED_RUNS_MAX; a full storage keeps the old list. */
export function saveRun(storage: KeyValueStorage, run: SavedRun): SavedRun[] {
  const runs = [run, ...loadRuns(storage).filter((r) => r.id !== run.id)].slice(0, SAVED_RUNS_MAX);
  try {
    storage.setItem(KEY, JSON.stringify(runs));
  } catch {
    // Quota: the comparison is a convenience; the run itself is still shown.
  }
  return runs;
}

export function removeRun(storage: KeyValueStorage, id: string): SavedRun[] {
  const runs = loadRuns(storage).filter((r) => r.id !== id);
  storage.setItem(KEY, JSON.stringify(runs));
  return runs;
}
