/**
 * Student's t quantile for a real number of degrees of freedom (Welch–Satterthwaite gives
 * fractional ones), through the regularized incomplete beta function: for T with ν degrees of
 * freedom, P(|T| > t) = I_{ν/(ν+t²)}(ν/2, 1/2). No dependency: a few dozen lines, checked
 * against printed t tables in student-t.spec.ts.
 */

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms: about 15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  const z = x - 1;
  let sum = c[0];
  for (let i = 1; i < c.length; i++) sum += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** The continued fraction of the incomplete beta (modified Lentz), valid for x < (a+1)/(a+b+2). */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    for (const numerator of [
      (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)),
      (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1)),
    ]) {
      d = 1 + numerator * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + numerator / c;
      if (Math.abs(c) < tiny) c = tiny;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x),
  );
  // The fraction converges fast only on one side of the mean: use the symmetry on the other.
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b)) / a;
  return 1 - (front * betaFraction(1 - x, b, a)) / b;
}

/** P(|T| > t) for T with `df` degrees of freedom. */
export function twoSidedTail(t: number, df: number): number {
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** The density of T at t. */
function density(t: number, df: number): number {
  const log =
    logGamma((df + 1) / 2) -
    logGamma(df / 2) -
    0.5 * Math.log(df * Math.PI) -
    ((df + 1) / 2) * Math.log1p((t * t) / df);
  return Math.exp(log);
}

/** The standard normal quantile of p in (0.5, 1) (Acklam's rational approximation, ~1e-9). */
function normalQuantile(p: number): number {
  const q = Math.sqrt(-2 * Math.log(1 - p));
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const numerator = ((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + 4.374664141464968) * q;
  const denominator = (((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1;
  return -(numerator + 2.938163982698783) / denominator;
}

/**
 * From here on the expansion below is within 1e-8 of the exact quantile, and the incomplete
 * beta's continued fraction (which needs more terms as df grows) is not worth its cost.
 */
const LARGE_DF = 100;

/** The t quantile from the normal one in powers of 1/df (Abramowitz & Stegun 26.7.5). */
function cornishFisher(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

/**
 * The t with P(T ≤ t) = p, for p in (0.5, 1). Newton's method on the two-sided tail, which is
 * convex and falling for t > 0: started at the normal quantile (below every t quantile), each
 * step stays below the root and climbs to it, in a handful of steps where bisection took 60
 * (a report with compare computes one per item and group).
 */
export function tQuantile(p: number, df: number): number {
  if (df >= LARGE_DF) return cornishFisher(normalQuantile(p), df);
  const tail = 2 * (1 - p);
  let t = normalQuantile(p);
  for (let i = 0; i < 200; i++) {
    const step = (twoSidedTail(t, df) - tail) / (2 * density(t, df));
    t += step;
    if (Math.abs(step) <= 1e-13 * t) break;
  }
  return t;
}
