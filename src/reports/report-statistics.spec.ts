import { meanDifference, proportionDifference } from './report-statistics';

describe("Newcombe's hybrid score interval for a difference of proportions", () => {
  // Newcombe (1998), "Interval estimation for the difference between independent proportions:
  // comparison of eleven methods", Statistics in Medicine 17:873–890, Table II, method 10:
  // its eight examples (a)–(h) as printed, to 4 decimals. Within 1e-4, not 5e-5: (c)'s upper
  // limit works out at 0.806251 (Wilson limits 0.48687–0.97432 and 0.08222–0.64107), on the
  // edge between the printed 0.8062 and 0.8063; every other limit is within 5e-5.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])('%i/%i − %i/%i gives [%d, %d]', (a, m, b, n, low, high) => {
    const { value, interval } = proportionDifference({ successes: a, n: m }, { successes: b, n });
    expect(value).toBeCloseTo(a / m - b / n, 12);
    expect(Math.abs(interval![0] - low)).toBeLessThanOrEqual(1e-4);
    expect(Math.abs(interval![1] - high)).toBeLessThanOrEqual(1e-4);
  });

  it('marks a difference significant only when the interval excludes 0', () => {
    expect(proportionDifference({ successes: 9, n: 10 }, { successes: 3, n: 10 })).toMatchObject({
      significant: true,
    });
    expect(proportionDifference({ successes: 5, n: 56 }, { successes: 0, n: 29 })).toMatchObject({
      significant: false,
    });
    expect(proportionDifference({ successes: 2, n: 10 }, { successes: 8, n: 10 })).toMatchObject({
      significant: true,
    });
  });

  it('is all nulls when a side has no data', () => {
    const none = { value: null, interval: null, significant: null };
    expect(proportionDifference({ successes: 0, n: 0 }, { successes: 3, n: 10 })).toEqual(none);
    expect(proportionDifference({ successes: 3, n: 10 }, { successes: 0, n: 0 })).toEqual(none);
  });
});

describe("Welch's interval for a difference of means", () => {
  it("matches R's documented Welch example: t.test(extra ~ group, data = sleep)", () => {
    // R's `sleep` data (Student 1908); R prints df = 17.776, 95 % CI −3.3654832 0.2054832.
    const one = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const two = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    const d = meanDifference(sample(one), sample(two));
    expect(d.value).toBeCloseTo(-1.58, 12);
    expect(d.interval![0]).toBeCloseTo(-3.3654832, 6);
    expect(d.interval![1]).toBeCloseTo(0.2054832, 6);
    expect(d.significant).toBe(false);
  });

  it('equals the pooled t interval when both sides have the same n and variance', () => {
    // Then df = 2n − 2 exactly: n 5 each, s² 1 → se² 0.4, t(0.975, 8) = 2.306 (t table).
    const d = meanDifference({ n: 5, mean: 5, variance: 1 }, { n: 5, mean: 3, variance: 1 });
    expect(d.interval![0]).toBeCloseTo(2 - 2.306004 * Math.sqrt(0.4), 5);
    expect(d.interval![1]).toBeCloseTo(2 + 2.306004 * Math.sqrt(0.4), 5);
    expect(d.significant).toBe(true);
  });

  it('gives the difference without an interval when a side has one answer or none varies', () => {
    const one = { n: 1, mean: 5, variance: 0 };
    const flat = { n: 4, mean: 4, variance: 0 };
    expect(meanDifference(one, flat)).toEqual({ value: 1, interval: null, significant: null });
    expect(meanDifference(flat, { n: 3, mean: 4, variance: 0 })).toEqual({
      value: 0,
      interval: null,
      significant: null,
    });
  });

  it('is all nulls when a side has no answers', () => {
    const none = { value: null, interval: null, significant: null };
    expect(meanDifference(null, { n: 4, mean: 4, variance: 1 })).toEqual(none);
    expect(meanDifference({ n: 4, mean: 4, variance: 1 }, { n: 0, mean: 0, variance: 0 })).toEqual(
      none,
    );
  });
});

function sample(values: number[]) {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return { n: values.length, mean, variance };
}
