/**
 * exp, ln and pow that give the same bits on every JavaScript engine.
 *
 * ECMAScript specifies + − × ÷ and √ to be correctly rounded (IEEE 754), but leaves Math.exp,
 * Math.log, Math.pow and `**` "implementation-approximated": Chromium's V8 and Node's V8 were seen
 * to differ in the last bit of a CAGR. A backtest must give the same report in the browser, the
 * CLI and a server worker, so the metrics use these instead. Each is a line-by-line port of
 * Sun's fdlibm 5.3 (e_exp.c, e_log.c, e_pow.c; error < 1 ulp, `pow` "nearly rounded"), which uses
 * only correctly rounded operations and exact bit manipulation; the algorithm is the
 * specification, so every conforming engine computes the same double. JavaScript never fuses a
 * multiply and an add, so nothing is contracted behind our back.
 *
 * The words of a double are read and written through a big-endian DataView (explicit byte
 * order: the host's endianness cannot change a result).
 */
import { assert } from '../util/assert';

const view = new DataView(new ArrayBuffer(8));

/** The high 32 bits (sign, exponent, top of the fraction) as a signed integer. */
function highWord(x: number): number {
  view.setFloat64(0, x);
  return view.getInt32(0);
}

function lowWord(x: number): number {
  view.setFloat64(0, x);
  return view.getUint32(4);
}

function fromWords(high: number, low: number): number {
  view.setInt32(0, high);
  view.setUint32(4, low);
  return view.getFloat64(0);
}

function withHighWord(x: number, high: number): number {
  return fromWords(high, lowWord(x));
}

/** x with its low 32 bits cleared: a head that multiplies exactly by a ≤ 21-bit factor. */
function clearLow(x: number): number {
  return fromWords(highWord(x), 0);
}

const LN2_HI = 0.6931471803691238; // 0x3FE62E42 FEE00000
const LN2_LO = 1.9082149292705877e-10; // 0x3DEA39EF 35793C76
const TWO54 = 1.8014398509481984e16;
const TWO_M1000 = 9.332636185032189e-302; // 2^-1000
const EXP_P1 = 0.16666666666666602;
const EXP_P2 = -0.0027777777777015593;
const EXP_P3 = 6.613756321437934e-5;
const EXP_P4 = -1.6533902205465252e-6;
const EXP_P5 = 4.1381367970572385e-8;
const INV_LN2 = Math.LOG2E;

/** 2^k · y for a y near 1 whose scaled value is normal or, below 2^-1021, scaled in two exact steps. */
function scaleByPowerOfTwo(y: number, k: number): number {
  if (k >= -1021) return withHighWord(y, highWord(y) + k * 0x100000);
  return withHighWord(y, highWord(y) + (k + 1000) * 0x100000) * TWO_M1000;
}

/** e^x: fdlibm e_exp.c (argument reduction x = k·ln2 + r, a Remez polynomial for r). */
export function portableExp(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const negative = x < 0 ? 1 : 0;
  const hx = highWord(x) & 0x7fffffff;
  if (hx >= 0x40862e42) {
    if (x > 709.782712893384) return Number.POSITIVE_INFINITY;
    if (x < -745.1332191019411) return 0;
  }
  let hi = 0;
  let lo = 0;
  let k = 0;
  let r = x;
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      hi = negative ? x + LN2_HI : x - LN2_HI;
      lo = negative ? -LN2_LO : LN2_LO;
      k = negative ? -1 : 1;
    } else {
      k = Math.trunc(INV_LN2 * x + (negative ? -0.5 : 0.5));
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    r = hi - lo;
  } else if (hx < 0x3e300000) {
    return 1 + x;
  }
  const t = r * r;
  const c = r - t * (EXP_P1 + t * (EXP_P2 + t * (EXP_P3 + t * (EXP_P4 + t * EXP_P5))));
  if (k === 0) return 1 - ((r * c) / (c - 2) - r);
  return scaleByPowerOfTwo(1 - (lo - (r * c) / (2 - c) - hi), k);
}

const LG1 = 0.6666666666666735;
const LG2 = 0.3999999999940942;
const LG3 = 0.2857142874366239;
const LG4 = 0.22222198432149784;
const LG5 = 0.1818357216161805;
const LG6 = 0.15313837699209373;
const LG7 = 0.14798198605116586;

