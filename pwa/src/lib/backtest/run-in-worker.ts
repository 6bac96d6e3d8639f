import type { RunRequest, RunSummary, WorkerMessage } from './protocol';

export type RunHandle = {
  readonly done: Promise<{ ok: true; summary: RunSummary } | { ok: false; code: string; message: string }>;
  /** Stops the run now (terminates its worker); `done` settles with CANCELLED. */
  cancel(): void;
};

/** Starts a backtest in its own Web Worker (a lazy chunk: the engine loads only here). */
export function runInWorker(req: RunRequest, onProgress: (done: number, total: number) => void): RunHandle {
  const worker = new Worker(new URL('./backtest.worker.ts', import.meta.url), { type: 'module' });
  let settle: (v: Awaited<RunHandle['done']>) => void = () => {};
  const done = new Promise<Awaited<RunHandle['done']>>((resolve) => {
    settle = (v) => {
      worker.terminate();
      resolve(v);
    };
  });
  worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
    const m = e.data;
    if (m.kind === 'progress') onProgress(m.done, m.total);
    else if (m.kind === 'done') settle({ ok: true, summary: m.summary });
    else settle({ ok: false, code: m.code, message: m.message });
  };
  worker.onerror = (e) => settle({ ok: false, code: 'WORKER_FAILED', message: e.message || 'the worker failed' });
  worker.postMessage(req);
  return { done, cancel: () => settle({ ok: false, code: 'CANCELLED', message: 'cancelled' }) };
}
