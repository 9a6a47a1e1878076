/**
 * compare=previous by brute force, for the reference test: the previous period found by
 * walking the clock, Newcombe's and Welch's intervals written out from their papers' formulas,
 * and the t quantile by numerical integration. No code shared with the service.
 */
const DAY = 86_400_000;
const Z = 1.96;

export function dayIn(tz: string, instant: Date): string {
  // en-CA writes dates as YYYY-MM-DD.
  return instant.toLocaleDateString('en-CA', { timeZone: tz });
}

/** The calendar days from the day of `from` to the day of the last instant before `to`. */
export function daysOf(tz: string, from: Date, to: Date): string[] {
  const days: string[] = [];
  for (let d = dayIn(tz, from), t = from.getTime(); d <= dayIn(tz, new Date(to.getTime() - 1));) {
    days.push(d);
    while (dayIn(tz, new Date(t)) === d) t += 3600_000;
    d = dayIn(tz, new Date(t));
  }
  return days;
}

/** The period just before: as many local days when both ends start a day, else as long. */
export function previousPeriod(tz: string, from: Date, to: Date): { from: Date; to: Date } {
  const startsDay = (d: Date) => dayIn(tz, new Date(d.getTime() - 1)) !== dayIn(tz, d);
  if (!startsDay(from) || !startsDay(to)) {
    return { from: new Date(from.getTime() - (to.getTime() - from.getTime())), to: from };
  }
  const n = daysOf(tz, from, to).length;
  const first = new Date(`${dayIn(tz, from)}T00:00:00Z`);
  first.setUTCDate(first.getUTCDate() - n);
  const target = first.toISOString().slice(0, 10);
  // Walk minute by minute from well before to the first minute the zone shows that day.
  let t = from.getTime() - n * DAY - 6 * 3600_000;
  while (dayIn(tz, new Date(t)) < target) t += 60_000;
  return { from: new Date(t), to: from };
}

const NONE = { value: null, interval: null, significant: null };
const verdict = (value: number, interval: [number, number]) => ({
  value,
  interval,
  significant: interval[0] > 0 || interval[1] < 0,
});

function wilson(k: number, n: number): [number, number] {
  const p = k / n;
  const d = 1 + (Z * Z) / n;
  const centre = (p + (Z * Z) / (2 * n)) / d;
  const margin = (Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n))) / d;
  return [Math.max(0, centre - margin), Math.min(1, centre + margin)];
}

/** Newcombe (1998), method 10. */
export function newcombe(k1: number, n1: number, k2: number, n2: number) {
  if (n1 === 0 || n2 === 0) return NONE;
  const [p1, p2] = [k1 / n1, k2 / n2];
  const [l1, u1] = wilson(k1, n1);
  const [l2, u2] = wilson(k2, n2);
  return verdict(p1 - p2, [
    p1 - p2 - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
    p1 - p2 + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2),
  ]);
}

/**
 * t with P(|T| > t) = 0.05. With t = √ν / tan φ the density of T becomes sin^(ν−1) φ on
 * (0, π/2], so the tail is a ratio of two integrals; φ = s⁴ smooths the integrand at 0 for
 * Simpson's rule (sin^(ν−1) is not smooth there when ν < 2).
 */
function t975(df: number): number {
  const steps = 4000;
  const tail = (phi: number) => {
    const h = phi ** 0.25 / steps;
    let sum = 0;
    for (let i = 0; i <= steps; i++) {
      const s = i * h;
      const weight = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
      sum += weight * Math.sin(s ** 4) ** (df - 1) * 4 * s ** 3;
    }
    return (sum * h) / 3;
  };
  const whole = tail(Math.PI / 2);
  let [low, high] = [0, Math.PI / 2];
  for (let i = 0; i < 50; i++) {
    const middle = (low + high) / 2;
    if (tail(middle) / whole < 0.05) low = middle;
    else high = middle;
  }
  return Math.sqrt(df) / Math.tan((low + high) / 2);
}

/** Welch's interval for mean(xs) − mean(ys). */
export function welch(xs: number[], ys: number[]) {
  if (xs.length === 0 || ys.length === 0) return NONE;
  const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
  const value = mean(xs) - mean(ys);
  if (xs.length < 2 || ys.length < 2) return { value, interval: null, significant: null };
  const variance = (a: number[]) => {
    const m = mean(a);
    return a.reduce((s, x) => s + (x - m) ** 2, 0) / (a.length - 1);
  };
  const [a, b] = [variance(xs) / xs.length, variance(ys) / ys.length];
  if (a + b === 0) return { value, interval: null, significant: null };
  const df = (a + b) ** 2 / (a ** 2 / (xs.length - 1) + b ** 2 / (ys.length - 1));
  const margin = t975(df) * Math.sqrt(a + b);
  return verdict(value, [value - margin, value + margin]);
}
