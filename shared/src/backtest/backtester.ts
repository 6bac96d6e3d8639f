import type { Bar } from '../market-data/index';
import { computePerformance, RoundTrips } from '../metrics/index';
import { type Fill, StrategyRuntime, type TradeTick } from '../strategies/index';
import { ok, type Result } from '../util/index';
import { EquityCurve } from './equity';
import type { BacktestErrorCode } from './errors';
import { EQUITY_POINTS_DEFAULT, FILLS_KEPT_MAX, STRATEGY_ACCOUNT_ID } from './limits';
import type { BacktestConfig, BacktestResult, BacktestStatus } from './types';
import { type PreparedRun, prepareRun } from './validate';
import { SimVenue } from './venue';

/**
 * Runs a strategy over bars or ticks on the real engine (README.md). Deterministic: the same
 * config gives the same result and state hash. Returns a typed error, running nothing, for bad
 * input; a strategy that throws is stopped and the result says so (status 'failed').
 */
export function runBacktest(config: BacktestConfig): Result<BacktestResult, BacktestErrorCode> {
  const prepared = prepareRun(config);
  if (!prepared.ok) return prepared;
  return ok(new Backtest(config, prepared.value).run());
}

class Backtest {
  private readonly runtime: StrategyRuntime;
  private readonly venue: SimVenue;
  private readonly curve: EquityCurve;
  private readonly trips = new RoundTrips();
  private readonly fills: Fill[] = [];
  private feesMinor = 0n;
  private turnoverMinor = 0n;
  private readonly total: number;
  private done = 0;
  private readonly progressEvery: number;
  private untilReport: number;
  private readonly intrabar: boolean;

  constructor(
    private readonly config: BacktestConfig,
    private readonly run_: PreparedRun,
  ) {
    const currency = config.currency ?? 'USD';
    this.runtime = new StrategyRuntime(run_.strategy.definition, run_.strategy.params, {
      accountId: STRATEGY_ACCOUNT_ID,
      seed: config.seed ?? 1,
      currency,
      observeFill: (f) => this.observe(f),
    });
    this.venue = new SimVenue(config, run_.instruments, this.runtime, run_.slippageBps, run_.latencyMs);
    this.total = (run_.bars ?? run_.ticks ?? []).length;
    this.curve = new EquityCurve(
      run_.instruments,
      this.runtime.tracker,
      currency,
      this.total,
      config.equityPointsMax ?? EQUITY_POINTS_DEFAULT,
    );
    this.progressEvery = Math.max(1, config.progressEveryEvents ?? Math.ceil(this.total / 100));
    this.untilReport = this.progressEvery;
    this.intrabar = config.fill?.bars === 'intrabar';
  }

  run(): BacktestResult {
    this.runtime.start(this.config.fromMs);
    this.recordSignals();
    let status: BacktestStatus = 'completed';
    if (this.run_.bars !== null) status = this.runBars(this.run_.bars);
    else if (this.run_.ticks !== null) status = this.runTicks(this.run_.ticks);
    if (!this.runtime.running) status = 'failed';
    return this.result(status);
  }

  /**
   * The bar loop. Times are epoch milliseconds, past 2^31: a time passed as an argument to a call
   * that is not inlined is boxed, so the common bar (nothing to fill, no timer, no sample kept)
   * passes none — it asks first (`hasTimers`, `idleOn`, `due`) and hands over the bar itself.
   */
  private runBars(bars: readonly Bar[]): BacktestStatus {
    const intervalMs = this.run_.intervalMs;
    let i = 0;
    while (i < bars.length) {
      if (this.config.signal?.aborted === true) return 'cancelled';
      const first = bars[i] as Bar;
      let j = i + 1;
      while (j < bars.length && (bars[j] as Bar).openTimeMs === first.openTimeMs) j++;
      if (this.runtime.hasTimers) this.timers(first.openTimeMs);
      for (let k = i; k < j; k++) this.openPoint(bars[k] as Bar);
      if (this.intrabar) this.intrabarPoints(bars, i, j, intervalMs);
      for (let k = i; k < j; k++) {
        const b = bars[k] as Bar;
        this.curve.lastTicks.set(b.symbol, b.closeTicks);
        this.runtime.barClosed(b, intervalMs);
      }
      this.recordSignals();
      if (!this.runtime.running) return 'failed';
      if (this.curve.due(j === bars.length)) this.curve.record(first.openTimeMs + intervalMs);
      this.done += j - i;
      this.untilReport -= j - i;
      if (this.untilReport <= 0 || this.done === this.total) this.reportProgress(first.openTimeMs + intervalMs);
      i = j;
    }
    return 'completed';
  }

