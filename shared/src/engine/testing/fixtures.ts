import { type Instrument, type InstrumentSymbol, makeInstrument } from '../../domain/index';
import type { Command, OrderSpec } from '../core/commands';
import type { EngineEvent } from '../core/events';
import type { EngineState } from '../core/state';
import { createEngine, type Engine } from '../index';

/**
 * Small instruments with round numbers for tests: XYZ trades in cents per share (tick 0.01,
 * lot 1, so 1 tick × 1 lot = 1 cent), minimum 1 share and 1 cent of value.
 */
export const XYZ: Instrument = makeInstrument({
  symbol: 'XYZ' as InstrumentSymbol,
  kind: 'stock',
  base: 'XYZ',
  quote: 'USD',
  tickSize: '0.01',
  lotSize: '1',
  minQtyLots: 1,
  minNotionalMinor: 1,
});
export const ABC: Instrument = makeInstrument({
  symbol: 'ABC-USD' as InstrumentSymbol,
  kind: 'crypto',
  base: 'ABC',
  quote: 'USD',
  tickSize: '0.01',
  lotSize: '0.001',
  minQtyLots: 1,
  minNotionalMinor: 1,
});

/** A harness: an engine, a state, a clock, and every event kept for assertions. */
export class Harness {
  readonly engine: Engine;
  state: EngineState;
  timeMs = 1_000;
  readonly all: EngineEvent[] = [];

  constructor(config: Partial<Parameters<typeof createEngine>[0]> = {}) {
    this.engine = createEngine({ instruments: [XYZ, ABC], makerFeeBps: 0, takerFeeBps: 0, ...config });
    this.state = this.engine.initialState();
  }

  /** Applies a command at the harness time (advanced by `dtMs` first), validates, returns its events. */
  run(cmd: Record<string, unknown> & { type: Command['type'] }, dtMs = 0): EngineEvent[] {
    this.timeMs += dtMs;
    const events = this.engine.apply(this.state, { timeMs: this.timeMs, ...cmd } as Command);
    this.engine.validate(this.state);
    this.all.push(...events);
    return events;
  }

  account(id: string, cash = 1_000_000_00n, extra: Record<string, unknown> = {}): void {
    this.run({ type: 'OpenAccount', accountId: id, kind: 'cash', ...extra });
    if (cash > 0n) this.run({ type: 'Deposit', accountId: id, currency: 'USD', amountMinor: cash });
  }

  place(accountId: string, order: Partial<OrderSpec>, dtMs = 0): EngineEvent[] {
    return this.run({ type: 'PlaceOrder', accountId, order: { symbol: 'XYZ', tif: 'GTC', ...order } }, dtMs);
  }

  limit(
    accountId: string,
    side: 'buy' | 'sell',
    priceTicks: number,
    qtyLots: number,
    more: Partial<OrderSpec> = {},
  ): EngineEvent[] {
    return this.place(accountId, { side, orderType: 'limit', priceTicks, qtyLots, ...more });
  }

  /** The order id of the first OrderAccepted among `events`. */
  static accepted(events: EngineEvent[], n = 0): number {
    const e = events.filter((x) => x.type === 'OrderAccepted')[n];
    if (e === undefined || e.type !== 'OrderAccepted')
      throw new Error(`no OrderAccepted #${n} in ${JSON.stringify(events.map((x) => x.type))}`);
    return e.orderId;
  }

  position(accountId: string, symbol = 'XYZ'): number {
    const a = this.state.accounts[this.state.accountIx.get(accountId) ?? -1];
    return a?.positions[this.state.symbolIx.get(symbol) ?? -1]?.qtyLots ?? 0;
  }

  cash(accountId: string): bigint {
    const a = this.state.accounts[this.state.accountIx.get(accountId) ?? -1];
    return a?.balances.get('USD') ?? 0n;
  }
}

export const types = (events: EngineEvent[]): string[] => events.map((e) => e.type);
/** The event variants whose `type` can be T (distributes over the union; some variants share types). */
type Dist<E, T> = E extends { type: infer U } ? (T extends U ? E : never) : never;
type Of<T extends EngineEvent['type']> = Dist<EngineEvent, T>;
export function only<T extends EngineEvent['type']>(events: EngineEvent[], type: T): Of<T>[] {
  return events.filter((e) => e.type === type) as Of<T>[];
}