/** ln(1 + f) for the reduced f of `portableLn`, plus k·ln2 (fdlibm e_log.c, the tail of it). */
function lnReduced(f: number, k: number, hx: number): number {
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const r = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - r : dk * LN2_HI - (r - dk * LN2_LO - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + r));
    return dk * LN2_HI - (hfsq - (s * (hfsq + r) + dk * LN2_LO) - f);
  }
  if (k === 0) return f - s * (f - r);
  return dk * LN2_HI - (s * (f - r) - dk * LN2_LO - f);
}

/** ln x: fdlibm e_log.c (x = 2^k·(1 + f), √2/2 < 1 + f < √2, ln(1 + f) = 2·atanh(f / (2 + f))). */
export function portableLn(x: number): number {
  if (Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0) return Number.NEGATIVE_INFINITY;
  if (x === Number.POSITIVE_INFINITY) return x;
  let k = 0;
  let m = x;
  let hx = highWord(m);
  if (hx < 0x00100000) {
    k -= 54; // subnormal: scale up exactly
    m *= TWO54;
    hx = highWord(m);
  }
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  m = withHighWord(m, hx | (i ^ 0x3ff00000)); // normalise m or m/2 into [√2/2, √2)
  k += i >> 20;
  return lnReduced(m - 1, k, hx);
}

const BP = [1.0, 1.5];
const DP_H = [0, 0.5849624872207642];
const DP_L = [0, 1.350039202129749e-8] as const;
const L1 = 0.5999999999999946;
const L2 = 0.4285714285785502;
const L3 = 0.33333332981837743;
const L4 = 0.272728123808534;
const L5 = 0.23066074577556175;
const L6 = 0.20697501780033842;
const LG2_FULL = Math.LN2;
const LG2_H = 0.6931471824645996;
const LG2_L = -1.904654299957768e-9;
const OVT = 8.008566259537294e-17;
const CP = 0.9617966939259756;
const CP_H = 0.9617967009544373;
const CP_L = -7.028461650952758e-9;
const IVLN2 = Math.LOG2E;
const IVLN2_H = 1.4426950216293335;
const IVLN2_L = 1.9259629911266175e-8;

type Split = { head: number; tail: number };

/** log2 x for x within 2^-20 of 1, as head + tail (head with 20 trailing zero bits). */
function log2NearOne(x: number): Split {
  const t = x - 1;
  const w = t * t * (0.5 - t * (0.3333333333333333 - t * 0.25));
  const u = IVLN2_H * t;
  const v = t * IVLN2_L - w * IVLN2;
  const head = clearLow(u + v);
  return { head, tail: v - (head - u) };
}

/** log2 x for a positive finite x, as head + tail (fdlibm e_pow.c step 1). */
function log2Split(x: number): Split {
  let ax = x;
  let ix = highWord(ax);
  let n = 0;
  if (ix < 0x00100000) {
    ax *= 9007199254740992; // 2^53: subnormal, scale up exactly
    n -= 53;
    ix = highWord(ax);
  }
  n += (ix >> 20) - 0x3ff;
  const j = ix & 0x000fffff;
  ix = j | 0x3ff00000; // normalise to [1, 2)
  let k = 0;
  if (j <= 0x3988e)
    k = 0; // < √(3/2)
  else if (j < 0xbb67a)
    k = 1; // < √3
  else {
    n += 1;
    ix -= 0x00100000;
  }
  ax = withHighWord(ax, ix);
  // ss = s_h + s_l = (ax − bp) / (ax + bp), bp = 1 or 1.5
  const bp = BP[k] as number;
  const u = ax - bp;
  const v = 1 / (ax + bp);
  const ss = u * v;
  const sH = clearLow(ss);
  let tH = fromWords(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18), 0);
  const tL = ax - (tH - bp);
  const sL = v * (u - sH * tH - sH * tL);
  let s2 = ss * ss;
  let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
  r += sL * (sH + ss);
  s2 = sH * sH;
  tH = clearLow(3 + s2 + r);
  const tL2 = r - (tH - 3 - s2);
  const pu = sH * tH;
  const pv = sL * tH + tL2 * ss;
  const pH = clearLow(pu + pv);
  const pL = pv - (pH - pu);
  // log2(ax) = n + dp_h + z_h + z_l, with cp_h + cp_l = 2 / (3·ln 2)
  const zH = CP_H * pH;
  const zL = CP_L * pH + pL * CP + (DP_L[k] as number);
  const t = n;
  const head = clearLow(zH + zL + (DP_H[k] as number) + t);
  return { head, tail: zL - (head - t - (DP_H[k] as number) - zH) };
}

