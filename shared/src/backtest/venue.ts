import { type Instrument, ticksByBps } from '../domain/index';
import {
  type AccountState,
  type Command,
  createEngine,
  type Engine,
  type EngineEvent,
  type EngineState,
  type OrderSpec,
} from '../engine/index';
import { type StrategyIntent, type StrategyRuntime, timedCommand } from '../strategies/index';
import { assert } from '../util/index';
import { LIQUIDITY_ACCOUNT_ID, LIQUIDITY_CASH_MINOR, STRATEGY_ACCOUNT_ID } from './limits';
import type { BacktestConfig } from './types';

/**
 * The simulated venue: the real engine (matching, risk, fees, margin) plus a liquidity account
 * that stands in for the rest of the market at each fill point (README.md, "Fill models"):
 *  1. resting strategy limit orders the price touched trade with an IOC at the point price
 *     (they fill at their own limit);
 *  2. when market-like orders may arrive (due commands, untriggered stops), the liquidity account
 *     quotes the point price ± slippage for exactly the lots that may need it;
 *  3. the point price is marked (stops trigger into the quotes; margin is checked);
 *  4. the strategy's due commands are applied in the order it made them;
 *  5. what is left of the quotes is cancelled.
 * A symbol with no open strategy order and nothing due costs nothing at a point.
 */
export class SimVenue {
  readonly engine: Engine;
  readonly state: EngineState;
  private readonly out: EngineEvent[] = [];
  private readonly pending: StrategyIntent[] = [];
  /** The liquidity account in the engine's state: its open quotes are cancelled after each point. */
  private readonly lp: AccountState;
  private nowMs: number;
  private readonly margin: boolean;

  constructor(
    config: BacktestConfig,
    instruments: readonly Instrument[],
    private readonly runtime: StrategyRuntime,
    private readonly slippageBps: number,
    private readonly latencyMs: number,
  ) {
    this.engine = createEngine({ instruments, ...(config.fees ?? {}) });
    this.state = this.engine.initialState();
    this.nowMs = config.fromMs;
    this.margin = config.account?.kind === 'margin';
    this.openAccounts(config);
    const lpIx = this.state.accountIx.get(LIQUIDITY_ACCOUNT_ID);
    assert(lpIx !== undefined, 'liquidity account opened');
    this.lp = this.state.accounts[lpIx] as AccountState;
  }

  private openAccounts(config: BacktestConfig): void {
    const currency = config.currency ?? 'USD';
    const lpLimits = {
      priceBandBps: 0,
      maxOpenOrders: 100_000,
      orderRatePerSec: 10_000_000,
      orderBurst: 10_000_000,
      maxPositionLots: 2 ** 52,
      maxOrderQtyLots: 2 ** 48,
    };
    this.setup({
      type: 'OpenAccount',
      timeMs: this.nowMs,
      accountId: LIQUIDITY_ACCOUNT_ID,
      kind: 'margin',
      leverage: 100,
      limits: lpLimits,
      makerFeeBps: 0,
      takerFeeBps: 0,
    });
    this.setup({
      type: 'Deposit',
      timeMs: this.nowMs,
      accountId: LIQUIDITY_ACCOUNT_ID,
      currency,
      amountMinor: LIQUIDITY_CASH_MINOR,
    });
    const acct = config.account ?? { kind: 'cash' as const };
    this.setup({
      type: 'OpenAccount',
      timeMs: this.nowMs,
      accountId: STRATEGY_ACCOUNT_ID,
      kind: acct.kind,
      ...(acct.leverage === undefined ? {} : { leverage: acct.leverage }),
      ...(acct.limits === undefined ? {} : { limits: acct.limits }),
    });
    this.apply({
      type: 'Deposit',
      timeMs: this.nowMs,
      accountId: STRATEGY_ACCOUNT_ID,
      currency,
      amountMinor: config.initialCashMinor,
    });
  }

