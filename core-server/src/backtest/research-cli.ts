/**
 * `--optimise` and `--walk-forward` for the CLI: the search over worker threads (the same pool
 * server jobs use), the progress bar counting backtests, and what the report adds — the ranked
 * candidates, or the walk-forward windows with the stitched out-of-sample run as the report's run.
 */
import {
  type BacktestConfig,
  type BacktestResult,
  type CandidateScore,
  lookAheadCheck,
  runBacktest,
  type WalkForwardResult,
} from '@tradewind/shared/backtest';
import { BAR_INTERVAL_MS, type BarInterval } from '@tradewind/shared/market-data';
import type { CliResearch } from './args';
import { defaultThreads, optimiseInWorkers, walkForwardInWorkers } from './parallel-optimise';

/** Candidates listed in the HTML report (all of them are in result.json). */
export const REPORT_CANDIDATES_MAX = 100;

export type ResearchRun =
  | {
      readonly ok: true;
      readonly result: BacktestResult;
      readonly html: string;
      readonly json: Record<string, unknown>;
    }
  | { readonly ok: false; readonly message: string };

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const num = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(4));
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const paramsText = (p: unknown) => esc(JSON.stringify(p));

/** Runs the search; `progress(done, total)` counts backtests. */
export async function runResearch(
  r: CliResearch,
  base: BacktestConfig,
  interval: BarInterval,
  progress: (done: number, total: number) => void,
): Promise<ResearchRun> {
  const threads = r.threads ?? defaultThreads();
  const search = { base, space: r.space, method: r.method, objective: r.objective };
  if (r.walkForwardBars === null) {
    const opt = await optimiseInWorkers(search, threads, progress);
    if (!opt.ok) return { ok: false, message: `${opt.code}: ${opt.message}` };
    const best = opt.value.best;
    if (best === null) return { ok: false, message: 'NO_RANKABLE: no candidate could be ranked by the objective' };
    const run = runBacktest({ ...base, params: best.params });
    if (!run.ok) return { ok: false, message: `${run.code}: ${run.message}` };
    const all = [...opt.value.ranked, ...opt.value.unranked];
    return {
      ok: true,
      result: run.value,
      html: rankedHtml(opt.value.ranked, opt.value.unranked, r),
      json: {
        optimisation: {
          objective: r.objective,
          method: r.method,
          candidateCount: all.length,
          ranked: opt.value.ranked,
          unranked: opt.value.unranked,
        },
      },
    };
  }
  const ms = BAR_INTERVAL_MS[interval];
  const windows = { inSampleMs: r.walkForwardBars.inSample * ms, outOfSampleMs: r.walkForwardBars.outOfSample * ms };
  const wf = await walkForwardInWorkers({ ...search, ...windows }, threads, progress);
  if (!wf.ok) return { ok: false, message: `${wf.code}: ${wf.message}` };
  const result = stitchedRun(wf.value, base);
  return {
    ok: true,
    result,
    html: windowsHtml(wf.value, r),
    json: { walkForward: { objective: r.objective, method: r.method, ...windows, steps: wf.value.steps } },
  };
}

/** The stitched out-of-sample curve as the report's run (no single engine state: no hash). */
function stitchedRun(wf: WalkForwardResult, base: BacktestConfig): BacktestResult {
  const last = wf.equity[wf.equity.length - 1];
  const first = wf.steps[0]?.window.outOfSampleFromMs ?? base.fromMs;
  return {
    status: 'completed',
    failure: null,
    strategyId: typeof base.strategy === 'string' ? base.strategy : base.strategy.id,
    params: 'walk-forward: per window, see below',
    fromMs: first,
    toMs: base.toMs,
    eventsDone: wf.equity.length,
    eventsTotal: wf.equity.length,
    equity: wf.equity,
    trades: wf.trades,
    fills: [],
    signals: [],
    performance: wf.performance,
    performanceError: wf.performance === null ? 'no out-of-sample equity to measure' : null,
    finalCashMinor: last?.equityMinor ?? base.initialCashMinor,
    finalPositions: [],
    feesMinor: wf.trades.reduce((s, t) => s + t.feesMinor, 0n),
    turnoverMinor: 0n,
    rejections: 0,
    logs: [],
    stateHash: 'stitched (walk-forward)',
  };
}

