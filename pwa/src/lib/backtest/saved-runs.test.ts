import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../storage/key-value-storage';
import type { RunSummary } from './protocol';
import { loadRuns, removeRun, SAVED_RUNS_MAX, saveRun } from './saved-runs';

const summary = { tradeCount: 1 } as unknown as RunSummary;
const run = (i: number) => ({ id: `r${i}`, savedAtMs: i, summary });

describe('saved runs', () => {
  it('keeps the newest SAVED_RUNS_MAX, newest first', () => {
    const s = new MemoryStorage();
    for (let i = 1; i <= SAVED_RUNS_MAX; i++) saveRun(s, run(i));
    expect(loadRuns(s).map((r) => r.id)).toEqual(
      Array.from({ length: SAVED_RUNS_MAX }, (_, i) => `r${SAVED_RUNS_MAX - i}`),
    );
    saveRun(s, run(SAVED_RUNS_MAX + 1));
    const ids = loadRuns(s).map((r) => r.id);
    expect(ids).toHaveLength(SAVED_RUNS_MAX);
    expect(ids[0]).toBe(`r${SAVED_RUNS_MAX + 1}`);
    expect(ids).not.toContain('r1');
    expect(removeRun(s, 'r2').map((r) => r.id)).not.toContain('r2');
  });

  it('reads garbage as no runs', () => {
    const s = new MemoryStorage();
    s.setItem('tw.backtest.runs.v1', '{not json');
    expect(loadRuns(s)).toEqual([]);
    s.setItem('tw.backtest.runs.v1', '[1, {"id": 2}]');
    expect(loadRuns(s)).toEqual([]);
  });
});