  private setup(cmd: Command): void {
    this.apply(cmd);
    assert(
      !this.out.some((e) => e.type === 'CommandRejected'),
      `backtest setup rejected: ${JSON.stringify(this.out, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`,
    );
  }

  /** Applies one command; the strategy's runtime hears the events (fills, closes) at once. */
  private apply(cmd: Command): void {
    this.out.length = 0;
    this.nowMs = cmd.timeMs;
    this.engine.applyInto(this.state, cmd, this.out);
    const out = this.out;
    this.runtime.engineEvents(out, cmd.timeMs);
  }

  /** Moves the strategy's new intents into the venue's queue (they become due after the latency). */
  collect(): void {
    const intents = this.runtime.intents;
    if (intents.length === 0) return;
    for (let i = 0; i < intents.length; i++) this.pending.push(intents[i] as StrategyIntent);
    intents.length = 0;
  }

  hasPending(): boolean {
    return this.pending.length > 0;
  }

  /**
   * Whether a point on `symbol` would do nothing: no open strategy order, nothing queued, no
   * margin position to mark. The bar loop asks first, so the common bar passes no time value.
   */
  idleOn(symbol: string): boolean {
    this.collect();
    const tracker = this.runtime.tracker;
    if (this.pending.length > 0 || (tracker.orders.size > 0 && tracker.openOn(symbol) > 0)) return false;
    return !(this.margin && tracker.position(symbol).qtyLots !== 0);
  }

  /** One fill point: `symbol` trades at `priceTicks` at `timeMs` (README.md, "Fill models"). */
  point(symbol: string, priceTicks: number, timeMs: number): void {
    this.collect();
    const tracker = this.runtime.tracker;
    const open = tracker.orders.size === 0 ? 0 : tracker.openOn(symbol);
    if (open === 0 && this.pending.length === 0) {
      if (this.margin && this.runtime.tracker.position(symbol).qtyLots !== 0) this.mark(symbol, priceTicks, timeMs);
      return;
    }
    const due = this.dueLots(symbol, timeMs);
    if (open === 0 && due.count === 0) {
      if (this.margin && this.runtime.tracker.position(symbol).qtyLots !== 0) this.mark(symbol, priceTicks, timeMs);
      return;
    }
    if (open > 0) this.crossResting(symbol, priceTicks, timeMs);
    const stops = this.stopLots(symbol);
    const askLots = due.buyLots + stops.buyLots;
    const bidLots = due.sellLots + stops.sellLots;
    const slip = this.slippageBps;
    const askTicks = slip === 0 ? priceTicks : ticksByBps(priceTicks, slip, 'ceil');
    // A book cannot be locked: with no slippage and both sides quoted, the bid sits one tick lower.
    let bidTicks = slip === 0 ? priceTicks : ticksByBps(priceTicks, -slip, 'floor');
    if (askLots > 0 && bidTicks >= askTicks) bidTicks = askTicks - 1;
    if (askLots > 0) this.quote(symbol, 'sell', askTicks, askLots, timeMs);
    if (bidLots > 0 && bidTicks > 0) this.quote(symbol, 'buy', bidTicks, bidLots, timeMs);
    // The mark triggers stops, is the price band's reference when the book has no mid, and
    // revalues margin; a point with only market orders due needs none of that (a market order's
    // reference is the liquidity quote it will take), so that command is skipped.
    if (stops.buyLots + stops.sellLots > 0 || this.margin || due.priced) this.mark(symbol, priceTicks, timeMs);
    if (due.count > 0) this.applyDue(symbol, timeMs);
    if (this.lp.openOrders.size > 0) this.apply({ type: 'CancelAll', timeMs, accountId: LIQUIDITY_ACCOUNT_ID });
    assert(this.lp.openOrders.size === 0, 'liquidity quotes left after a point');
  }

  private mark(symbol: string, priceTicks: number, timeMs: number): void {
    this.apply({ type: 'MarkPrices', timeMs, marks: [{ symbol, priceTicks }] });
  }

