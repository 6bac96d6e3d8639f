import { type Instrument, type InstrumentSymbol, makeInstrument } from '@tradewind/shared/domain';
import { type Command, createEngine, type EngineEvent } from '@tradewind/shared/engine';
import { benchScale, emit, note, prng, round } from './bench-kit';

/**
 * Issue 3 benchmark 2: the full command path — validation, pre-trade risk, matching,
 * settlement into portfolio and double-entry ledger, events — on one thread. A stream of
 * 1,000,000 × BENCH_SCALE commands over 100 margin accounts: ~60% limit orders spread over
 * ~1,000 ticks around the mid, ~25% cancels of earlier orders, ~15% market orders. Every
 * order carries a client order id (idempotency is part of the path).
 */
const MID = 100_000;
const ACCOUNTS = 100;
const XYZ: Instrument = makeInstrument({
  symbol: 'XYZ' as InstrumentSymbol,
  kind: 'stock',
  base: 'XYZ',
  quote: 'USD',
  tickSize: '0.01',
  lotSize: '1',
  minQtyLots: 1,
  minNotionalMinor: 1,
});

function setup(): Command[] {
  const out: Command[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    out.push({
      type: 'OpenAccount',
      timeMs: 0,
      accountId: `a${i}`,
      kind: 'margin',
      leverage: 10,
      limits: {
        maxOpenOrders: 100_000,
        orderRatePerSec: 10_000_000,
        orderBurst: 10_000_000,
        priceBandBps: 0,
        maxPositionLots: 2 ** 52,
      },
    });
    out.push({ type: 'Deposit', timeMs: 0, accountId: `a${i}`, currency: 'USD', amountMinor: 10n ** 14n });
  }
  out.push({ type: 'MarkPrices', timeMs: 0, marks: [{ symbol: 'XYZ', priceTicks: MID }] });
  return out;
}

function stream(n: number): Command[] {
  const rnd = prng(0x7e57);
  const out: Command[] = [];
  const placed: string[] = []; // account of each order id (ids are assigned 1, 2, 3… in acceptance order)
  for (let i = 0; i < n; i++) {
    const r = rnd();
    const acct = `a${Math.floor(rnd() * ACCOUNTS)}`;
    const t = 1 + (i >> 10); // time advances 1 ms every 1,024 commands
    if (r < 0.25 && placed.length > 0) {
      const id = 1 + Math.floor(rnd() * placed.length);
      out.push({ type: 'CancelOrder', timeMs: t, accountId: placed[id - 1] as string, orderId: id });
      continue;
    }
    const side = rnd() < 0.5 ? 'buy' : 'sell';
    const qtyLots = 1 + Math.floor(rnd() * 10);
    const clientOrderId = `c${i}`;
    if (r < 0.4) {
      out.push({
        type: 'PlaceOrder',
        timeMs: t,
        accountId: acct,
        order: { clientOrderId, symbol: 'XYZ', side, orderType: 'market', qtyLots, tif: 'IOC' },
      });
    } else {
      // Buys below the mid, sells above, with some overlap so that a share of limits trade.
      const off = Math.floor(rnd() * 500) - 25;
      const priceTicks = side === 'buy' ? MID - off : MID + off;
      out.push({
        type: 'PlaceOrder',
        timeMs: t,
        accountId: acct,
        order: { clientOrderId, symbol: 'XYZ', side, orderType: 'limit', priceTicks, qtyLots, tif: 'GTC' },
      });
    }
    placed.push(acct);
  }
  return out;
}

export function runCommandPathSection(): void {
  const n = Math.round(1_000_000 * benchScale());
  const engine = createEngine({ instruments: [XYZ] });
  const state = engine.initialState();
  for (const c of setup()) engine.apply(state, c);
  const cmds = stream(n);
  const out: EngineEvent[] = [];
  let events = 0;
  const counts = new Map<string, number>();
  const t0 = performance.now();
  for (let i = 0; i < cmds.length; i++) {
    out.length = 0;
    engine.applyInto(state, cmds[i] as Command, out);
    events += out.length;
    if ((i & 0xffff) === 0) for (const e of out) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  }
  const seconds = (performance.now() - t0) / 1000;
  engine.validate(state);
  const perS = Math.round(n / seconds);
  note(`${n} commands in ${round(seconds, 3)} s, ${events} events, ${state.orders.size} orders resting at the end`);
  emit({ metric: 'engine_orders_per_s', value: perS, unit: 'op/s' });
  emit({ metric: 'engine_events_per_s', value: Math.round(events / seconds), unit: 'op/s' });
}