/** 2^(pH + pL) for |pH + pL| < 1075 (fdlibm e_pow.c step 3). */
function exp2Split(pHIn: number, pL: number, z: number): number {
  let pH = pHIn;
  const j = highWord(z);
  const i = j & 0x7fffffff;
  let k = (i >> 20) - 0x3ff;
  let n = 0;
  if (i > 0x3fe00000) {
    // |z| > 0.5: n = [z + 0.5]
    n = (j + (0x00100000 >> (k + 1))) | 0;
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    const t = fromWords(n & ~(0x000fffff >> k), 0);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    pH -= t;
  }
  const t = clearLow(pL + pH);
  const u = t * LG2_H;
  const v = (pL - (t - pH)) * LG2_FULL + t * LG2_L;
  const zz = u + v;
  const w = v - (zz - u);
  const tt = zz * zz;
  const t1 = zz - tt * (EXP_P1 + tt * (EXP_P2 + tt * (EXP_P3 + tt * (EXP_P4 + tt * EXP_P5))));
  const r = (zz * t1) / (t1 - 2) - (w + zz * w);
  const result = 1 - (r - zz);
  const high = highWord(result) + n * 0x100000;
  if (high >> 20 > 0) return withHighWord(result, high);
  // Subnormal result: two exact scalings, one rounding.
  return result * fromWords((n + 1000 + 0x3ff) * 0x100000, 0) * TWO_M1000;
}

/**
 * log2 x when |y| > 2^31 (high word of y above 0x41e00000): unless x is within about 2^-20 of 1
 * the power over- or underflows, and that answer (0 or ∞) is returned instead.
 */
function log2ForHugeY(x: number, y: number): Split | number {
  const ix = highWord(x);
  const overflows = x > 1 === y > 0 ? Number.POSITIVE_INFINITY : 0;
  if ((highWord(y) & 0x7fffffff) > 0x43f00000) return overflows; // |y| > 2^64 (x = 1 was handled)
  if (ix < 0x3fefffff || ix > 0x3ff00000) return overflows;
  return log2NearOne(x);
}

/**
 * x^y for x > 0 and finite y: fdlibm e_pow.c. log2 x in extra precision (head + tail), y·log2 x
 * as an exact product of split halves, then 2^(that) as e^(r·ln 2)·2^n. "Nearly rounded"; exact
 * for integer x and y when the result is representable.
 */
export function portablePow(x: number, y: number): number {
  assert(x > 0 && x < Number.POSITIVE_INFINITY && Number.isFinite(y), 'portablePow: x > 0 finite, y finite');
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (y === -1) return 1 / x;
  if (y === 2) return x * x;
  if (y === 0.5) return Math.sqrt(x);
  let log2: Split;
  if ((highWord(y) & 0x7fffffff) > 0x41e00000) {
    const huge = log2ForHugeY(x, y);
    if (typeof huge === 'number') return huge;
    log2 = huge;
  } else {
    log2 = log2Split(x);
  }
  // y = y1 + (y − y1), y1 with a zero low word, so y1·head is exact.
  const y1 = clearLow(y);
  const pL = (y - y1) * log2.head + y * log2.tail;
  const pH = y1 * log2.head;
  const z = pL + pH;
  const j = highWord(z);
  const i = lowWord(z);
  if (j >= 0x40900000) {
    // z ≥ 1024
    if (j !== 0x40900000 || i !== 0 || pL + OVT > z - pH) return Number.POSITIVE_INFINITY;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    // z ≤ −1075
    if (j !== (0xc090cc00 | 0) || i !== 0 || pL <= z - pH) return 0;
  }
  return exp2Split(pH, pL, z);
}
