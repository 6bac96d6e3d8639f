/// <reference lib="webworker" />
import { type RunRequest, runRequest, type WorkerMessage } from './protocol';

/**
 * The browser's backtest thread: one request per worker, so the page stays responsive and a
 * cancel is `terminate()`. Progress is posted at most every 1 % (the backtester's default).
 */
const post = (m: WorkerMessage) => (self as unknown as { postMessage(m: WorkerMessage): void }).postMessage(m);

self.onmessage = (e: MessageEvent<RunRequest>) => {
  try {
    const r = runRequest(e.data, (done, total) => post({ kind: 'progress', done, total }));
    post(r.ok ? { kind: 'done', summary: r.summary } : { kind: 'failed', code: r.code, message: r.message });
  } catch (err) {
    post({ kind: 'failed', code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) });
  }
};
