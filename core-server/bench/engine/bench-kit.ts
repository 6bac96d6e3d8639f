/**
 * Small helpers shared by the engine benchmark's sections: the figure printer (one JSON object
 * per line on stdout), notes on stderr, a seeded PRNG, percentiles and a GC-settled heap reading.
 */

export const SUITE = 'engine';

export type Figure = {
  metric: string;
  value: number;
  unit: string;
  peer?: string;
  peer_value?: number;
  ratio?: number;
};

export function emit(f: Figure): void {
  process.stdout.write(`${JSON.stringify({ suite: SUITE, ...f })}\n`);
}

export function note(message: string): void {
  process.stderr.write(`[engine] ${message}\n`);
}

/** BENCH_SCALE (default 1) scales the work; a bad value is a usage error, not a silent 1. */
export function benchScale(): number {
  const raw = process.env.BENCH_SCALE ?? '1';
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0) throw new Error(`BENCH_SCALE must be a positive number, got ${raw}`);
  return scale;
}

/** mulberry32: tiny, fast, deterministic; quality is ample for generating a workload. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** p in [0, 1] of an unsorted sample (sorts a copy). */
export function percentile(sample: Float64Array, p: number): number {
  const sorted = Float64Array.from(sample).sort();
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i] as number;
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

type Gc = () => void;
/** The runner starts suites with --expose-gc; without it readings include garbage (we say so). */
export function collect(): boolean {
  const gc = (globalThis as { gc?: Gc }).gc;
  if (gc === undefined) return false;
  gc();
  gc();
  return true;
}

/**
 * Bytes held by the JS heap plus ArrayBuffer backing stores: the book keeps its orders in typed
 * arrays, whose memory V8 counts outside `heapUsed`, so leaving them out would flatter us.
 */
export function heapBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
