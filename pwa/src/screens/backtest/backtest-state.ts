import { signal } from '@preact/signals';
import { resolveStrategy } from '@tradewind/shared/strategies';
import { loadCandles } from '../../lib/backtest/load-candles';
import type { RunSummary } from '../../lib/backtest/protocol';
import type { RunKind, SearchInput } from '../../lib/backtest/research';
import { type RunHandle, runInWorker } from '../../lib/backtest/run-in-worker';
import { loadRuns, removeRun, type SavedRun, saveRun } from '../../lib/backtest/saved-runs';
import { type ServerResult, summaryOfServerResult } from '../../lib/backtest/server-summary';
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
  /** Server runs only: an optimisation or walk-forward (absent: one run). */
  kind?: RunKind;
  search?: SearchInput;
  walkForward?: { inSampleMs: number; outOfSampleMs: number };
  /** Server runs only: the look-ahead check. */
  lookAhead?: boolean;
};

export type Phase =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'running'; done: number; total: number }
  | { kind: 'error'; code: string; message: string };

/** The backtest screen's state: one run at a time in a worker, the saved runs for comparison. */
/** How often a server run's status is asked for. */
export const SERVER_POLL_MS = 1_000;

/** The slice of the edge client the server runs use. */
export type BacktestsApi = {
  submit: { mutate(input: RunInput): Promise<{ id: string }> };
  status: { query(input: { id: string }): Promise<{ status: string; progress: number; error: string | null }> };
  result: { query(input: { id: string }): Promise<Record<string, unknown>> };
  cancel: { mutate(input: { id: string }): Promise<unknown> };
};

/** A browser run's checks before any download (the schema's own verdict): a typed error, nothing runs. */
function browserRun(input: RunInput) {
  const { kind = 'single', search: _search, walkForward: _windows, lookAhead: _check, ...single } = input;
  if (kind !== 'single')
    return { ok: false as const, code: 'SERVER_ONLY', message: 'optimisation and walk-forward run on the server' };
  const resolved = resolveStrategy(single.strategy, single.params);
  if (!resolved.ok) return { ok: false as const, code: resolved.code as string, message: resolved.message };
  if (!(single.fromMs < single.toMs)) {
    const code = single.fromMs === single.toMs ? 'RANGE_EMPTY' : 'RANGE_REVERSED';
    return { ok: false as const, code, message: 'the range must end after it starts' };
  }
  return { ok: true as const, single, params: resolved.value.params };
}

export function backtestState(storage: KeyValueStorage, fetchFn?: typeof fetch, api?: BacktestsApi) {
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
    const checked = browserRun(input);
    if (!checked.ok) return fail(checked.code, checked.message);
    const { single, params } = checked;
    phase.value = { kind: 'loading' };
    let bars: WireBar[];
    try {
      const q = { symbol: single.symbol, interval: single.interval, from: single.fromMs, to: single.toMs };
      bars = (await loadCandles(q, fetchFn)).bars;
    } catch (e) {
      return fail('CANDLES_UNAVAILABLE', (e as Error).message);
    }
    phase.value = { kind: 'running', done: 0, total: 0 };
    handle = runInWorker({ ...single, params, bars }, (done, total) => {
      phase.value = { kind: 'running', done, total };
    });
    const r = await handle.done;
    handle = null;
    if (!r.ok) {
      if (r.code === 'CANCELLED') phase.value = { kind: 'idle' };
      else fail(r.code, r.message);
      return;
    }
    finish(r.summary);
  }

  function finish(summary: RunSummary): void {
    phase.value = { kind: 'idle' };
    current.value = summary;
    seq += 1;
    runs.value = saveRun(storage, { id: `${Date.now().toString(36)}-${seq}`, savedAtMs: Date.now(), summary });
  }

  let serverJob: string | null = null;
  /** The same run as a server job (edge queues it, core runs it); progress by polling its status. */
  async function runOnServer(input: RunInput): Promise<void> {
    if (api === undefined || phase.value.kind === 'loading' || phase.value.kind === 'running') return;
    phase.value = { kind: 'running', done: 0, total: 1 };
    try {
      const { id } = await api.submit.mutate(input);
      serverJob = id;
      for (;;) {
        const s = await api.status.query({ id });
        if (s.status === 'done') break;
        if (s.status === 'cancelled') {
          phase.value = { kind: 'idle' };
          return;
        }
        if (s.status === 'failed') return fail('SERVER_FAILED', s.error ?? 'the server run failed');
        phase.value = { kind: 'running', done: s.progress, total: 1 };
        await new Promise((ok) => setTimeout(ok, SERVER_POLL_MS));
      }
      const result = (await api.result.query({ id })) as unknown as ServerResult;
      finish(summaryOfServerResult(input, result));
    } catch (e) {
      const reason = (e as { data?: { reason?: string } }).data?.reason;
      fail(reason ?? 'SERVER_UNAVAILABLE', (e as Error).message);
    } finally {
      serverJob = null;
    }
  }

  return {
    phase,
    current,
    runs,
    run,
    runOnServer,
    cancel: () => {
      handle?.cancel();
      if (serverJob !== null) void api?.cancel.mutate({ id: serverJob }).catch(() => {});
    },
    remove: (id: string) => {
      runs.value = removeRun(storage, id);
    },
  };
}
export type BacktestState = ReturnType<typeof backtestState>;
