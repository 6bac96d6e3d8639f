import { type BookOrder, OrderBook } from '@tradewind/shared/engine';
import { benchScale, collect, emit, heapBytes, note, percentile, round } from './bench-kit';
import { type BookRunner, hftLimitOrderBookRunner, nodejsOrderBookRunner, tradewindRunner } from './book-runners';
import { type BookStream, MID_TICKS, makeBookStream } from './book-stream';

const STREAM_OPS = 1_000_000;
const STREAM_SEED = 20261124;
const WARMUP_OPS = 50_000;
/** Our book is timed several times (fresh book each) and the median reported: runs of ~0.3 s are noisy. */
const OUR_RUNS = 5;

type Measured = { opsPerS: number; p50Us: number; p99Us: number; p999Us: number; resting: number };

/** Untimed prefix on a throwaway book: lets the JIT settle before anything is measured. */
function warmUp(r: BookRunner, s: BookStream): void {
  r.reset();
  for (let i = 0; i < Math.min(WARMUP_OPS, s.length); i++) r.step(i);
  r.reset();
}

/** Whole stream in one timed loop: throughput without per-op timer overhead. */
function timeThroughput(r: BookRunner, s: BookStream): number {
  r.reset();
  collect();
  const t0 = performance.now();
  for (let i = 0; i < s.length; i++) r.step(i);
  const ms = performance.now() - t0;
  return (s.length / ms) * 1000;
}

/**
 * Every operation timed on its own with performance.now() (a double: unlike hrtime.bigint it
 * allocates nothing, so the timer does not feed the GC tail it is measuring). Includes the
 * timer's own ~30-50 ns.
 */
function timeEachOp(r: BookRunner, s: BookStream): { lat: Float64Array; ms: number } {
  const lat = new Float64Array(s.length);
  r.reset();
  collect();
  const start = performance.now();
  for (let i = 0; i < s.length; i++) {
    const t0 = performance.now();
    r.step(i);
    lat[i] = performance.now() - t0;
  }
  return { lat, ms: performance.now() - start };
}

function latencies(lat: Float64Array) {
  return {
    p50Us: percentile(lat, 0.5) * 1000,
    p99Us: percentile(lat, 0.99) * 1000,
    p999Us: percentile(lat, 0.999) * 1000,
  };
}

function measureOurs(s: BookStream): Measured {
  const r = tradewindRunner(s);
  warmUp(r, s);
  const runs: number[] = [];
  for (let k = 0; k < OUR_RUNS; k++) runs.push(timeThroughput(r, s));
  runs.sort((a, b) => a - b);
  const { lat } = timeEachOp(r, s);
  note(`tradewind throughput runs (op/s): ${runs.map((x) => Math.round(x)).join(', ')}`);
  return { opsPerS: runs[Math.floor(OUR_RUNS / 2)] as number, ...latencies(lat), resting: r.resting() };
}

/** Peers are ~100x slower: one per-op-timed pass gives both figures (timer overhead < 1% there). */
function measurePeer(r: BookRunner, s: BookStream): Measured {
  warmUp(r, s);
  const { lat, ms } = timeEachOp(r, s);
  return { opsPerS: (s.length / ms) * 1000, ...latencies(lat), resting: r.resting() };
}

function describe(name: string, m: Measured): void {
  note(
    `${name}: ${Math.round(m.opsPerS)} op/s, p50 ${round(m.p50Us, 3)} us, p99 ${round(m.p99Us, 3)} us, ` +
      `p99.9 ${round(m.p999Us, 3)} us, ${m.resting} resting at the end`,
  );
}

export function runBookSection(): void {
  const n = Math.max(10_000, Math.round(STREAM_OPS * benchScale()));
  const t0 = performance.now();
  const s = makeBookStream(n, STREAM_SEED);
  note(`stream: ${n} ops (seed ${STREAM_SEED}) generated in ${Math.round(performance.now() - t0)} ms`);
  const ours = measureOurs(s);
  describe('tradewind', ours);
  const peers = [nodejsOrderBookRunner(s), hftLimitOrderBookRunner(s)].map((r) => {
    const m = measurePeer(r, s);
    describe(r.name, m);
    return { name: r.name, m };
  });
  note('latency = each op timed alone with performance.now() (ours in a separate pass from throughput)');
  emit({ metric: 'book_ops_per_s', value: Math.round(ours.opsPerS), unit: 'op/s' });
  for (const { name, m } of peers) {
    const ratio = round(ours.opsPerS / m.opsPerS, 1);
    emit({
      metric: 'book_ops_per_s',
      value: Math.round(ours.opsPerS),
      unit: 'op/s',
      peer: name,
      peer_value: Math.round(m.opsPerS),
      ratio,
    });
  }
  for (const [metric, key] of [
    ['book_op_p50_us', 'p50Us'],
    ['book_op_p99_us', 'p99Us'],
  ] as const) {
    emit({ metric, value: round(ours[key], 3), unit: 'us' });
    for (const { name, m } of peers) {
      emit({
        metric,
        value: round(ours[key], 3),
        unit: 'us',
        peer: name,
        peer_value: round(m[key], 3),
        ratio: round(m[key] / ours[key], 1),
      });
    }
  }
}

const RESTING_ORDERS = 1_000_000;

/** Fills a book with resting orders over ~1,000 levels (nothing crosses). */
function fillResting(book: OrderBook, count: number): void {
  const order: BookOrder = {
    orderId: 0,
    ownerId: 0,
    side: 'buy',
    type: 'limit',
    priceTicks: 0,
    qtyLots: 1,
    tif: 'GTC',
    postOnly: false,
  };
  for (let i = 0; i < count; i++) {
    const buy = (i & 1) === 0;
    order.orderId = i + 1;
    order.ownerId = i % 1000;
    order.side = buy ? 'buy' : 'sell';
    order.priceTicks = buy ? MID_TICKS - 1 - ((i >> 1) % 500) : MID_TICKS + 1 + ((i >> 1) % 500);
    order.qtyLots = 1 + (i % 100);
    book.submit(order, NO_FILLS);
  }
}

const NO_FILLS = { onFill() {}, onSelfTradePrevented() {} };

/** Heap (JS heap + ArrayBuffers) held by a book of 1,000,000 resting orders, after full GCs. */
export function runMemorySection(): void {
  const gc = collect();
  if (!gc) note('no global.gc (run with node --expose-gc): the memory figure includes uncollected garbage');
  const before = heapBytes();
  const book = new OrderBook({ selfTrade: 'none' });
  fillResting(book, RESTING_ORDERS);
  collect();
  const mb = (heapBytes() - before) / 2 ** 20;
  book.validate();
  note(
    `memory: ${book.size} resting orders, ${book.levelCount('buy') + book.levelCount('sell')} levels, ${round(mb, 1)} MB (heapUsed + arrayBuffers)`,
  );
  emit({ metric: 'resting_1m_heap_mb', value: round(mb, 1), unit: 'MB' });
}