  private quote(symbol: string, side: 'buy' | 'sell', priceTicks: number, qtyLots: number, timeMs: number): void {
    this.apply({
      type: 'PlaceOrder',
      timeMs,
      accountId: LIQUIDITY_ACCOUNT_ID,
      order: { symbol, side, orderType: 'limit', priceTicks, qtyLots, tif: 'GTC' },
    });
  }

  /** Step 1: an IOC at the point price takes every resting strategy order the price touched. */
  private crossResting(symbol: string, priceTicks: number, timeMs: number): void {
    let buyLots = 0;
    let sellLots = 0;
    for (const o of this.runtime.tracker.orders.values()) {
      if (o.symbol !== symbol || o.workingTicks === 0) continue;
      const rest = o.qtyLots - o.filledLots;
      if (o.side === 'buy' && o.workingTicks >= priceTicks) buyLots += rest;
      else if (o.side === 'sell' && o.workingTicks <= priceTicks) sellLots += rest;
    }
    const ioc = (side: 'buy' | 'sell', qtyLots: number): void =>
      this.apply({
        type: 'PlaceOrder',
        timeMs,
        accountId: LIQUIDITY_ACCOUNT_ID,
        order: { symbol, side, orderType: 'limit', priceTicks, qtyLots, tif: 'IOC' },
      });
    if (buyLots > 0) ioc('sell', buyLots);
    if (sellLots > 0) ioc('buy', sellLots);
  }

  /** Lots of untriggered stop-like orders per side (they may need the quotes when the mark triggers them). */
  private stopLots(symbol: string): { buyLots: number; sellLots: number } {
    let buyLots = 0;
    let sellLots = 0;
    for (const o of this.runtime.tracker.orders.values()) {
      if (o.symbol !== symbol || o.workingTicks !== 0) continue;
      if (o.side === 'buy') buyLots += o.qtyLots - o.filledLots;
      else sellLots += o.qtyLots - o.filledLots;
    }
    return { buyLots, sellLots };
  }

  /** Due commands for `symbol` at `timeMs`: how many, the lots they may take per side, and whether any is priced. */
  private dueLots(
    symbol: string,
    timeMs: number,
  ): { count: number; buyLots: number; sellLots: number; priced: boolean } {
    const due = { count: 0, buyLots: 0, sellLots: 0, priced: false };
    const cutoff = timeMs - this.latencyMs;
    for (let i = 0; i < this.pending.length; i++) {
      const p = this.pending[i] as StrategyIntent;
      if (p.createdMs > cutoff || (p.symbol !== symbol && p.symbol !== '')) continue;
      due.count++;
      const c = p.command;
      if (c.type === 'PlaceOrder') addSpec(due, c.order);
      else if (c.type === 'PlaceOco') {
        addSpec(due, c.first);
        addSpec(due, c.second);
      } else if (c.type === 'PlaceBracket') addSpec(due, c.entry);
      else due.priced = true; // a modify may set a price: keep the band's reference fresh
    }
    return due;
  }

  private applyDue(symbol: string, timeMs: number): void {
    const cutoff = timeMs - this.latencyMs;
    let kept = 0;
    const due: StrategyIntent[] = [];
    for (let i = 0; i < this.pending.length; i++) {
      const p = this.pending[i] as StrategyIntent;
      if (p.createdMs <= cutoff && (p.symbol === symbol || p.symbol === '')) due.push(p);
      else this.pending[kept++] = p;
    }
    this.pending.length = kept;
    for (const p of due) this.apply(timedCommand(p, timeMs));
  }

  /** Time passes without a fill point (expiries, protections) — used at the end of a run. */
  advance(timeMs: number): void {
    if (timeMs > this.nowMs) this.apply({ type: 'AdvanceTime', timeMs });
  }
}

function addSpec(due: { buyLots: number; sellLots: number; priced: boolean }, spec: OrderSpec): void {
  if (spec.side === 'buy') due.buyLots += spec.qtyLots;
  else due.sellLots += spec.qtyLots;
  if (spec.orderType !== 'market') due.priced = true;
}
