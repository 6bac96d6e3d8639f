/**
 * Suite `alerts` (issue 7): price-alert evaluation with ACTIVE_ALERTS waiting on one symbol
 * (every tick of it must consider all of them), our sorted index against a naive linear scan
 * of every alert, in the same run, on the same seeded ticks and alerts.
 *
 * Figures: `ticks_per_s` (ticks evaluated per second) and `tick_alert_checks_per_s` defined as
 * ticks/s × alerts active on the ticked symbol at the time — how many (tick, alert) pairs are
 * decided per second, whether or not the index looks at each pair (the target is ≥ 1,000,000).
 * An alert that fires is replaced by a fresh one, so the count stays at ACTIVE_ALERTS.
 * Ticks are a seeded random walk of ±3 ticks from 96,500.00; thresholds are uniform in ±2 %.
 * Bounded: TICKS × BENCH_SCALE ticks for the index, NAIVE_TICKS × BENCH_SCALE for the peer.
 */
import { NaiveAlertScan, type PriceAlert, PriceAlertIndex } from '@tradewind/shared/alerts';

const SCALE = Number(process.env.BENCH_SCALE ?? '1') || 1;
const ACTIVE_ALERTS = 100_000;
const TICKS = Math.max(10_000, Math.round(2_000_000 * SCALE));
const NAIVE_TICKS = Math.max(100, Math.round(1_000 * SCALE));
const START_TICKS = 9_650_000;
const SYMBOL = 'BTC-USD';

const log = (msg: string) => process.stderr.write(`[alerts] ${msg}\n`);

/** mulberry32: a small seeded PRNG (the bench must be repeatable). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Evaluator = { add(a: PriceAlert): boolean; evaluate(symbol: string, p: number, out: PriceAlert[]): number };

function run(evaluator: Evaluator, ticks: number): { seconds: number; fired: number } {
  const rand = rng(7);
  let nextId = 0;
  const fresh = (price: number): PriceAlert => {
    const threshold = Math.max(1, Math.round(price * (0.98 + rand() * 0.04)));
    const condition = threshold > price ? 'above' : 'below';
    return { id: `a${nextId++}`, symbol: SYMBOL, condition, thresholdTicks: threshold, referenceTicks: price };
  };
  for (let i = 0; i < ACTIVE_ALERTS; i++) evaluator.add(fresh(START_TICKS));
  const out: PriceAlert[] = [];
  let price = START_TICKS;
  let fired = 0;
  const t0 = performance.now();
  for (let i = 0; i < ticks; i++) {
    price += Math.floor(rand() * 7) - 3;
    out.length = 0;
    const n = evaluator.evaluate(SYMBOL, price, out);
    fired += n;
    for (let k = 0; k < n; k++) evaluator.add(fresh(price));
  }
  return { seconds: (performance.now() - t0) / 1000, fired };
}

function emit(metric: string, value: number, unit: string, peerValue: number): void {
  const line = {
    suite: 'alerts',
    metric,
    value: Math.round(value),
    unit,
    peer: 'naive-linear-scan',
    peer_value: Math.round(peerValue),
  };
  process.stdout.write(`${JSON.stringify({ ...line, ratio: Number((value / peerValue).toFixed(1)) })}\n`);
}

log(`${ACTIVE_ALERTS} alerts on ${SYMBOL}; index: ${TICKS} ticks, naive scan: ${NAIVE_TICKS} ticks`);
const index = new PriceAlertIndex();
const ours = run(index, TICKS);
if (index.sizeOf(SYMBOL) !== ACTIVE_ALERTS) throw new Error('the index lost alerts');
log(`index: ${ours.seconds.toFixed(2)} s, ${ours.fired} fired`);
const naive = new NaiveAlertScan();
const peer = run(naive, NAIVE_TICKS);
if (naive.size !== ACTIVE_ALERTS) throw new Error('the naive scan lost alerts');
log(`naive: ${peer.seconds.toFixed(2)} s, ${peer.fired} fired`);
const oursTicksPerS = TICKS / ours.seconds;
const peerTicksPerS = NAIVE_TICKS / peer.seconds;
emit('tick_alert_checks_per_s', oursTicksPerS * ACTIVE_ALERTS, 'checks/s', peerTicksPerS * ACTIVE_ALERTS);
emit('ticks_per_s', oursTicksPerS, 'ticks/s', peerTicksPerS);
