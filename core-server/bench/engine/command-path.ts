import { type Instrument, type InstrumentSymbol, makeInstrument } from '@tradewind/shared/domain';
import { type Command, createEngine, type Engine, type EngineEvent, type EngineState } from '@tradewind/shared/engine';
import { benchScale, collect, emit, heapBytes, note, percentile, prng, round } from './bench-kit';

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

/**
 * The command stream, generated in chunks: a server decodes commands as they arrive and they die
 * young, so the bench does not keep a million command objects alive in the old generation (which
 * would make every major GC mark them). Generation runs outside the timed region.
 */
class Stream {
  private readonly rnd = prng(0x7e57);
  /** Account of each order id (ids are assigned 1, 2, 3… in acceptance order). */
  private readonly placed: string[] = [];
  private i = 0;

  next(n: number, out: Command[]): void {
    out.length = 0;
    for (let k = 0; k < n; k++, this.i++) out.push(this.one(this.i));
  }

  private one(i: number): Command {
    const rnd = this.rnd;
    const placed = this.placed;
    const r = rnd();
    const acct = `a${Math.floor(rnd() * ACCOUNTS)}`;
    const t = 1 + (i >> 10); // time advances 1 ms every 1,024 commands
    if (r < 0.25 && placed.length > 0) {
      const id = 1 + Math.floor(rnd() * placed.length);
      return { type: 'CancelOrder', timeMs: t, accountId: placed[id - 1] as string, orderId: id };
    }
    const side = rnd() < 0.5 ? 'buy' : 'sell';
    const qtyLots = 1 + Math.floor(rnd() * 10);
    const clientOrderId = `c${i}`;
    placed.push(acct);
    if (r < 0.4) {
      const order = { clientOrderId, symbol: 'XYZ', side, orderType: 'market', qtyLots, tif: 'IOC' } as const;
      return { type: 'PlaceOrder', timeMs: t, accountId: acct, order };
    }
    // Buys below the mid, sells above, with some overlap so that a share of limits trade.
    const off = Math.floor(rnd() * 500) - 25;
    const priceTicks = side === 'buy' ? MID - off : MID + off;
    const order = { clientOrderId, symbol: 'XYZ', side, orderType: 'limit', priceTicks, qtyLots, tif: 'GTC' } as const;
    return { type: 'PlaceOrder', timeMs: t, accountId: acct, order };
  }
}

const CHUNK = 1 << 12;
/** Every SAMPLE_EVERY-th command is timed on its own for the latency percentiles. */
const SAMPLE_EVERY = 8;
/** The event array is emptied this often (a power of two). */
const OUT_CLEAR_EVERY = 1024;

type Run = { seconds: number; cpuSeconds: number; events: number; samples: Float64Array; counts: Map<string, number> };

function runStream(engine: Engine, state: EngineState, n: number): Run {
  const stream = new Stream();
  const cmds: Command[] = [];
  const out: EngineEvent[] = [];
  const samples = new Float64Array(Math.ceil(n / SAMPLE_EVERY));
  const counts = new Map<string, number>();
  let events = 0;
  let seconds = 0;
  let cpuMicros = 0;
  let s = 0;
  for (let done = 0; done < n; done += cmds.length) {
    stream.next(Math.min(CHUNK, n - done), cmds);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < cmds.length; i++) {
      // Cleared every OUT_CLEAR_EVERY commands, not every one: `length = 0` frees the array's
      // storage in V8, so clearing each time would charge the engine a reallocation per command.
      if ((i & (OUT_CLEAR_EVERY - 1)) === 0) out.length = 0;
      const start = out.length;
      if ((i & (SAMPLE_EVERY - 1)) === 0) {
        const c0 = performance.now();
        engine.applyInto(state, cmds[i] as Command, out);
        samples[s++] = (performance.now() - c0) * 1000;
      } else {
        engine.applyInto(state, cmds[i] as Command, out);
      }
      events += out.length - start;
      if ((i & 0xff) === 0)
        for (let k = start; k < out.length; k++) {
          const type = (out[k] as EngineEvent).type;
          counts.set(type, (counts.get(type) ?? 0) + 1);
        }
    }
    seconds += (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    cpuMicros += cpu.user + cpu.system;
  }
  return { seconds, cpuSeconds: cpuMicros / 1e6, events, samples: samples.subarray(0, s), counts };
}

export function runCommandPathSection(): void {
  const n = Math.round(1_000_000 * benchScale());
  const engine = createEngine({ instruments: [XYZ] });
  const state = engine.initialState();
  for (const c of setup()) engine.apply(state, c);
  const r = runStream(engine, state, n);
  engine.validate(state);
  const perS = Math.round(n / r.seconds);
  note(
    `${n} commands in ${round(r.seconds, 3)} s (process CPU ${round(r.cpuSeconds, 3)} s), ${r.events} events, ${state.orders.size} orders resting at the end`,
  );
  note(`event mix (1 command in 256): ${JSON.stringify(Object.fromEntries(r.counts))}`);
  emit({ metric: 'engine_orders_per_s', value: perS, unit: 'op/s' });
  emit({ metric: 'engine_events_per_s', value: Math.round(r.events / r.seconds), unit: 'op/s' });
  emit({ metric: 'engine_cmd_p50_us', value: round(percentile(r.samples, 0.5), 2), unit: 'us' });
  emit({ metric: 'engine_cmd_p99_us', value: round(percentile(r.samples, 0.99), 2), unit: 'us' });
}

/** Resting orders for the memory figure; 100 accounts × 10,000 (the per-account cap is 100,000). */
const RESTING_ORDERS = 1_000_000;

/**
 * Issue 3 benchmark 3 through the whole engine: the heap (JS heap + ArrayBuffers, after full GCs)
 * held by an engine with 1,000,000 resting limit orders, each with a client order id (kept for
 * idempotency), none crossing. Commands are made one at a time and die, as on a server.
 */
export function runEngineMemorySection(): void {
  if (!collect()) note('no global.gc (run with node --expose-gc): the memory figure includes uncollected garbage');
  const before = heapBytes();
  const engine = createEngine({ instruments: [XYZ] });
  const state = engine.initialState();
  for (const c of setup()) engine.apply(state, c);
  const out: EngineEvent[] = [];
  for (let i = 0; i < RESTING_ORDERS; i++) {
    const buy = (i & 1) === 0;
    const off = 1 + ((i >> 1) % 500);
    out.length = 0;
    engine.applyInto(
      state,
      {
        type: 'PlaceOrder',
        timeMs: 1,
        accountId: `a${i % ACCOUNTS}`,
        order: {
          clientOrderId: `m${i}`,
          symbol: 'XYZ',
          side: buy ? 'buy' : 'sell',
          orderType: 'limit',
          priceTicks: buy ? MID - off : MID + off,
          qtyLots: 1 + (i % 10),
          tif: 'GTC',
        },
      },
      out,
    );
    if (out[0]?.type !== 'OrderAccepted') throw new Error(`order ${i} not accepted: ${JSON.stringify(out[0])}`);
  }
  collect();
  const mb = (heapBytes() - before) / 2 ** 20;
  if (state.orders.size !== RESTING_ORDERS) throw new Error(`${state.orders.size} resting, not ${RESTING_ORDERS}`);
  note(`engine memory: ${state.orders.size} resting orders, ${round(mb, 1)} MB (heapUsed + arrayBuffers)`);
  emit({ metric: 'engine_resting_1m_heap_mb', value: round(mb, 1), unit: 'MB' });
}