  private intrabarPoints(bars: readonly Bar[], i: number, j: number, intervalMs: number): void {
    const t0 = (bars[i] as Bar).openTimeMs;
    const third = Math.floor(intervalMs / 3);
    for (let k = i; k < j; k++) this.extremePoint(bars[k] as Bar, t0 + third, true);
    for (let k = i; k < j; k++) this.extremePoint(bars[k] as Bar, t0 + 2 * third, false);
    for (let k = i; k < j; k++) this.closePoint(bars[k] as Bar, t0 + intervalMs - 1);
  }

  private openPoint(b: Bar): void {
    if (!this.venue.idleOn(b.symbol)) this.venue.point(b.symbol, b.openTicks, b.openTimeMs);
  }

  /** The intrabar rule: a rising bar (close ≥ open) visits its low first, a falling bar its high. */
  private extremePoint(b: Bar, timeMs: number, first: boolean): void {
    const lowFirst = b.closeTicks >= b.openTicks;
    const price = first === lowFirst ? b.lowTicks : b.highTicks;
    this.venue.point(b.symbol, price, timeMs);
  }

  private closePoint(b: Bar, timeMs: number): void {
    this.venue.point(b.symbol, b.closeTicks, timeMs);
  }

  private runTicks(ticks: readonly TradeTick[]): BacktestStatus {
    for (let i = 0; i < ticks.length; i++) {
      if (this.config.signal?.aborted === true) return 'cancelled';
      const t = ticks[i] as TradeTick;
      this.timers(t.timeMs);
      this.venue.point(t.symbol, t.priceTicks, t.timeMs);
      this.curve.lastTicks.set(t.symbol, t.priceTicks);
      this.runtime.trade(t);
      this.recordSignals();
      if (!this.runtime.running) return 'failed';
      const next = ticks[i + 1];
      if (next === undefined || next.timeMs !== t.timeMs) this.curve.sample(t.timeMs, next === undefined);
      this.advanceProgress(1, t.timeMs);
    }
    return 'completed';
  }

  private timers(beforeMs: number): void {
    if (this.runtime.nextTimerMs() > beforeMs) return;
    this.runtime.fireTimers(beforeMs);
    this.recordSignals();
  }

  private recordSignals(): void {
    this.venue.collect();
  }

  private advanceProgress(n: number, timeMs: number): void {
    this.done += n;
    this.untilReport -= n;
    if (this.untilReport > 0 && this.done !== this.total) return;
    this.reportProgress(timeMs);
  }

  private reportProgress(timeMs: number): void {
    this.untilReport = this.progressEvery;
    this.config.onProgress?.({ eventsDone: this.done, eventsTotal: this.total, timeMs });
  }

  private observe(f: Fill): void {
    const valueMinor = this.curve.valueMinor(f.symbol, f.priceTicks, f.qtyLots);
    // The matcher's own shape, field by field (a spread of the fill would copy it generically).
    this.trips.add({
      key: f.symbol,
      timeMs: f.timeMs,
      orderId: f.orderId,
      side: f.side,
      qtyLots: f.qtyLots,
      priceTicks: f.priceTicks,
      valueMinor,
      feeMinor: f.feeMinor,
    });
    if (this.fills.length < FILLS_KEPT_MAX) this.fills.push(f);
    this.feesMinor += f.feeMinor;
    this.turnoverMinor += valueMinor;
  }

  private result(status: BacktestStatus): BacktestResult {
    const equity = this.curve.points;
    const trades = this.trips.trades; // built on each read: once
    const perf =
      equity.length === 0
        ? null
        : computePerformance({
            equity,
            trades,
            feesMinor: this.feesMinor,
            turnoverMinor: this.turnoverMinor,
          });
    const positions = [...this.runtime.tracker.positions]
      .filter(([, p]) => p.qtyLots !== 0)
      .map(([symbol, p]) => ({ symbol, qtyLots: p.qtyLots }));
    return {
      status,
      failure: this.runtime.failure ?? null,
      strategyId: this.run_.strategy.definition.id,
      params: this.run_.strategy.params,
      fromMs: this.config.fromMs,
      toMs: this.config.toMs,
      eventsDone: this.done,
      eventsTotal: this.total,
      equity,
      trades,
      fills: this.fills,
      signals: this.runtime.signals,
      performance: perf?.ok ? perf.value : null,
      performanceError: perf === null ? 'no equity sample' : perf.ok ? null : `${perf.code}: ${perf.message}`,
      finalCashMinor: this.runtime.tracker.cash.get(this.config.currency ?? 'USD') ?? 0n,
      finalPositions: positions,
      feesMinor: this.feesMinor,
      turnoverMinor: this.turnoverMinor,
      rejections: this.runtime.tracker.rejections,
      logs: this.runtime.logs,
      stateHash: this.venue.engine.stateHash(this.venue.state),
    };
  }
}
