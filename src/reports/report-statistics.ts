import type { Difference } from './report-figures';
import { tQuantile } from './student-t';

/** A proportion's parts: `successes` out of `n`. */
export interface Proportion {
  successes: number;
  n: number;
}

/** An item's answers as Welch needs them. */
export interface Sample {
  n: number;
  mean: number;
  /** The unbiased sample variance (n − 1 in the denominator). */
  variance: number;
}

const Z = 1.96;

/**
 * The 95 % Wilson score interval of `successes` out of `n`: unlike p ± z·se it stays inside
 * [0, 1] and is wide for small n, so 3 answers do not read like 300.
 */
export function wilson(successes: number, n: number): [number, number] {
  const p = successes / n;
  const z2 = Z * Z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const margin = (Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return [Math.max(0, centre - margin), Math.min(1, centre + margin)];
}

export const NO_DIFFERENCE: Difference = { value: null, interval: null, significant: null };

const difference = (value: number, interval: [number, number] | null): Difference => ({
  value,
  interval,
  significant: interval === null ? null : interval[0] > 0 || interval[1] < 0,
});

/**
 * p1 − p2 with Newcombe's hybrid score interval (Newcombe 1998, method 10): each side's
 * distance to its own 95 % Wilson limit, combined in quadrature. Unlike the Wald interval it
 * stays within [−1, 1] and behaves at 0/n and n/n, which small groups meet all the time.
 */
export function proportionDifference(current: Proportion, previous: Proportion): Difference {
  if (current.n === 0 || previous.n === 0) return NO_DIFFERENCE;
  const p1 = current.successes / current.n;
  const p2 = previous.successes / previous.n;
  const [l1, u1] = wilson(current.successes, current.n);
  const [l2, u2] = wilson(previous.successes, previous.n);
  const low = p1 - p2 - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2);
  const high = p1 - p2 + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2);
  return difference(p1 - p2, [low, high]);
}

/**
 * mean1 − mean2 with Welch's 95 % interval (unequal variances, Welch–Satterthwaite degrees of
 * freedom). The difference alone when a side has a single answer or neither varies: there is
 * no spread to measure, and an interval of width 0 would claim certainty.
 */
export function meanDifference(current: Sample | null, previous: Sample | null): Difference {
  if (current === null || previous === null || current.n === 0 || previous.n === 0) {
    return NO_DIFFERENCE;
  }
  const value = current.mean - previous.mean;
  if (current.n < 2 || previous.n < 2) return difference(value, null);
  const a = current.variance / current.n;
  const b = previous.variance / previous.n;
  if (a + b === 0) return difference(value, null);
  const df = (a + b) ** 2 / (a ** 2 / (current.n - 1) + b ** 2 / (previous.n - 1));
  const margin = tQuantile(0.975, df) * Math.sqrt(a + b);
  return difference(value, [value - margin, value + margin]);
}
