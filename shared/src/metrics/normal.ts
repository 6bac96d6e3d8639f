/**
 * The standard normal distribution function Φ and its inverse, for the probabilistic and
 * deflated Sharpe ratios. Pure arithmetic, √ and the portable exp/ln (same bits on every engine).
 */
import { assert } from '../util/assert';
import { portableExp, portableLn } from './portable-math';

/**
 * Φ(x) by Hart's algorithm 5666 as given by G. West, "Better approximations to cumulative normal
 * functions", Wilmott Magazine (2005), figure 2: double-precision accuracy (~1e-15 absolute).
 */
export function normalCdf(x: number): number {
  assert(!Number.isNaN(x), 'normalCdf of NaN');
  const z = Math.abs(x);
  let tail = 0; // Φ(−|x|)
  if (z <= 37) {
    const e = portableExp((-z * z) / 2);
    if (z < 7.07106781186547) {
      let num = 3.52624965998911e-2 * z + 0.700383064443688;
      num = num * z + 6.37396220353165;
      num = num * z + 33.912866078383;
      num = num * z + 112.079291497871;
      num = num * z + 221.213596169931;
      num = num * z + 220.206867912376;
      let den = 8.83883476483184e-2 * z + 1.75566716318264;
      den = den * z + 16.064177579207;
      den = den * z + 86.7807322029461;
      den = den * z + 296.564248779674;
      den = den * z + 637.333633378831;
      den = den * z + 793.826512519948;
      den = den * z + 440.413735824752;
      tail = (e * num) / den;
    } else {
      // Continued fraction for the far tail.
      let cf = z + 0.65;
      cf = z + 4 / cf;
      cf = z + 3 / cf;
      cf = z + 2 / cf;
      cf = z + 1 / cf;
      tail = e / cf / 2.506628274631;
    }
  }
  return x > 0 ? 1 - tail : tail;
}

const A = [
  -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
];
const B = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
const C = [
  -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
];
const D = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

function poly(coeffs: readonly number[], x: number): number {
  let acc = 0;
  for (const c of coeffs) acc = acc * x + c;
  return acc;
}

/**
 * Φ⁻¹(p) for p in (0, 1): P. J. Acklam's rational approximation (relative error < 1.15e-9),
 * then one Halley step on Φ above, which brings it to near machine precision.
 */
export function normalQuantile(p: number): number {
  assert(p > 0 && p < 1, `normalQuantile needs p in (0, 1): ${p}`);
  let x: number;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * portableLn(p));
    x = poly(C, q) / (poly(D, q) * q + 1);
  } else if (p <= 1 - P_LOW) {
    const q = p - 0.5;
    const r = q * q;
    x = (poly(A, r) * q) / (poly(B, r) * r + 1);
  } else {
    const q = Math.sqrt(-2 * portableLn(1 - p));
    x = -poly(C, q) / (poly(D, q) * q + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * portableExp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}
