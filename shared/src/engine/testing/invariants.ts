import { assert } from '../../util/assert';
import type { Command } from '../core/commands';
import type { EngineEvent } from '../core/events';
import type { EngineState } from '../core/state';
import type { Engine } from '../index';
import type { Posting } from '../ledger/ledger';

/** JSON with bigints as strings: compare event streams and states byte for byte. */
export const canon = (v: unknown): string => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x));

const REJECTIONS = new Set(['OrderRejected', 'CommandRejected', 'OrderCancelRejected', 'OrderModifyRejected']);

/**
 * Checks what validate() cannot see from the state alone, from the events of each step:
 * trades have a buyer and a seller at a price inside both working limits, positions equal
 * the sum of fills (plus liquidation take-overs), balances equal the fold of the ledger's
 * postings, external cash moves only by deposits and withdrawals, and a command that was
 * only rejected changed nothing.
 */
export class InvariantChecker {
  private readonly working = new Map<number, number>();
  private readonly side = new Map<number, 'buy' | 'sell'>();
  private readonly filled = new Map<string, number>();
  private readonly folded = new Map<string, bigint>();
  private readonly netDeposits = new Map<string, bigint>();

  constructor(
    private readonly engine: Engine,
    state: EngineState,
  ) {
    engine.setJournal(state, (p) => this.fold(p));
  }

  private fold(p: Posting): void {
    const d = `${p.debit}|${p.currency}`;
    const c = `${p.credit}|${p.currency}`;
    this.folded.set(d, (this.folded.get(d) ?? 0n) - p.amount);
    this.folded.set(c, (this.folded.get(c) ?? 0n) + p.amount);
  }

  /** Applies `cmd` and checks every invariant; returns the events. */
  step(state: EngineState, cmd: Command): EngineEvent[] {
    const before = cmd.timeMs === state.nowMs ? this.engine.stateHash(state) : undefined;
    const events = this.engine.apply(state, cmd);
    this.engine.validate(state);
    if (before !== undefined && events.length > 0 && events.every((e) => REJECTIONS.has(e.type))) {
      assert(this.engine.stateHash(state) === before, `rejected ${cmd.type} changed the state: ${canon(events)}`);
    }
    for (const e of events) this.onEvent(e);
    this.checkState(state);
    return events;
  }

  private onEvent(e: EngineEvent): void {
    switch (e.type) {
      case 'OrderAccepted':
        this.side.set(e.orderId, e.side);
        this.working.set(e.orderId, e.workingTicks);
        break;
      case 'OrderTriggered':
      case 'OrderModified':
        this.working.set(e.orderId, e.workingTicks);
        break;
      case 'TradeExecuted': {
        assert(
          e.buyAccountId !== '' && e.sellAccountId !== '' && e.buyOrderId !== e.sellOrderId,
          'trade without two sides',
        );
        const b = this.working.get(e.buyOrderId) ?? 0;
        const s = this.working.get(e.sellOrderId) ?? 0;
        assert(e.priceTicks <= b && e.priceTicks >= s, `trade at ${e.priceTicks} outside limits buy ${b} / sell ${s}`);
        assert(e.qtyLots > 0, 'empty trade');
        break;
      }
      case 'OrderFilled': {
        const k = `${e.accountId}|${e.symbol}`;
        this.filled.set(k, (this.filled.get(k) ?? 0) + (e.side === 'buy' ? e.qtyLots : -e.qtyLots));
        break;
      }
      case 'Liquidated': {
        const k = `${e.accountId}|${e.symbol}`;
        const taken = e.qtyLots > 0 ? -e.takenOverLots : e.takenOverLots;
        this.filled.set(k, (this.filled.get(k) ?? 0) + taken);
        break;
      }
      case 'BalanceChanged':
        if (e.reason === 'deposit' || e.reason === 'withdrawal')
          this.netDeposits.set(e.currency, (this.netDeposits.get(e.currency) ?? 0n) + e.deltaMinor);
        break;
      default:
        break;
    }
  }

  private checkState(state: EngineState): void {
    for (const a of state.accounts) {
      a.positions.forEach((p, ix) => {
        const sym = state.instruments[ix]?.instrument.symbol ?? '';
        assert(
          (p?.qtyLots ?? 0) === (this.filled.get(`${a.id}|${sym}`) ?? 0),
          `${a.id} ${sym}: position ≠ sum of fills`,
        );
      });
    }
    const ledgerAccounts = [state.ledger.external, state.ledger.fees, state.ledger.liquidation, ...state.accounts];
    for (const a of ledgerAccounts) {
      for (const [cur, v] of a.balances)
        assert(
          (this.folded.get(`${a.id}|${cur}`) ?? 0n) === v,
          `${a.id} ${cur} balance is not the fold of its postings`,
        );
    }
    for (const [cur, net] of this.netDeposits) {
      const ext = state.ledger.external.balances.get(cur) ?? 0n;
      assert(ext === -net, `${cur} created or destroyed: external ${ext}, net deposits ${net}`);
    }
  }
}