function rankedHtml(ranked: readonly CandidateScore[], unranked: readonly CandidateScore[], r: CliResearch): string {
  const rows = ranked
    .slice(0, REPORT_CANDIDATES_MAX)
    .map(
      (c, i) =>
        `<tr><td>${i + 1}</td><td><code>${paramsText(c.params)}</code></td><td>${num(c.score)}</td><td>${num(c.metrics?.totalReturnRatio)}</td><td>${num(c.metrics?.maxDrawdownRatio)}</td><td>${c.metrics?.trades.tradeCount ?? '—'}</td></tr>`,
    );
  const cap = r.objective.maxDrawdownCapRatio === undefined ? '' : `, drawdown cap ${r.objective.maxDrawdownCapRatio}`;
  const skipped = unranked.map(
    (c) => `<li><code>${paramsText(c.params)}</code>: ${esc(c.error ?? 'not rankable')}</li>`,
  );
  return `<h2>Optimisation: ${ranked.length + unranked.length} candidates (${r.method.kind}), ranked by ${esc(r.objective.objective)}${cap}; the run above is the best</h2>
<table><tr><th>#</th><th>params</th><th>score</th><th>return</th><th>max drawdown</th><th>trades</th></tr>${rows.join('')}</table>
${skipped.length > 0 ? `<p>Not ranked (${unranked.length}):</p><ul>${skipped.slice(0, REPORT_CANDIDATES_MAX).join('')}</ul>` : ''}`;
}

function windowsHtml(wf: WalkForwardResult, r: CliResearch): string {
  const rows = wf.steps.map(
    (s, i) =>
      `<tr><td>${i + 1}</td><td>${iso(s.window.inSampleFromMs)} → ${iso(s.window.inSampleToMs)}</td><td>${iso(s.window.outOfSampleFromMs)} → ${iso(s.window.outOfSampleToMs)}</td><td><code>${s.best === null ? '—' : paramsText(s.best.params)}</code></td><td>${num(s.best?.score)}</td><td>${s.outOfSample?.tradeCount ?? '—'}</td></tr>`,
  );
  return `<h2>Walk-forward: ${wf.steps.length} windows, in-sample winner by ${esc(r.objective.objective)}; the run above is the stitched out-of-sample equity</h2>
<table><tr><th>#</th><th>in sample</th><th>out of sample</th><th>winner</th><th>in-sample score</th><th>out-of-sample trades</th></tr>${rows.join('')}</table>`;
}

/** Truncated reruns of `--look-ahead`. */
export const CLI_LOOK_AHEAD_CUTS = 5;

/** `--look-ahead`: the run's config on its bars cut at five points; what the report and JSON add. */
export function lookAheadSection(config: BacktestConfig): { html: string; json: Record<string, unknown> } {
  if (config.data.kind !== 'bars') return { html: '', json: {} };
  const data = config.data;
  const { onProgress: _p, ...quiet } = config;
  const r = lookAheadCheck(data.bars, (bars) => ({ ...quiet, data: { ...data, bars } }), CLI_LOOK_AHEAD_CUTS);
  if (!r.ok)
    return {
      html: `<h2>Look-ahead check</h2><p>Could not run: ${esc(r.message)}</p>`,
      json: { lookAhead: { error: r.message } },
    };
  const bad = r.value.cuts.find((c) => !c.consistent);
  const verdict = r.value.passed
    ? `passed: ${r.value.cuts.length} runs on data cut short decided exactly as the full run did`
    : `<strong>FAILED</strong> at ${iso(bad?.cutTimeMs ?? 0)}: the full run decided <code>${esc(JSON.stringify(bad?.full ?? null))}</code>, the run cut there <code>${esc(JSON.stringify(bad?.truncated ?? null))}</code> — the strategy reads data it could not have had`;
  return { html: `<h2>Look-ahead check</h2><p>${verdict}</p>`, json: { lookAhead: r.value } };
}
