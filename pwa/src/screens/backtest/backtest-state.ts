import { signal } from '@preact/signals';
import { resolveStrategy } from '@tradewind/shared/strategies';
import { loadCandles } from '../../lib/backtest/load-candles';
import type { RunSummary } from '../../lib/backtest/protocol';
import { type RunHandle, runInWorker } from '../../lib/backtest/run-in-worker';
import { loadRuns, removeRun, type SavedRun, saveRun } from '../../lib/backtest/saved-runs';
import type { WireBar } from '../../lib/chart/bars';
import type { ChartInterval } from '../../lib/chart/intervals';
import type { KeyValueStorage } from '../../lib/storage/key-value-storage';

export type RunInput = {
  strategy: string;
  params: Record<string, unknown>;
  symbol: string;
  interval: ChartInterval;
  fromMs: number;
  toMs: number;
  cash: string;
};

export type Phase =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'running'; done: number; total: number }
  | { kind: 'error'; code: string; message: string };

/** The backtest screen's state: one run at a time in a worker, the saved runs for comparison. */
export function backtestState(storage: KeyValueStorage, fetchFn?: typeof fetch) {
  const phase = signal<Phase>({ kind: 'idle' });
  const current = signal<RunSummary | null>(null);
  const runs = signal<SavedRun[]>(loadRuns(storage));
  let handle: RunHandle | null = null;
  let seq = 0;

  const fail = (code: string, message: string) => {
    phase.value = { kind: 'error', code, message };
  };

  async function run(input: RunInput): Promise<void> {
    if (phase.value.kind === 'loading' || phase.value.kind === 'running') return;
    // The schema's own verdict before any download: a typed error, nothing runs.
    const resolved = resolveStrategy(input.strategy, input.params);
    if (!resolved.ok) return fail(resolved.code, resolved.message);
    if (!(input.fromMs < input.toMs))
      return fail(input.fromMs === input.toMs ? 'RANGE_EMPTY' : 'RANGE_REVERSED', 'the range must end after it starts');
    phase.value = { kind: 'loading' };
    let bars: WireBar[];
    try {
      const q = { symbol: input.symbol, interval: input.interval, from: input.fromMs, to: input.toMs };
      bars = (await loadCandles(q, fetchFn)).bars;
    } catch (e) {
      return fail('CANDLES_UNAVAILABLE', (e as Error).message);
    }
    phase.value = { kind: 'running', done: 0, total: 0 };
    handle = runInWorker({ ...input, params: resolved.value.params, bars }, (done, total) => {
      phase.value = { kind: 'running', done, total };
    });
    const r = await handle.done;
    handle = null;
    if (!r.ok) {
      if (r.code === 'CANCELLED') phase.value = { kind: 'idle' };
      else fail(r.code, r.message);
      return;
    }
    phase.value = { kind: 'idle' };
    current.value = r.summary;
    seq += 1;
    runs.value = saveRun(storage, {
      id: `${Date.now().toString(36)}-${seq}`,
      savedAtMs: Date.now(),
      summary: r.summary,
    });
  }

  return {
    phase,
    current,
    runs,
    run,
    cancel: () => handle?.cancel(),
    remove: (id: string) => {
      runs.value = removeRun(storage, id);
    },
  };
}
export type BacktestState = ReturnType<typeof backtestState>;
